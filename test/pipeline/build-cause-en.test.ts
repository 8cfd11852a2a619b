/**
 * A failed build reads in the UI language all the way: the worker's FA(3) port (builder, XSD,
 * semantic checks) gives each problem its code and parameters, the pipeline stores them with the
 * record, and the reason is worded from them, in English without a Polish word, in Polish exactly
 * as the builder's own message. Records stored before problems had parameters show their message.
 */
import { describe, expect, it } from 'vitest';
import { fa3Port } from '../../src/background/adapters/fa3-port';
import { decodeInvoice } from '../../src/base/api/decode';
import { FA3_TEXTS } from '../../src/i18n/fa3';
import type { Settings } from '../../src/messaging';
import type { OutboxStore } from '../../src/outbox/store';
import { toBuildFailed } from '../../src/outbox/transitions';
import type { BuildProblem } from '../../src/outbox/types';
import { buildFailedReason } from '../../src/pipeline/build-cause';
import { buildSafely } from '../../src/pipeline/build-step';
import type { BaseInvoiceSummary } from '../../src/pipeline/ports';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';
import { fa3Validator, NOW, rawInvoice } from '../fa3/helpers';
import { DEMO_SELLER, DEMO_SELLER_SETTINGS, type RawInvoice } from '../sim/base/dataset';

const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  ...DEMO_SELLER_SETTINGS,
};

/** Polish letters and quotes, and Polish words the FA(3) problems use. */
const POLISH =
  /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”]|\b(nabywc|sprzedawc|faktur|pozycj|wiersz|popraw|uzupełnij|brak|jest|nie|lub|albo|oraz|w|z|na)\b/i;

interface Case {
  name: string;
  invoice?: Partial<RawInvoice>;
  settings?: Partial<Settings>;
  /** Breaks the built file on its way to the XSD, for a real libxml2 message. */
  breakXml?: (xml: string) => string;
  fetchStatus?: number;
  codes: string[];
  /** The values the English reason must name. */
  names: string[];
}

const CASES: Case[] = [
  {
    name: "a wrong buyer's NIP",
    invoice: { invoice_nip: '1234567890' },
    codes: ['BUYER_NIP_INVALID'],
    names: ["Wrong buyer's NIP", '"1234567890"'],
  },
  { name: 'no items', invoice: { items: [] }, codes: ['ITEMS_EMPTY'], names: ['No items', 'has no items'] },
  {
    name: 'an item with a foreign rate',
    invoice: { items: [{ ...rawInvoice().items[0]!, name: 'Kubek', tax_rate: 19 }] },
    codes: ['ITEM_RATE_UNSUPPORTED'],
    names: ['Item 1 ("Kubek")', '19%', 'OSS'],
  },
  {
    name: 'an issue date in the future',
    invoice: { date_add: Date.UTC(2026, 11, 24, 12) / 1000 },
    codes: ['ISSUE_DATE_IN_FUTURE'],
    names: ['Issue date in the future', '2026-12-24'],
  },
  {
    name: 'totals that do not add up',
    invoice: { total_price_brutto: 999 },
    codes: ['TOTALS_MISMATCH'],
    names: ['do not add up', 'gross 123.00', 'net 100.00 PLN', 'gross 999.00'],
  },
  {
    name: 'no seller data in the settings',
    invoice: { seller: '' },
    settings: { seller: { name: '', addressL1: '', addressL2: '', countryCode: 'PL' } },
    codes: ['SELLER_NAME_MISSING', 'SELLER_ADDRESS_MISSING'],
    names: ['No seller data (Connection tab); No seller address (Connection tab)', "The seller's name is missing"],
  },
  {
    name: 'an XSD error',
    breakXml: (xml) => xml.replace(/<P_2>[^<]*<\/P_2>/, ''),
    codes: ['XSD'],
    names: ['The element P_6 is in the wrong place', 'expected: P_1M, P_2', '(/Faktura/Fa/P_6)'],
  },
  {
    name: "the buyer with the seller's NIP (semantic check)",
    invoice: { invoice_nip: DEMO_SELLER.nip },
    codes: ['BUYER_IS_SELLER'],
    names: ["The buyer has the seller's NIP", "The buyer's NIP is the same as the seller's NIP."],
  },
  {
    name: 'the NBP rate lookup failing',
    invoice: { currency: 'EUR' },
    fetchStatus: 503,
    codes: ['build-crashed'],
    names: ['The NBP API answered 503 when fetching the EUR rate'],
  },
];

async function problemsOf(c: Case): Promise<BuildProblem[]> {
  const validator = fa3Validator();
  const port = fa3Port({
    base: async () => {
      throw new Error('no Base in this test');
    },
    outbox: {} as OutboxStore,
    validate: async (xml) =>
      validator.validate(c.breakXml ? c.breakXml(new TextDecoder().decode(xml)) : new Uint8Array(xml)),
    fetch: async () => new Response('', { status: c.fetchStatus ?? 404 }),
    now: () => NOW.getTime(),
  });
  const raw = decodeInvoice(rawInvoice(c.invoice));
  const built = await buildSafely(port, { raw } as BaseInvoiceSummary, { ...SETTINGS, ...c.settings });
  if (built.ok) throw new Error(`${c.name}: built`);
  // What the pipeline stores with the record (an IndexedDB write is a structured clone).
  const fields = { number: raw.number, seriesId: '3001', issueDate: '2026-11-13' };
  return structuredClone(toBuildFailed(fields, built.errors).set.problems!);
}

describe('a failed build worded in the UI language', () => {
  it.each(CASES)('$name', async (c) => {
    const problems = await problemsOf(c);
    expect(problems.map((p) => p.code)).toEqual(c.codes);
    for (const p of problems) expect(p.params, p.code).toBeDefined();

    const en = buildFailedReason(problems, 'en')!;
    expect(en).not.toMatch(POLISH);
    for (const name of c.names) expect(en).toContain(name);
    expect(en.endsWith('(the invoice did not pass the FA(3) format check).')).toBe(true);

    // Polish reads as the builder's own message, as before.
    const pl = buildFailedReason(problems, 'pl')!;
    expect(pl).toMatch(POLISH);
    for (const p of problems) expect(pl).toContain(p.message.trim());
  });
});

describe('the English words of every FA(3) problem', () => {
  it('have no Polish letters or quotes', () => {
    for (const [key, text] of Object.entries(FA3_TEXTS.en)) expect(text, key).not.toMatch(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”]/);
  });
});

describe('records written before problems carried parameters', () => {
  const old: BuildProblem = {
    code: 'BUYER_NIP_INVALID',
    message: 'NIP nabywcy „5261297913” jest niepoprawny (wymagane 10 cyfr z poprawną cyfrą kontrolną).',
    field: 'invoice_nip',
  };

  it('show their stored message after the cause, in either language', () => {
    expect(buildFailedReason([old], 'en')).toBe(
      `Wrong buyer's NIP. ${old.message} Fix it and send again (the invoice did not pass the FA(3) format check).`,
    );
    expect(buildFailedReason([old], 'pl')).toBe(
      `Błędny NIP nabywcy. ${old.message} Popraw i wyślij ponownie (faktura nie przeszła kontroli formatu FA(3)).`,
    );
  });

  it('a code the fa3 words do not know shows its message even with parameters', () => {
    const unknown = { code: 'SOMETHING_NEW', message: 'Coś nowego', params: { a: 1 } };
    expect(buildFailedReason([unknown], 'en')).toBe(
      'Coś nowego. Fix it and send again (the invoice did not pass the FA(3) format check).',
    );
  });

  it('the same problem with parameters reads in English', () => {
    const now = { ...old, params: { nip: '5261297913' } };
    expect(buildFailedReason([now], 'en')).toBe(
      `Wrong buyer's NIP. The buyer's NIP "5261297913" is not valid (10 digits with a correct check digit are required). Correct the NIP in the invoice data in Base, or remove it if the buyer is a consumer. Fix it and send again (the invoice did not pass the FA(3) format check).`,
    );
  });
});
