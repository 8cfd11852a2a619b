/**
 * The pipeline's FA(3) port (src/background/adapters/fa3-port.ts) hands the options' OSS setting to
 * the builder: with it on, a consumer in another EU country at that country's rates is an OSS sale
 * (P_13_5, P_12_XII); with it off, the same invoice is refused.
 */
import { describe, expect, it } from 'vitest';
import { fa3Port } from '../../src/background/adapters/fa3-port';
import { decodeInvoice } from '../../src/base/api/decode';
import type { Settings } from '../../src/messaging';
import type { OutboxStore } from '../../src/outbox/store';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';
import { fa3Validator, NOW, rawInvoice, tag, tags } from '../fa3/helpers';
import { DEMO_SELLER_SETTINGS } from '../sim/base/dataset';

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, ...DEMO_SELLER_SETTINGS };

const line = (tax_rate: number, price_netto: number, price_brutto: number) => ({
  name: 'Towar',
  sku: '',
  ean: '',
  price_brutto,
  price_netto,
  tax_rate,
  quantity: 1,
  is_shipment: 0,
  order_product_id: 1,
});

/** A consumer in Germany (no VAT id), German rates 19 % and 7 %. */
const GERMAN_CONSUMER = decodeInvoice(
  rawInvoice({
    invoice_nip: '',
    invoice_company: '',
    invoice_country_code: 'DE',
    invoice_country: 'Niemcy',
    items: [line(19, 100, 119), line(7, 10, 10.7)],
    total_price_brutto: 129.7,
    total_price_netto: 110,
  }),
);

function port() {
  const validator = fa3Validator();
  return fa3Port({
    base: async () => {
      throw new Error('no Base in this test');
    },
    outbox: {} as OutboxStore,
    validate: async (xml) => validator.validate(xml),
    fetch: async () => new Response('', { status: 404 }),
    now: () => NOW.getTime(),
  });
}

describe('fa3 port: OSS', () => {
  it('builds an EU consumer sale as OSS when the option is on', async () => {
    const built = await port().build(GERMAN_CONSUMER, { ...SETTINGS, oss: true });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const xml = new TextDecoder().decode(built.xml);
    expect(tag(xml, 'P_13_5')).toBe('110.00');
    expect(tag(xml, 'P_14_5')).toBe('19.70');
    expect(tags(xml, 'P_12_XII')).toEqual(['19', '7']);
  });

  it('refuses the same invoice when the option is off', async () => {
    const built = await port().build(GERMAN_CONSUMER, { ...SETTINGS, oss: false });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors.map((e) => e.code)).toEqual(['ITEM_RATE_UNSUPPORTED']);
  });
});
