import { readFileSync } from 'node:fs';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  aesEncrypt,
  b64,
  Client,
  control,
  crc8Hex,
  FA3,
  loginWithToken,
  type MfCert,
  newAesKey,
  rsaEncrypt,
  type SessionKeys,
  sha256,
  utf8,
} from './test-client';

const NIP = '5265877635';
const FILLED = new URL('../../fixtures/ksef/samples/filled/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, FILLED), 'utf8');
const withNumber = (xml: string, n: string) => xml.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${n}</P_2>`);

let sim: KsefSim;
let c: Client;
let mf: MfCert;

beforeAll(async () => {
  sim = await startKsefSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  c = new Client(sim.baseUrl);
  mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
});

/** Splits the archive binarily, encrypts each part with the session key/IV (§4.2–§4.3) and opens the session. */
async function openBatch(archive: Uint8Array<ArrayBuffer>, k: SessionKeys, partCount: number, compressionType = 'Zip') {
  const size = Math.ceil(archive.length / partCount);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < partCount; i++) parts.push(await aesEncrypt(k, archive.slice(i * size, (i + 1) * size)));
  const open = await c.call('POST', '/sessions/batch', {
    template: '/sessions/batch',
    body: {
      formCode: FA3,
      batchFile: {
        fileSize: archive.length,
        fileHash: await sha256(archive),
        compressionType,
        fileParts: await Promise.all(
          parts.map(async (p, i) => ({ ordinalNumber: i + 1, fileSize: p.length, fileHash: await sha256(p) })),
        ),
      },
      encryption: {
        encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw),
        initializationVector: b64(k.iv),
        publicKeyId: mf.publicKeyId,
      },
    },
  });
  return { open, parts };
}

async function upload(
  open: { body: { partUploadRequests: { url: string; method: string; headers: Record<string, string> }[] } },
  parts: Uint8Array<ArrayBuffer>[],
) {
  for (const [i, req] of open.body.partUploadRequests.entries()) {
    // Exactly the given method, URL and headers; no Authorization (§4.5).
    const r = await fetch(req.url, { method: req.method, headers: req.headers, body: parts[i] ?? null });
    expect(r.status).toBe(201);
  }
}

async function finalSession(ref: string) {
  for (let i = 0; i < 200; i++) {
    const r = await c.call('GET', `/sessions/${ref}`, { template: '/sessions/{referenceNumber}' });
    if (![100, 150, 170].includes(r.body.status.code)) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('session never final');
}

describe('batch session', () => {
  it('processes a 3-part ZIP: valid invoices get KSeF numbers, failed ones are listed with their codes', async () => {
    const files = {
      'a.xml': utf8(withNumber(sample('csharp-invoice-template-fa-3.filled.xml'), 'B/1')),
      'b.xml': utf8(withNumber(sample('java-invoice-template_v3.filled.xml'), 'B/2')),
      // Attachments are allowed in batch sessions only (§4).
      'c.xml': utf8(withNumber(sample('csharp-invoice-template-fa-3-with-attachment.filled.xml'), 'B/3')),
      'd.xml': utf8(
        withNumber(sample('csharp-invoice-template-fa-3.filled.xml'), 'B/4').replace('<P_16>', '<P_17>2</P_17><P_16>'),
      ),
      'e.xml': utf8(withNumber(sample('csharp-invoice-template-fa-3.filled.xml'), 'B/1')), // duplicate of a.xml
    };
    const archive = zipSync(files) as Uint8Array<ArrayBuffer>;
    const k = await newAesKey();
    const { open, parts } = await openBatch(archive, k, 3);
    expect(open.status).toBe(201);
    const ref = open.body.referenceNumber as string;
    expect(ref).toMatch(/^\d{8}-SB-/);
    for (const u of open.body.partUploadRequests) expect(u.url.startsWith(`${sim.origin}/`)).toBe(true);
    await upload(open, parts);
    const close = await c.call('POST', `/sessions/batch/${ref}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    expect(close.status).toBe(204);
    const st = await finalSession(ref);
    expect(st.body.status.code).toBe(200);
    expect(st.body.invoiceCount).toBe(5);
    expect(st.body.successfulInvoiceCount).toBe(3);
    expect(st.body.failedInvoiceCount).toBe(2);

    const list = await c.call('GET', `/sessions/${ref}/invoices?pageSize=10`, {
      template: '/sessions/{referenceNumber}/invoices',
    });
    const byName = Object.fromEntries(
      list.body.invoices.map((i: { invoiceFileName: string }) => [i.invoiceFileName, i]),
    );
    for (const name of ['a.xml', 'b.xml', 'c.xml']) {
      const n = byName[name].ksefNumber as string;
      expect(byName[name].status.code).toBe(200);
      expect(n.slice(33)).toBe(crc8Hex(n.slice(0, 32)));
    }
    expect(byName['d.xml'].status.code).toBe(450);
    expect(byName['e.xml'].status.code).toBe(440);
    expect(byName['e.xml'].status.extensions.originalKsefNumber).toBe(byName['a.xml'].ksefNumber);
    const failed = await c.call('GET', `/sessions/${ref}/invoices/failed`, {
      template: '/sessions/{referenceNumber}/invoices/failed',
    });
    expect(failed.body.invoices.map((i: { invoiceFileName: string }) => i.invoiceFileName).sort()).toEqual([
      'd.xml',
      'e.xml',
    ]);
    expect(st.body.upo.pages).toHaveLength(1);
  });

  it('accepts a tar.gz archive (compressionType TarGz)', async () => {
    const xml = utf8(withNumber(sample('csharp-invoice-template-fa-3.filled.xml'), 'T/1'));
    // A one-file ustar archive written by hand in the test.
    const header = new Uint8Array(512);
    const put = (s: string, off: number) => header.set(utf8(s), off);
    put('t1.xml', 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(`${xml.length.toString(8).padStart(11, '0')}\0`, 124);
    put('00000000000\0', 136);
    put('        ', 148);
    header[156] = 48;
    put('ustar\0', 257);
    put('00', 263);
    const sum = header.reduce((a, b) => a + b, 0);
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const body = new Uint8Array(Math.ceil(xml.length / 512) * 512);
    body.set(xml);
    const tar = new Uint8Array([...header, ...body, ...new Uint8Array(1024)]);
    const archive = gzipSync(tar) as Uint8Array<ArrayBuffer>;
    const { open, parts } = await openBatch(archive, await newAesKey(), 1, 'TarGz');
    await upload(open, parts);
    await c.call('POST', `/sessions/batch/${open.body.referenceNumber}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    const st = await finalSession(open.body.referenceNumber);
    expect(st.body.status.code).toBe(200);
    expect(st.body.successfulInvoiceCount).toBe(1);
  });

  it('refuses to close with a missing part (21205) and rejects uploads without a valid signature (403)', async () => {
    const archive = zipSync({
      'a.xml': utf8(sample('csharp-invoice-template-fa-3.filled.xml')),
    }) as Uint8Array<ArrayBuffer>;
    const { open, parts } = await openBatch(archive, await newAesKey(), 2);
    const first = open.body.partUploadRequests[0];
    const forged = await fetch(first.url.replace(/sig=[^&]+/, 'sig=forged'), {
      method: 'PUT',
      headers: first.headers,
      body: parts[0] ?? null,
    });
    expect(forged.status).toBe(403);
    expect((await fetch(first.url, { method: 'PUT', headers: first.headers, body: parts[0] ?? null })).status).toBe(
      201,
    );
    const close = await c.call('POST', `/sessions/batch/${open.body.referenceNumber}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    expect(close.status).toBe(400);
    expect(close.body.exception.exceptionDetailList[0].exceptionCode).toBe(21205);
  });

  it('reports a part encrypted with another key as session 435 and a non-ZIP as 430', async () => {
    const archive = zipSync({
      'a.xml': utf8(sample('csharp-invoice-template-fa-3.filled.xml')),
    }) as Uint8Array<ArrayBuffer>;
    const k = await newAesKey();
    // Declared hash/size belong to a ciphertext under another key (same length): only decryption can fail.
    const other = await aesEncrypt(await newAesKey(), archive);
    const open2 = await c.call('POST', '/sessions/batch', {
      template: '/sessions/batch',
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: archive.length,
          fileHash: await sha256(archive),
          fileParts: [{ ordinalNumber: 1, fileSize: other.length, fileHash: await sha256(other) }],
        },
        encryption: { encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw), initializationVector: b64(k.iv) },
      },
    });
    await upload(open2, [other]);
    await c.call('POST', `/sessions/batch/${open2.body.referenceNumber}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    // A foreign key almost always breaks the padding (435); otherwise the archive hash cannot match (405).
    expect([435, 405]).toContain((await finalSession(open2.body.referenceNumber)).body.status.code);

    const notZip = utf8('to nie jest archiwum ZIP');
    const { open: o3, parts: p3 } = await openBatch(notZip, await newAesKey(), 1);
    await upload(o3, p3);
    await c.call('POST', `/sessions/batch/${o3.body.referenceNumber}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    expect((await finalSession(o3.body.referenceNumber)).body.status.code).toBe(430);
  });

  it('answers more than 50 declared parts with 21161', async () => {
    const k = await newAesKey();
    const h = await sha256(utf8('x'));
    const r = await c.call('POST', '/sessions/batch', {
      template: '/sessions/batch',
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: 100,
          fileHash: h,
          fileParts: Array.from({ length: 51 }, (_, i) => ({ ordinalNumber: i + 1, fileSize: 16, fileHash: h })),
        },
        encryption: { encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw), initializationVector: b64(k.iv) },
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.exception.exceptionDetailList[0].exceptionCode).toBe(21161);
  });
});
