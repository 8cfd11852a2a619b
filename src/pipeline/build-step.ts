/**
 * The FA(3) step shared by the single send and the export: what the outbox record keeps of the
 * Base invoice, and a build that turns a crash of the builder into a reported problem (an invoice
 * must end "needs attention", never stuck in "sending").
 */

import { isFa3Key } from '../i18n/fa3';
import type { Settings } from '../messaging';
import type { BuildProblem, OutboxRecord } from '../outbox/types';
import { type BaseInvoiceSummary, type Fa3BuildResult, type Fa3Port, PortError } from './ports';

export function summaryFields(
  s: BaseInvoiceSummary,
): Pick<
  OutboxRecord,
  'number' | 'seriesId' | 'issueDate' | 'orderId' | 'buyerName' | 'buyerNip' | 'totalGross' | 'currency'
> {
  return {
    number: s.number,
    seriesId: s.seriesId,
    issueDate: s.issueDate,
    orderId: s.orderId,
    buyerName: s.buyerName,
    buyerNip: s.buyerNip,
    totalGross: s.totalGross,
    currency: s.currency,
  };
}

export async function buildSafely(
  fa3: Fa3Port,
  summary: BaseInvoiceSummary,
  settings: Settings,
): Promise<Fa3BuildResult> {
  try {
    return await fa3.build(summary.raw, settings);
  } catch (e) {
    return { ok: false, errors: [crashProblem(e)] };
  }
}

/**
 * A thrown failure; one from src/fa3 that names its words' key (e.g. the NBP lookup) keeps it. Any
 * other is worded as an unexpected error in the UI language: its own message (a developer's note,
 * in either language) stays in `message`, for logs, and is not shown.
 */
function crashProblem(e: unknown): BuildProblem {
  const message = e instanceof Error ? e.message : String(e);
  const { key, params } = (e ?? {}) as { key?: unknown; params?: unknown };
  if (typeof key === 'string' && isFa3Key(key) && params && typeof params === 'object') {
    return { code: 'build-crashed', message, key, params: params as Record<string, string | number> };
  }
  return { code: 'build-crashed', message, key: 'BUILD_CRASHED', params: {} };
}

/**
 * When every problem of a failed build is NBP not answering (no connection, a stalled or garbled
 * answer, a 5xx or 429), the invoice is fine and only the exchange rate is missing for now: a
 * temporary failure, retried like Base or KSeF being down, not the seller's problem to fix.
 */
export function rateLookupOutage(problems: readonly BuildProblem[]): PortError | undefined {
  if (problems.length === 0) return undefined;
  const transient = problems.every(
    (p) =>
      p.key === 'NBP_UNREACHABLE' ||
      (p.key === 'NBP_HTTP_ERROR' && (Number(p.params?.status) >= 500 || Number(p.params?.status) === 429)),
  );
  if (!transient) return undefined;
  const currency = String(problems[0]?.params?.currency ?? '');
  return new PortError('unavailable', problems[0]?.message ?? 'NBP', {
    text: { code: 'nbp.unreachable', params: { currency } },
  });
}
