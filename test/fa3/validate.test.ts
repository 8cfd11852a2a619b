/** The libxml2-wasm validator against the official samples, broken copies and a bulk month. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3 } from '../../src/fa3/build';
import { checkFa3Xml } from '../../src/fa3/semantic';
import { DEMO_SELLER, makeMonthDataset } from '../sim/base/dataset';
import { fa3Validator, NOW } from './helpers';

const samples = new URL('../fixtures/ksef/samples/', import.meta.url);
const official = [
  new URL('pdf-generator-invoice-fa3.xml', samples),
  ...readdirSync(new URL('filled/', samples)).map((f) => new URL(`filled/${f}`, samples)),
];

describe('FA(3) XSD validator', () => {
  it('accepts every official sample (and the semantic checks agree)', () => {
    for (const f of official) {
      const xml = new Uint8Array(readFileSync(f));
      expect(fa3Validator().validate(xml), String(f)).toEqual({ valid: true, wellFormed: true, errors: [] });
      expect(checkFa3Xml(xml), String(f)).toEqual([]);
    }
  });

  it('reports schema errors with the element path and a Polish explanation', () => {
    const src = readFileSync(official[0]!, 'utf8');
    const r = fa3Validator().validate(src.replace(/<P_2>[^<]*<\/P_2>/, ''));
    expect(r.valid).toBe(false);
    expect(r.wellFormed).toBe(true);
    expect(r.errors[0]).toMatchObject({ path: '/Faktura/Fa/P_6' });
    expect(r.errors[0]!.message).toContain('Expected is ( P_2 )');
    expect(r.errors[0]!.messagePl).toMatch(/oczekiwano: P_2/);
    const nip = fa3Validator().validate(src.replace('<NIP>5265877635</NIP>', '<NIP>0123</NIP>'));
    expect(nip.errors[0]!.path).toBe('/Faktura/Podmiot1/DaneIdentyfikacyjne/NIP');
    expect(nip.errors[0]!.messagePl).toMatch(/„0123”/);
  });

  it('reports malformed XML as not well-formed', () => {
    const r = fa3Validator().validate('<Faktura><Fa></Faktura>');
    expect(r).toMatchObject({ valid: false, wellFormed: false });
    expect(r.errors[0]!.messagePl).toMatch(/uszkodzony/);
  });

  // Generous timeout for a loaded shared machine (speed is measured by benchmarks, not here).
  it('validates a generated month of 2,000 invoices with one compiled schema', { timeout: 180_000 }, () => {
    const ds = makeMonthDataset('2026-10', 2000);
    let valid = 0;
    for (const raw of ds.invoices) {
      const r = buildFa3({ invoice: decodeInvoice(raw), seller: { ...DEMO_SELLER }, now: NOW });
      if (!r.ok) throw new Error(`${raw.number}: ${JSON.stringify(r.errors)}`);
      if (fa3Validator().validate(r.xml).valid) valid++;
    }
    expect(valid).toBe(2000);
  });
});

describe('semantic checks', () => {
  const src = readFileSync(official[0]!, 'utf8');
  it('catch a wrong NIP checksum the XSD lets through', () => {
    const bad = src.replace('<NIP>6808208874</NIP>', '<NIP>6808208875</NIP>');
    expect(fa3Validator().validate(bad).valid).toBe(true);
    expect(checkFa3Xml(bad).map((i) => i.code)).toContain('BUYER_NIP_INVALID');
  });
  it('compare the issue date with the Warsaw day the file was made, not its UTC date', () => {
    // 23:30 UTC on 4 December is 00:30 on 5 December in Warsaw: an invoice of the 5th is fine.
    const at = (p1: string, made: string) =>
      src
        .replace(/<P_1>[^<]*<\/P_1>/, `<P_1>${p1}</P_1>`)
        .replace(/<DataWytworzeniaFa>[^<]*<\/DataWytworzeniaFa>/, `<DataWytworzeniaFa>${made}</DataWytworzeniaFa>`);
    expect(checkFa3Xml(at('2026-12-05', '2026-12-04T23:30:00Z')).map((i) => i.code)).not.toContain(
      'ISSUE_DATE_AFTER_CREATION',
    );
    expect(checkFa3Xml(at('2026-12-06', '2026-12-04T23:30:00Z')).map((i) => i.code)).toContain(
      'ISSUE_DATE_AFTER_CREATION',
    );
  });
  it('catch P_15 that does not match the per-rate totals', () => {
    const bad = src.replace('<P_15>33569.50</P_15>', '<P_15>33569.51</P_15>');
    expect(checkFa3Xml(bad).map((i) => i.code)).toContain('TOTAL_MISMATCH');
  });
  it('catch lines with zero quantity or without a name', () => {
    const bad = src.replace('<P_8B>7</P_8B>', '<P_8B>0</P_8B>');
    expect(checkFa3Xml(bad).map((i) => i.code)).toContain('LINE_QUANTITY_ZERO');
  });
  it('catch foreign-currency VAT without its PLN amount and WDT without a buyer VAT ID', () => {
    const eur = src.replace('<KodWaluty>PLN</KodWaluty>', '<KodWaluty>EUR</KodWaluty>');
    expect(checkFa3Xml(eur).map((i) => i.code)).toContain('PLN_VAT_MISSING');
    const wdt = src.replace('<P_12>23</P_12>', '<P_12>0 WDT</P_12>');
    expect(checkFa3Xml(wdt).map((i) => i.code)).toContain('WDT_WITHOUT_VAT_ID');
  });
});
