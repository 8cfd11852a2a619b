import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run as keyCheck } from '../../src/cli/commands/key-check';
import { run as qrCert } from '../../src/cli/commands/qr-cert';
import { run as qrInvoice } from '../../src/cli/commands/qr-invoice';
import { base64UrlToBytes, splitKod2Url } from '../../src/qr';
import { ENV_OF, FIXTURES, qrVectors } from './vectors';

const dir = mkdtempSync(join(tmpdir(), 'ksef-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ec = qrVectors.keys['ecdsa-p256-taxpayer-app'];
const rsa = qrVectors.keys['rsa-2048-java-sample'];
const ecKeyPath = join(dir, 'taxpayer.key');
const rsaKeyPath = join(dir, 'rsa.der');
writeFileSync(ecKeyPath, ec.encryptedPkcs8Pem);
writeFileSync(rsaKeyPath, Buffer.from(rsa.pkcs8DerBase64, 'base64'));

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await fn(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('cli qr-invoice', () => {
  for (const v of qrVectors.kod1.filter((x) => x.invoiceFile)) {
    it(v.id, async () => {
      const r = await capture(() =>
        qrInvoice([
          '--env',
          ENV_OF[v.env],
          '--nip',
          v.sellerNip,
          '--date',
          v.issueDateP1,
          '--file',
          join(FIXTURES, v.invoiceFile!),
        ]),
      );
      expect(r).toEqual({ code: 0, out: `${v.expectedUrl}\n`, err: '' });
    });
  }
  it('fails with a Polish message on a missing option or unknown environment', async () => {
    const a = await capture(() => qrInvoice(['--env', 'test', '--nip', '1111111111', '--date', '2026-01-01']));
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/brak wymaganej opcji --file/);
    const b = await capture(() => qrInvoice(['--env', 'prd', '--nip', '1', '--date', '2026-01-01', '--file', 'x']));
    expect(b.err).toMatch(/test, demo, prod/);
  });
});

describe('cli qr-cert', () => {
  const v = qrVectors.kod2.find((x) => x.id === 'ecdsa-p256-TE')!;
  const invoice = join(dir, 'invoice.xml');
  // A file whose SHA-256 is the vector's hash would need a preimage; use a real sample instead
  // and check the link structure + signature.
  writeFileSync(invoice, '<root>test</root>');
  it('EC (encrypted taxpayer-app key): the printed link verifies with the public key', async () => {
    const r = await capture(() =>
      qrCert([
        '--env',
        'test',
        '--ctx-type',
        'Nip',
        '--ctx',
        v.contextIdentifierValue!,
        '--nip',
        v.sellerNip!,
        '--serial',
        v.certificateSerialNumber!,
        '--file',
        invoice,
        '--key',
        ecKeyPath,
        '--password',
        ec.password,
      ]),
    );
    expect(r.code).toBe(0);
    const url = r.out.trim();
    const hash = qrVectors.kod1.find((x) => x.invoiceXmlUtf8 === '<root>test</root>')!.invoiceHashBase64Url;
    expect(
      url.startsWith(`https://qr-test.ksef.mf.gov.pl/certificate/Nip/8096529464/8096529464/01D1732E43B9345E/${hash}/`),
    ).toBe(true);
    const { stringToSign, signature } = splitKod2Url(url);
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(stringToSign),
        { key: createPublicKey(ec.publicKeySpkiPem), dsaEncoding: 'ieee-p1363' },
        base64UrlToBytes(signature),
      ),
    ).toBe(true);
  });
  it('RSA (DER PKCS#8): RSA-PSS salt 32 verifies', async () => {
    const r = await capture(() =>
      qrCert([
        '--env',
        'prod',
        '--ctx-type',
        'Nip',
        '--ctx',
        '7368335898',
        '--nip',
        '7368335898',
        '--serial',
        '01732D26F736E531',
        '--file',
        invoice,
        '--key',
        rsaKeyPath,
      ]),
    );
    expect(r.code).toBe(0);
    const { stringToSign, signature } = splitKod2Url(r.out.trim());
    expect(stringToSign.startsWith('qr.ksef.mf.gov.pl/certificate/Nip/7368335898/7368335898/01732D26F736E531/')).toBe(
      true,
    );
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(stringToSign),
        { key: createPublicKey(rsa.publicKeySpkiPem), padding: 6, saltLength: 32 },
        base64UrlToBytes(signature),
      ),
    ).toBe(true);
  });
  it('wrong password: Polish error, exit 1, nothing on stdout', async () => {
    const r = await capture(() =>
      qrCert([
        '--env',
        'test',
        '--ctx-type',
        'Nip',
        '--ctx',
        '5265877635',
        '--nip',
        '5265877635',
        '--serial',
        '01',
        '--file',
        invoice,
        '--key',
        ecKeyPath,
        '--password',
        'zle',
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/Nieprawidłowe hasło/);
  });
});

describe('cli key-check', () => {
  it('reports EC P-256 and RSA 2048', async () => {
    expect(await capture(() => keyCheck(['--key', ecKeyPath, '--password', ec.password]))).toMatchObject({
      code: 0,
      out: 'EC P-256 (zaszyfrowany, hasło poprawne)\n',
    });
    expect(await capture(() => keyCheck(['--key', rsaKeyPath]))).toMatchObject({ code: 0, out: 'RSA 2048\n' });
  });
  it('each failure: its code on stderr and exit 1', async () => {
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'to nie jest klucz');
    for (const [args, code] of [
      [['--key', ecKeyPath, '--password', 'x'], 'wrong-password'],
      [['--key', ecKeyPath], 'password-required'],
      [['--key', bad], 'malformed-key'],
    ] as const) {
      const r = await capture(() => keyCheck([...args]));
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain(`[${code}]`);
    }
    const missing = await capture(() => keyCheck([]));
    expect(missing.err).toMatch(/--key/);
  });
});
