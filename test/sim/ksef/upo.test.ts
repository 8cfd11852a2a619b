import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  Client,
  control,
  crc8Hex,
  finalInvoiceStatus,
  invoicePayload,
  loginWithToken,
  newAesKey,
  openOnline,
  sendInvoice,
  sha256,
  utf8,
} from './test-client';

const NIP = '5265877635';
const FILLED = new URL('../../fixtures/ksef/samples/filled/', import.meta.url);
const upoXsd = XsdValidator.fromDoc(
  XmlDocument.fromBuffer(new Uint8Array(readFileSync(new URL('./official/schemas/upo-v4-3.xsd', import.meta.url)))),
);

function upoErrors(xml: string): string[] {
  const doc = XmlDocument.fromString(xml);
  try {
    upoXsd.validate(doc);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details.map((d) => d.message.trim());
    throw e;
  } finally {
    doc.dispose();
  }
}

const sims: Record<string, KsefSim> = {};
beforeAll(async () => {
  sims.test = await startKsefSim({ env: 'test' });
  sims.prod = await startKsefSim({ env: 'prod' });
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.close()));
});

/** Sends each XML in its own session state (reset first) and returns the final statuses. */
async function sendAll(sim: KsefSim, xmls: Uint8Array<ArrayBuffer>[]) {
  await control(sim.origin, 'POST', '/__sim/reset');
  const c = new Client(sim.baseUrl);
  const { keys } = await loginWithToken(c, sim.origin, NIP);
  const k = await newAesKey();
  const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber as string;
  const statuses = [];
  for (const xml of xmls) {
    const r = await sendInvoice(c, sref, await invoicePayload(k, xml));
    statuses.push((await finalInvoiceStatus(c, sref, r.body.referenceNumber)).body);
  }
  return { c, sref, statuses };
}

describe('official samples', () => {
  it('accepts every official filled sample (attachment one: 415 online, accepted in batch — see batch tests)', async () => {
    for (const name of readdirSync(FILLED)) {
      const xml = new Uint8Array(readFileSync(new URL(name, FILLED))) as Uint8Array<ArrayBuffer>;
      const { statuses } = await sendAll(sims.test!, [xml]);
      const st = statuses[0]!;
      if (name.includes('with-attachment')) {
        expect(st.status.code, name).toBe(415);
        continue;
      }
      expect(st.status.code, name).toBe(200);
      expect(st.ksefNumber.slice(33), name).toBe(crc8Hex(st.ksefNumber.slice(0, 32)));
    }
  });

  it('accepts the ksef-pdf-generator sample', async () => {
    const xml = new Uint8Array(
      readFileSync(new URL('../../fixtures/ksef/samples/pdf-generator-invoice-fa3.xml', import.meta.url)),
    ) as Uint8Array<ArrayBuffer>;
    const sellerNip = /<Podmiot1>[\s\S]*?<NIP>(\d{10})<\/NIP>/.exec(new TextDecoder().decode(xml))![1]!;
    await control(sims.test!.origin, 'POST', '/__sim/reset');
    const c = new Client(sims.test!.baseUrl);
    const { keys } = await loginWithToken(c, sims.test!.origin, sellerNip);
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const r = await sendInvoice(c, sref, await invoicePayload(k, xml));
    expect((await finalInvoiceStatus(c, sref, r.body.referenceNumber)).body.status.code).toBe(200);
  });
});

describe('UPO', () => {
  it('serves the invoice UPO by reference number, by KSeF number and by pre-signed URL (no Authorization)', async () => {
    const xml = new Uint8Array(
      readFileSync(new URL('csharp-invoice-template-fa-3.filled.xml', FILLED)),
    ) as Uint8Array<ArrayBuffer>;
    const { c, sref, statuses } = await sendAll(sims.prod!, [xml]);
    const st = statuses[0]!;
    const byRef = await c.call('GET', `/sessions/${sref}/invoices/${st.referenceNumber}/upo`, {
      template: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo',
    });
    expect(byRef.status).toBe(200);
    expect(byRef.headers.get('content-type')).toContain('application/xml');
    const byKsef = await c.call('GET', `/sessions/${sref}/invoices/ksef/${st.ksefNumber}/upo`, {
      template: '/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo',
    });
    expect(byKsef.text).toBe(byRef.text);
    const dl = await fetch(st.upoDownloadUrl);
    const text = await dl.text();
    expect(text).toBe(byRef.text);
    expect(dl.headers.get('x-ms-meta-hash')).toBe(await sha256(utf8(text)));
    // PROD: receiver name without suffix → the official XSD accepts it.
    expect(upoErrors(text)).toEqual([]);
    expect(text).toContain(`<NumerKSeFDokumentu>${st.ksefNumber}</NumerKSeFDokumentu>`);
    expect(text).toContain(`<SkrotDokumentu>${await sha256(xml)}</SkrotDokumentu>`);
    expect(text).toContain('<TrybWysylki>Offline</TrybWysylki>');
    expect(text).toMatch(/<NumerReferencyjnyTokenaKSeF>\d{8}-EC-/);
  });

  it('puts the TE suffix into the receiver name on TEST (the only XSD deviation) and pages the session UPO', async () => {
    const base = readFileSync(new URL('csharp-invoice-template-fa-3.filled.xml', FILLED), 'utf8');
    const xmls = ['U/1', 'U/2'].map((n) => utf8(base.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${n}</P_2>`)));
    const { c, sref, statuses } = await sendAll(sims.test!, xmls);
    expect(statuses.map((s) => s.status.code)).toEqual([200, 200]);
    await c.call('POST', `/sessions/online/${sref}/close`, { template: '/sessions/online/{referenceNumber}/close' });
    const ss = await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' });
    const page = ss.body.upo.pages[0];
    const auth = await c.call('GET', `/sessions/${sref}/upo/${page.referenceNumber}`, {
      template: '/sessions/{referenceNumber}/upo/{upoReferenceNumber}',
    });
    const plain = await (await fetch(page.downloadUrl)).text();
    expect(plain).toBe(auth.text);
    expect(plain).toContain(
      '<NazwaPodmiotuPrzyjmujacego>Ministerstwo Finansów - środowisko testowe (TE)</NazwaPodmiotuPrzyjmujacego>',
    );
    expect(plain).toContain('<CalkowitaLiczbaDokumentow>2</CalkowitaLiczbaDokumentow>');
    const errors = upoErrors(plain);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('NazwaPodmiotuPrzyjmujacego');
    expect(upoErrors(plain.replace(' - środowisko testowe (TE)', ''))).toEqual([]);
  });

  it('builds returned URLs on the Host the request came to', async () => {
    const xml = new Uint8Array(
      readFileSync(new URL('csharp-invoice-template-fa-3.filled.xml', FILLED)),
    ) as Uint8Array<ArrayBuffer>;
    const { c, sref, statuses } = await sendAll(sims.test!, [xml]);
    const url = new URL(`${sims.test!.baseUrl}/sessions/${sref}/invoices/${statuses[0]!.referenceNumber}`);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { host: 'api-test.ksef.mf.gov.pl', authorization: `Bearer ${c.access}` },
        },
        (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body).upoDownloadUrl).toMatch(/^https:\/\/api-test\.ksef\.mf\.gov\.pl\/__storage\/upo\//);
  });
});
