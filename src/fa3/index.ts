/** FA(3) from Base invoices: public surface of `src/fa3` (pure domain code, no extension APIs). */
export { baseExchangeRate, buildFa3, FA3_NAMESPACE, KSEF_NUMBER_RE } from './build';
export { correctionRefFromBase } from './correction';
export {
  buildFa3WithRates,
  NBP_API,
  nbpRateProvider,
  type RateCache,
  type RateProvider,
  resolveExchangeRate,
  taxPointOf,
} from './currency';
export { invoiceDayOfUnix } from './dates';
export { formatDecimal, formatGrosz, toGrosz } from './money';
export { normalizeTaxId } from './nip';
export { classifyRate, rulesFor } from './rates';
export { checkFa3Xml, type SemanticIssue } from './semantic';
export type * from './types';
