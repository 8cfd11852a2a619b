/**
 * The pipeline's tunables and what the worker passes to it. Its own module so the export, the
 * steps and the facade share them without importing each other.
 */
import type { ExportProgress, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxContext, SendTrigger } from '../outbox/types';
import type { BaseInvoiceSummary, BasePort, Clock, Fa3Port, KsefPort, QrPort, Scheduler } from './ports';

export interface PipelineOptions {
  /** Quick follow-up checks after a send, from the moment of sending (first minutes). */
  followUpDelaysMs: readonly number[];
  /** After the follow-ups, the hourly poll takes over (seed: "co 60 minut"). */
  pollIntervalMs: number;
  /** How long a claim holds before another caller may take a `sending` record over. */
  leaseMs: number;
  /** Next reconciliation attempt after an unknown outcome or an unavailable service. */
  retryDelayMs: number;
  /** Export: more invoices than this go through a batch session. */
  batchThreshold: number;
  /** Export: at most this many invoices per batch session (KSeF allows 10 000, §0). */
  batchSize: number;
  /** Auto-send: at most this many Base pages per tick (Base allows ~100 requests/min, docs/base.md §1.1). */
  autoSendMaxPages: number;
  /**
   * A `processing` record without a final status, or a send whose outcome is still unknown, is
   * raised to needs-attention (link kept) after this long in that state...
   */
  escalateAfterMs: number;
  /** ...or after this many failed checks or look-ups in a row. */
  escalateAfterFailedChecks: number;
  /** How often a record raised to needs-attention with its link is still checked. */
  escalatedCheckMs: number;
}

export const DEFAULT_OPTIONS: PipelineOptions = {
  followUpDelaysMs: [15_000, 60_000, 3 * 60_000, 10 * 60_000],
  pollIntervalMs: 60 * 60_000,
  leaseMs: 2 * 60_000,
  retryDelayMs: 60_000,
  batchThreshold: 20,
  batchSize: 1000,
  autoSendMaxPages: 10,
  escalateAfterMs: 24 * 60 * 60_000,
  escalateAfterFailedChecks: 12,
  escalatedCheckMs: 24 * 60 * 60_000,
};

export interface PipelineDeps {
  store: OutboxStore;
  base: BasePort;
  fa3: Fa3Port;
  /** KSeF for the context of the current settings. */
  ksef: KsefPort;
  /**
   * KSeF for another context (environment + NIP) with its own credentials, to settle records
   * left in flight there after the settings changed; null when it cannot be had (no token kept
   * for it). Without it such records are raised to needs-attention with their link.
   */
  ksefFor?: (ctx: OutboxContext) => KsefPort | null | Promise<KsefPort | null>;
  qr: QrPort;
  clock: Clock;
  scheduler: Scheduler;
  /** Current settings (chrome.storage.local in the worker). */
  settings(): Promise<Settings>;
  /** Identifies this worker life (crypto.randomUUID()); claims of other lives count as dead. */
  instanceId: string;
  options?: Partial<PipelineOptions>;
  /** Export job state changes (the worker's "export finished" notification, page refresh). */
  onExport?: (progress: ExportProgress) => void;
}

export interface SendOptions {
  trigger: SendTrigger;
  /** The invoice as listed by Base already (auto-send, export): saves a Base request. */
  prefetched?: BaseInvoiceSummary;
  /** Worker start-up and wake-ups: continue a `sending` record claimed by a dead worker life. */
  takeOver?: boolean;
}
