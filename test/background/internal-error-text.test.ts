// Invariants of ours that fail (the batch package, its source, zlib, the signing key, KOD I input)
// and exceptions nobody expected keep a Polish (or a developer's) message for logs; the worker
// words them for the page in the UI language, never showing that message.
import '@abraham/reflection';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/background/error-text';
import { UserError } from '../../src/background/router';
import { PreparedPackage } from '../../src/ksef/batch-package';
import { type BatchFileEntry, renamed, tooManyInvoices } from '../../src/ksef/batch-source';
import { RawDeflater } from '../../src/ksef/raw-deflate';
import { createTestCertificate } from '../../src/ksef/test-certificate';
import { buildAuthTokenRequest, signXadesEnveloped } from '../../src/ksef/xades';
import { buildKod1Url } from '../../src/qr';
import { expectNoPolish } from '../adapters/no-polish';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const HASH = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg';

async function thrown(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

async function packageWithoutPart(): Promise<Error> {
  const key = await crypto.subtle.importKey('raw', random(32), 'AES-CBC', false, ['encrypt']);
  const opts = { key, iv: random(16), maxPartSize: 10_000, mtime: Date.UTC(2026, 10, 30) };
  const xml = new TextEncoder().encode('<Faktura/>');
  const pkg = await PreparedPackage.prepare(() => [{ fileName: 'a.xml', xml }], opts);
  return thrown(() => pkg.body(pkg.parts.length + 1));
}

async function sourceThatChanged(): Promise<Error> {
  const files = [{ id: 'a', fileName: 'a.xml', invoiceHash: '' }] satisfies BatchFileEntry[];
  return thrown(async () => {
    for await (const _ of renamed([{ id: 'b', xml: new Uint8Array(1) }], files));
  });
}

async function rsaPssLogin(): Promise<Error> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await createTestCertificate('5265877635', Date.now(), random);
  const xml = buildAuthTokenRequest('20250604-CR-461EA5B000-537A6BA15D-D7', { type: 'Nip', value: '5265877635' });
  return thrown(() =>
    signXadesEnveloped(xml, { privateKey: keys.privateKey, certificateDer: cert.certificateDer }, new Date()),
  );
}

const kod1 = (issueDate: string, hash: string) =>
  thrown(() => buildKod1Url({ qrBase: 'https://qr-test.ksef.mf.gov.pl', sellerNip: '5265877635', issueDate, hash }));

interface Case {
  name: string;
  error: () => Promise<Error>;
  /** What the Polish page reads, and what the English one says. */
  pl: RegExp;
  en: RegExp;
}

const CASES: Case[] = [
  {
    name: 'the batch package without the part asked for',
    error: packageWithoutPart,
    pl: /^Nie udało się przygotować paczki faktur do wysłania/,
    en: /^The invoice batch could not be prepared for sending/,
  },
  {
    name: 'the batch source giving other invoices on a second read',
    error: sourceThatChanged,
    pl: /^Faktury paczki zmieniły się w trakcie jej przygotowania/,
    en: /^The batch's invoices changed while it was being prepared/,
  },
  {
    name: 'a batch over the session limit',
    error: async () => tooManyInvoices(10_001),
    pl: /limit KSeF 10000 faktur/,
    en: /the KSeF limit of 10000 invoices/,
  },
  {
    name: 'zlib refusing to start',
    error: () => thrown(() => RawDeflater.create(99)),
    pl: /^Nie udało się skompresować paczki faktur/,
    en: /^The invoice batch could not be compressed/,
  },
  {
    name: 'a signing key of a kind XAdES is not made with',
    error: rsaPssLogin,
    pl: /^Klucz certyfikatu KSeF jest rodzaju, którym rozszerzenie nie podpisuje/,
    en: /^The KSeF certificate's key is of a kind the extension does not sign the login with/,
  },
  {
    name: 'KOD I from a malformed hash',
    error: () => kod1('2026-11-30', 'abc'),
    pl: /^Nie udało się utworzyć kodu QR KOD I: skrót faktury/,
    en: /^The KOD I QR code could not be made: the invoice hash is malformed/,
  },
  {
    name: 'KOD I from a malformed issue date',
    error: () => kod1('30.11.2026', HASH),
    pl: /data wystawienia „30\.11\.2026” nie jest poprawną datą RRRR-MM-DD/,
    en: /the issue date "30\.11\.2026" is not a valid YYYY-MM-DD date/,
  },
  {
    name: 'KOD I from an impossible issue date',
    error: () => kod1('2026-13-01', HASH),
    pl: /data wystawienia „2026-13-01” nie jest/,
    en: /the issue date "2026-13-01" is not a valid/,
  },
  {
    name: 'an exception nobody expected (Polish)',
    error: async () => new Error('coś poszło nie tak w środku'),
    pl: /^Wystąpił nieoczekiwany błąd rozszerzenia\. Spróbuj ponownie/,
    en: /^An unexpected error occurred in the extension\. Try again/,
  },
  {
    name: "an exception nobody expected (the runtime's)",
    error: async () => new TypeError("Cannot read properties of undefined (reading 'parts')"),
    pl: /^Wystąpił nieoczekiwany błąd rozszerzenia/,
    en: /^An unexpected error occurred in the extension/,
  },
];

describe('internal failures worded at the edge', () => {
  it.each(CASES)('$name', async (c) => {
    const e = await c.error();
    const en = errorText(e, 'en');
    expect(en).toMatch(c.en);
    expectNoPolish(en);
    expect(errorText(e, 'pl')).toMatch(c.pl);
    // The raw message is for logs: neither page shows it.
    expect(en).not.toContain(e.message);
    expect(errorText(e, 'pl')).not.toContain(e.message);
  });

  it('the layers keep their Polish message for logs and tests', async () => {
    expect((await packageWithoutPart()).message).toMatch(/^paczka nie ma części 2$/);
    expect((await sourceThatChanged()).message).toMatch(/inne faktury/);
    expect((await rsaPssLogin()).message).toMatch(/^Nieobsługiwany typ klucza podpisu: RSA-PSS/);
    expect((await kod1('30.11.2026', HASH)).message).toMatch(/musi mieć postać RRRR-MM-DD/);
  });

  it('a refusal already in the user’s words keeps them', () => {
    expect(errorText(new UserError('Enter the KSeF token in the settings.', 'not-configured'), 'en')).toBe(
      'Enter the KSeF token in the settings.',
    );
  });
});
