/**
 * The pipeline's FA(3) port: Base invoice → FA(3) bytes (src/fa3), then the official XSD
 * (libxml2-wasm, compiled once per worker) and the semantic checks, before anything is sent
 * Corrections look up the corrected invoice in Base and its KSeF number in the outbox.
 */
import type { BaseClient, BaseInvoice } from '../../base/api';
import {
  buildFa3WithRates,
  checkFa3Xml,
  correctionRefFromBase,
  nbpRateProvider,
  type RateCache,
  type RateRules,
} from '../../fa3';
import { isEuCountry } from '../../fa3/countries';
import type { Fa3ValidationResult } from '../../fa3/validate';
import { sha256Base64 } from '../../ksef';
import type { Settings } from '../../messaging';
import type { OutboxStore } from '../../outbox';
import type { Fa3Port } from '../../pipeline';

/**
 * The options' rate rules for one invoice. FA(3)'s 0 % kind depends on the buyer: the user picks
 * it for an EU buyer with a VAT id and for a buyer outside the EU; a domestic buyer is 0 KR
 * (the builder's `auto`).
 */
export function rulesFor(s: Settings, inv: BaseInvoice): RateRules {
  const country = (inv.invoiceCountryCode || 'PL').toUpperCase();
  const foreign = country !== 'PL';
  // A VAT id has digits: "brak" or "-" typed into Base's NIP field is no VAT id.
  const euVat = foreign && isEuCountry(country) && /\d{2,}/.test(inv.invoiceNip);
  const zero = euVat ? s.rateRules.euVatBuyerZero : foreign && !isEuCountry(country) ? s.rateRules.nonEuZero : 'auto';
  const ex = s.rateRules.exemption;
  const basis = ex ? ({ P_19A: 'A', P_19B: 'B', P_19C: 'C' } as const)[ex.kind] : undefined;
  const series = s.seriesRules ? { series: { ...s.seriesRules } } : {};
  return { zero, ...(ex && basis ? { exemption: { basis, text: ex.text } } : {}), ...series };
}

export interface Fa3PortDeps {
  base: () => Promise<BaseClient>;
  outbox: OutboxStore;
  validate: (xml: Uint8Array) => Promise<Fa3ValidationResult>;
  fetch: typeof fetch;
  rateCache?: RateCache;
  /** The moment of building (DataWytworzeniaFa, the issue-date check); the real time when absent. */
  now?: () => number;
}

export function fa3Port(d: Fa3PortDeps): Fa3Port {
  const rateProvider = nbpRateProvider({ fetch: d.fetch, ...(d.rateCache ? { cache: d.rateCache } : {}) });
  return {
    async build(raw, settings) {
      const invoice = raw as BaseInvoice;
      let correctionOf: ReturnType<typeof correctionRefFromBase> | undefined;
      if (invoice.type === 'correcting' && invoice.correctingToInvoiceId > 0) {
        const original = await (await d.base()).getInvoice(invoice.correctingToInvoiceId, true);
        if (original) {
          // The original's KSeF number in the same environment and NIP as this invoice.
          const rec = await d.outbox.get({
            env: settings.env,
            nip: settings.nip,
            invoiceId: String(original.invoiceId),
          });
          correctionOf = correctionRefFromBase(original, rec?.ksefNumber ?? null);
        }
      }
      const built = await buildFa3WithRates({
        invoice,
        seller: {
          nip: settings.nip,
          name: settings.seller.name,
          addressL1: settings.seller.addressL1,
          addressL2: settings.seller.addressL2,
          countryCode: settings.seller.countryCode,
        },
        rules: rulesFor(settings, invoice),
        oss: settings.oss,
        ...(correctionOf ? { correctionOf } : {}),
        ...(d.now ? { now: new Date(d.now()) } : {}),
        rateProvider,
      });
      if (!built.ok)
        return {
          ok: false,
          errors: built.errors.map(({ code, message, field, params, key }) => ({
            code,
            message,
            field,
            params,
            ...(key ? { key } : {}),
          })),
        };
      const xsd = await d.validate(built.xml);
      if (!xsd.valid) {
        return {
          ok: false,
          errors: xsd.errors.slice(0, 5).map((e) => ({
            code: 'XSD',
            message: e.messagePl,
            key: e.key,
            params: e.params,
            ...(e.path ? { field: e.path } : {}),
          })),
        };
      }
      const issues = checkFa3Xml(built.xml);
      if (issues.length)
        return {
          ok: false,
          errors: issues.map((i) => ({
            code: i.code,
            message: i.message,
            field: i.path,
            params: i.params,
            ...(i.key ? { key: i.key } : {}),
          })),
        };
      return {
        ok: true,
        xml: built.xml,
        hash: await sha256Base64(built.xml),
        number: built.invoiceNumber,
        issueDate: built.issueDate,
      };
    },
  };
}
