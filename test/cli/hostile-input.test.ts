/**
 * The support CLI fed hostile input: never a stack trace or an English runtime/libxml2 message,
 * an exact Polish message and exit code for each case.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { checkedNip, polishError } from '../../src/cli/errors';
import { buildFa3 } from '../../src/fa3/build';
import { invoiceSizeProblem, MAX_INVOICE_BYTES } from '../../src/fa3/size-limit';
import { fa3Text } from '../../src/i18n/fa3';
import { DEMO_SELLER, makeDemoDataset } from '../sim/base/dataset';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(`${root}node_modules/.bin/tsx`, ['src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const ENGLISH = /Invalid time value|Invalid input or internal error|RangeError|TypeError|\n\s+at /;

// Child processes on a shared 2-core machine can take long to start: a generous timeout, not a timing check.
describe('cli with hostile input', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
  const ds = makeDemoDataset();
  const base = ds.invoices[0]!;
  const item = base.items[0]!;
  const seller = join(dir, 'seller.json');
  writeFileSync(seller, JSON.stringify(DEMO_SELLER));
  const file = (name: string, data: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
    return p;
  };
  /** One line of the invoice repeated `n` times, totals to match. */
  const withLines = (n: number, name: (i: number) => string) => ({
    ...base,
    items: Array.from({ length: n }, (_, i) => ({ ...item, name: name(i) })),
    total_price_brutto: Math.round(n * Number(item.price_brutto) * Number(item.quantity) * 100) / 100,
    total_price_netto: Math.round(n * Number(item.price_netto) * Number(item.quantity) * 100) / 100,
  });

  it('a date beyond any calendar: the Polish range message, not "Invalid time value"', async () => {
    const inv = file('far-date.json', { ...base, date_add: 1e20, date_sell: 1e20 });
    const r = await cli(['fa3', '--invoice', inv, '--seller', seller]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Nie można utworzyć FA(3) dla faktury ${base.number}:\n` +
        '- Data wystawienia (nieprawidłowa data) jest poza zakresem FA(3) (2006–2050). [ISSUE_DATE_OUT_OF_RANGE, pole: date_add]\n' +
        '- Data sprzedaży (nieprawidłowa data) jest poza zakresem FA(3) (2006–2050). [SALE_DATE_OUT_OF_RANGE, pole: date_sell]\n',
    );
  });

  it('an invoice over KSeF’s 1 MB is refused before anything is sent', async () => {
    const inv = file(
      'huge.json',
      withLines(6000, (i) => `Pozycja ${i} ${'x'.repeat(150)}`),
    );
    const r = await cli(['fa3', '--invoice', inv, '--seller', seller]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^Nie można utworzyć FA\\(3\\) dla faktury ${base.number.replaceAll('/', '\\/')}:\\n- Plik FA\\(3\\) ma 2,\\d\\d MB, a KSeF przyjmuje fakturę do 1 MB; KSeF odrzuciłby ją\\. Podziel fakturę na kilka mniejszych lub skróć opisy pozycji\\. \\[INVOICE_TOO_LARGE, pole: items\\]\\n$`,
      ),
    );
  });

  it('characters XML 1.0 forbids are dropped with a warning naming the field; a newline in the number is reported', async () => {
    const inv = file('controls.json', {
      ...base,
      number: 'FV/1\n/2026',
      invoice_company: 'Firma\u0001\u0008 Sp. z o.o.',
      items: [{ ...item, name: `${item.name}\u001f` }],
      total_price_brutto: Number(item.price_brutto) * Number(item.quantity),
      total_price_netto: Number(item.price_netto) * Number(item.quantity),
    });
    const r = await cli(['fa3', '--invoice', inv, '--seller', seller]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<P_2>FV/1 /2026</P_2>');
    expect(r.stdout).toContain('Firma Sp. z o.o.');
    expect(r.stderr).toBe(
      'Ostrzeżenie: Pole invoice_company zawiera znaki niedozwolone w XML (np. znaki sterujące); w FA(3) zostały pominięte. Popraw to pole w Base. [INVALID_XML_CHARS_DROPPED, pole: invoice_company]\n' +
        'Ostrzeżenie: Pole items[0].name zawiera znaki niedozwolone w XML (np. znaki sterujące); w FA(3) zostały pominięte. Popraw to pole w Base. [INVALID_XML_CHARS_DROPPED, pole: items[0].name]\n' +
        'Ostrzeżenie: Numer faktury zawiera znak nowego wiersza lub tabulacji; w FA(3) (P_2) zastąpiono go spacją: „FV/1 /2026”. Popraw numer w Base, aby zgadzał się z wydrukiem. [INVOICE_NUMBER_WHITESPACE, pole: number]\n',
    );
  });

  it('an XML file libxml2 cannot validate at all (external entity): Polish, not "Invalid input or internal error"', async () => {
    const xml = file(
      'extent.xml',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/">&e;</Faktura>',
    );
    const r = await cli(['validate', '--file', xml]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `NIEPOPRAWNY: ${xml} nie jest zgodny ze schematem FA(3):\n` +
        '- wiersz 1: Nie można sprawdzić pliku XML: zawiera konstrukcje, których faktura FA(3) nie może mieć (np. DTD lub odwołania do zewnętrznych encji i plików), albo jest uszkodzony.\n',
    );
    expect(r.stdout + r.stderr).not.toMatch(ENGLISH);
  });

  it('damaged XML files: libxml2’s message in Polish', async () => {
    const cases: [string, string, string][] = [
      ['empty.xml', '', 'plik jest pusty [Document is empty]'],
      ['text.xml', 'garbage', "to nie jest plik XML (brak znacznika początkowego) [Start tag expected, '<' not found]"],
      ['deep.xml', `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`, 'elementy są zagnieżdżone zbyt głęboko'],
    ];
    for (const [name, text, pl] of cases) {
      const xml = file(name, text);
      const r = await cli(['validate', '--file', xml]);
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toContain(`- wiersz 1: Plik XML jest uszkodzony (wiersz 1): ${pl}`);
    }
  });

  it('qr-invoice and qr-cert refuse a NIP with a bad checksum', async () => {
    const xml = file('any.xml', '<Faktura/>');
    const r = await cli(['qr-invoice', '--env', 'test', '--nip', '5265877636', '--date', '2026-05-13', '--file', xml]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'Błąd: --nip: nieprawidłowy NIP 5265877636: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.\n',
    );
    const ok = await cli([
      'qr-invoice',
      '--env',
      'test',
      '--nip',
      DEMO_SELLER.nip,
      '--date',
      '2026-05-13',
      '--file',
      xml,
    ]);
    expect(ok.code).toBe(0);
    const c = await cli([
      'qr-cert',
      '--env',
      'test',
      '--ctx-type',
      'Nip',
      '--ctx',
      '123',
      '--nip',
      DEMO_SELLER.nip,
      '--serial',
      '01',
      '--file',
      xml,
      '--key',
      xml,
    ]);
    expect(c.code).toBe(1);
    expect(c.stderr).toBe('Błąd: --ctx musi być NIP-em z 10 cyfr, a jest „123”\n');
  });
});

describe('the pieces', () => {
  it('runtime and libxml2 errors become Polish', () => {
    expect(polishError(new RangeError('Invalid time value'))).toBe(
      'nieprawidłowa data w danych wejściowych (poza zakresem kalendarza); sprawdź pola z datami.',
    );
    expect(polishError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      'nie można przetworzyć danych wejściowych: mają nieoczekiwaną postać (TypeError). Sprawdź plik wejściowy.',
    );
    class XmlError extends Error {}
    expect(polishError(new XmlError('Invalid input or internal error'))).toMatch(/^nie można przetworzyć pliku XML/);
    expect(polishError(new Error('brak wymaganej opcji --file'))).toBe('brak wymaganej opcji --file');
    expect(checkedNip('526-587-76-35', 'nip')).toBe('5265877635');
  });

  it('the size limit is the same for the pipeline: buildFa3 refuses, with attachments the limit is 3 MB', () => {
    const ds = makeDemoDataset();
    const inv = ds.invoices[0]!;
    const it0 = inv.items[0]!;
    const n = 6000;
    const raw = {
      ...inv,
      items: Array.from({ length: n }, (_, i) => ({ ...it0, name: `Pozycja ${i} ${'x'.repeat(150)}` })),
      total_price_brutto: Math.round(n * Number(it0.price_brutto) * Number(it0.quantity) * 100) / 100,
      total_price_netto: Math.round(n * Number(it0.price_netto) * Number(it0.quantity) * 100) / 100,
    };
    const r = buildFa3({ invoice: decodeInvoice(raw), seller: DEMO_SELLER, now: new Date('2026-12-31T12:00:00Z') });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['INVOICE_TOO_LARGE']);
    const body = 'x'.repeat(MAX_INVOICE_BYTES);
    expect(invoiceSizeProblem(`<Faktura>${body}</Faktura>`)?.code).toBe('INVOICE_TOO_LARGE');
    expect(invoiceSizeProblem(`<Faktura><Zalacznik>${body}</Zalacznik></Faktura>`)).toBeNull();
    expect(invoiceSizeProblem(`<Faktura>${'x'.repeat(MAX_INVOICE_BYTES - 30)}</Faktura>`)).toBeNull();
  });

  it('the sizes in the refusal are written each language’s way: 1,23 MB in Polish, 1.23 MB in English', () => {
    const big = invoiceSizeProblem(`<Faktura>${'x'.repeat(1_234_567)}</Faktura>`)!;
    expect(big.message).toContain('ma 1,23 MB, a KSeF przyjmuje fakturę do 1 MB');
    expect(fa3Text('INVOICE_TOO_LARGE', 'pl', big.params)).toBe(big.message);
    expect(fa3Text('INVOICE_TOO_LARGE', 'en', big.params)).toContain(
      'has 1.23 MB, and KSeF accepts an invoice of up to 1 MB',
    );
    const withAttachment = `<Faktura><Zalacznik>${'x'.repeat(3_456_789)}</Zalacznik></Faktura>`;
    const large = invoiceSizeProblem(withAttachment)!;
    expect(fa3Text('INVOICE_TOO_LARGE_ATTACHMENTS', 'en', large.params)).toContain('3.46 MB');
    expect(large.message).toContain('3,46 MB');
  });
});
