/**
 * Fakes of the pipeline's ports, with state that survives a "worker kill" (the fake KSeF and
 * Base stand for the outside world; only the pipeline and its store are rebuilt after a kill).
 */
import 'fake-indexeddb/auto';
import type { ExportProgress, Settings } from '../../src/messaging';
import { OutboxStore } from '../../src/outbox/store';
import { Pipeline, type PipelineDeps, type PipelineOptions } from '../../src/pipeline/pipeline';
import type {
  BaseInvoiceSummary,
  BasePort,
  Clock,
  Fa3BuildResult,
  Fa3Port,
  KsefInvoiceStatus,
  KsefPort,
  QrPort,
  Scheduler,
  SessionUpoEntries,
} from '../../src/pipeline/ports';
import { PortError } from '../../src/pipeline/ports';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';

export const NIP = '5265877635';
/** The context of `settingsWith()`: TEST environment, NIP above. */
export const CTX = { env: 'test', nip: NIP } as const;
/** The key of a record of the test context. */
export function rid(invoiceId: string | number): { env: 'test'; nip: string; invoiceId: string } {
  return { env: 'test', nip: NIP, invoiceId: String(invoiceId) };
}

export function settingsWith(patch: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, nip: NIP, ...patch };
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

export class FakeClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class FakeScheduler implements Scheduler {
  readonly alarms = new Map<string, number>();
  at(name: string, whenMs: number): void {
    this.alarms.set(name, whenMs);
  }
  /** Wake-ups due at `now`, removed from the list (what chrome.alarms would fire). */
  due(now: number): string[] {
    const names = [...this.alarms].filter(([, t]) => t <= now).map(([n]) => n);
    for (const n of names) this.alarms.delete(n);
    return names;
  }
}

// ---------------------------------------------------------------------------------------------
// Base and FA(3)
// ---------------------------------------------------------------------------------------------

/** What the fake FA(3) builder reads from the "raw" Base invoice. */
export interface FakeRaw {
  number: string;
  issueDate: string;
  /** Bumped by a "fix in Base": different bytes, different hash. */
  version: number;
  /** The builder refuses the invoice with this message. */
  invalid?: string;
}

export function summary(id: number, patch: Partial<BaseInvoiceSummary> & { issueDate: string }): BaseInvoiceSummary {
  const number = patch.number ?? `FV/${id}/2026`;
  return {
    id: String(id),
    number,
    seriesId: '1',
    buyerName: 'Nabywca Sp. z o.o.',
    totalGross: '123.00',
    currency: 'PLN',
    ...patch,
    raw: (patch.raw as FakeRaw | undefined) ?? ({ number, issueDate: patch.issueDate, version: 1 } satisfies FakeRaw),
  };
}

export class FakeBase implements BasePort {
  readonly invoices = new Map<string, BaseInvoiceSummary>();
  calls: string[] = [];
  /** Next calls fail with these errors, in order. */
  failures: Error[] = [];

  add(...list: BaseInvoiceSummary[]): void {
    for (const s of list) this.invoices.set(s.id, s);
  }

  private maybeFail(): void {
    const e = this.failures.shift();
    if (e) throw e;
  }

  async getInvoice(id: string): Promise<BaseInvoiceSummary> {
    this.calls.push(`getInvoice:${id}`);
    this.maybeFail();
    const s = this.invoices.get(id);
    if (!s) throw new PortError('not-found', `Brak faktury ${id} w Base.`);
    return structuredClone(s);
  }

  async listInvoicesSince(
    from: { idFrom: number } | { dateFrom: number },
    seriesIds: readonly string[] | null,
  ): Promise<BaseInvoiceSummary[]> {
    this.calls.push(`list:${JSON.stringify(from)}`);
    this.maybeFail();
    const all = [...this.invoices.values()]
      .filter((s) => seriesIds === null || seriesIds.includes(s.seriesId))
      .filter((s) =>
        'idFrom' in from ? Number(s.id) >= from.idFrom : Date.parse(`${s.issueDate}T12:00:00Z`) / 1000 >= from.dateFrom,
      )
      .sort((a, b) => Number(a.id) - Number(b.id));
    return structuredClone(all.slice(0, 100));
  }

  async listMonth(month: string, seriesIds: readonly string[] | null): Promise<BaseInvoiceSummary[]> {
    this.calls.push(`month:${month}`);
    this.maybeFail();
    return structuredClone(
      [...this.invoices.values()].filter(
        (s) => s.issueDate.startsWith(month) && (seriesIds === null || seriesIds.includes(s.seriesId)),
      ),
    );
  }
}

export async function sha256b64(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Buffer.from(d).toString('base64');
}

export class FakeFa3 implements Fa3Port {
  builds = 0;
  /** Thrown by the next builds, one each (e.g. the NBP lookup failing). */
  throwNext: unknown[] = [];
  async build(raw: unknown, _settings: Settings): Promise<Fa3BuildResult> {
    this.builds++;
    if (this.throwNext.length) throw this.throwNext.shift();
    const r = raw as FakeRaw;
    if (r.invalid) return { ok: false, errors: [{ code: 'buyer-nip', message: r.invalid, field: 'Podmiot2/NIP' }] };
    const xml = new TextEncoder().encode(
      `<Faktura><P_2>${r.number}</P_2><P_1>${r.issueDate}</P_1><V>${r.version}</V></Faktura>`,
    );
    return { ok: true, xml, hash: await sha256b64(xml), number: r.number, issueDate: r.issueDate };
  }
}

export class FakeQr implements QrPort {
  kod1(i: { sellerNip: string; issueDate: string; hash: string }): string {
    return `https://qr-test.ksef.mf.gov.pl/invoice/${i.sellerNip}/${i.issueDate}/${i.hash}`;
  }
  async kod2(i: { sellerNip: string; hash: string; settings: Settings }): Promise<string | null> {
    const cert = i.settings.offlineCertificate;
    return cert
      ? `https://qr-test.ksef.mf.gov.pl/certificate/Nip/${i.sellerNip}/${cert.serialNumber}/${i.hash}/sig`
      : null;
  }
}

// ---------------------------------------------------------------------------------------------
// KSeF
// ---------------------------------------------------------------------------------------------

export interface Registered {
  sessionRef: string;
  invoiceRef: string;
  hash: string;
  number: string;
  offline: boolean;
  channel: 'online' | 'batch';
  /** Sent as a technical correction of the file with this hash (§5). */
  correctionOf?: string;
  statusCalls: number;
  /** Decided once, then repeated (KSeF's final statuses do not change). */
  outcome?: KsefInvoiceStatus;
}

let seq = 0;
function ref(type: string): string {
  seq++;
  return `20261129-${type}-${String(seq).padStart(10, '0')}-ABCDEF0123-00`;
}

function numberOf(xml: Uint8Array): string {
  return /<P_2>([^<]*)<\/P_2>/.exec(new TextDecoder().decode(xml))?.[1] ?? '';
}

/**
 * KSeF as the pipeline sees it: sessions, registered invoices, statuses that turn from pending
 * to accepted after `pendingChecks` status calls, 440 for a number already accepted, scripted
 * rejections, and scripted failures (rate limit, lost response) per method.
 */
export class FakeKsef implements KsefPort {
  /** Every invoice KSeF registered, in order: the "received sends". */
  readonly registered: Registered[] = [];
  /** Invoice number → KSeF number of the accepted original (for 440). */
  readonly acceptedNumbers = new Map<string, string>();
  /** Numbers KSeF rejects with `rejectCode` (as long as they are in the set). */
  readonly rejectNumbers = new Set<string>();
  /** 450 semantics by default; 410 for a permission problem. */
  rejectCode = 450;
  pendingChecks = 1;
  private session: string | undefined;
  readonly batches = new Map<string, { items: { id: string; xml: Uint8Array }[]; offline: boolean; closed: boolean }>();
  /** method → errors thrown by the next calls (before doing anything). */
  readonly failNext = new Map<string, Error[]>();
  /** sendOnline registers the invoice, then the answer is lost (times). */
  dropResponses = 0;
  calls: string[] = [];

  private maybeFail(method: string): void {
    this.calls.push(method);
    const e = this.failNext.get(method)?.shift();
    if (e) throw e;
  }

  sendsOf(number: string): Registered[] {
    return this.registered.filter((r) => r.number === number);
  }

  private ksefNumberFor(): string {
    const hex = (this.registered.length + this.acceptedNumbers.size + 1).toString(16).toUpperCase().padStart(12, '0');
    return `${NIP}-20261129-${hex}-00`;
  }

  async ensureSession(): Promise<{ sessionRef: string }> {
    this.maybeFail('ensureSession');
    this.session ??= ref('SO');
    return { sessionRef: this.session };
  }

  async sendOnline(input: {
    sessionRef: string;
    xml: Uint8Array;
    hash: string;
    offline: boolean;
    correctionOf?: string;
  }) {
    this.maybeFail('sendOnline');
    const reg: Registered = {
      sessionRef: input.sessionRef,
      invoiceRef: ref('EE'),
      hash: input.hash,
      number: numberOf(input.xml),
      offline: input.offline,
      channel: 'online',
      ...(input.correctionOf ? { correctionOf: input.correctionOf } : {}),
      statusCalls: 0,
    };
    this.registered.push(reg);
    if (this.dropResponses > 0) {
      this.dropResponses--;
      throw new PortError('unknown-outcome', 'Przerwane połączenie z KSeF.');
    }
    return { sessionRef: reg.sessionRef, invoiceRef: reg.invoiceRef };
  }

  async findInSession(sessionRef: string, hash: string) {
    this.maybeFail('findInSession');
    const r = this.registered.find((x) => x.sessionRef === sessionRef && x.hash === hash);
    return r ? { invoiceRef: r.invoiceRef } : null;
  }

  private statusOf(r: Registered): KsefInvoiceStatus {
    r.statusCalls++;
    if (r.outcome) return r.outcome;
    if (r.statusCalls <= this.pendingChecks) return { kind: 'pending', code: 150 };
    if (this.rejectNumbers.has(r.number)) {
      r.outcome = {
        kind: 'rejected',
        status: {
          code: this.rejectCode,
          description:
            this.rejectCode === 450 ? 'Błąd weryfikacji semantyki dokumentu faktury' : 'Nieprawidłowy zakres uprawnień',
          details: ['Element P_2 ...'],
        },
        explanation: 'Faktura ma błąd semantyczny.',
      };
    } else if (this.acceptedNumbers.has(r.number)) {
      // The same number is already in KSeF (§3.4 duplicate rule): 440 with the original number.
      const original = this.registered.find((x) => x.number === r.number && x.outcome?.kind === 'accepted');
      r.outcome = {
        kind: 'duplicate',
        originalKsefNumber: this.acceptedNumbers.get(r.number)!,
        ...(original ? { originalSessionRef: original.sessionRef } : {}),
        status: { code: 440, description: 'Duplikat faktury' },
        explanation: 'Faktura o tym numerze już jest w KSeF.',
      };
    } else {
      const ksefNumber = this.ksefNumberFor();
      this.acceptedNumbers.set(r.number, ksefNumber);
      r.outcome = {
        kind: 'accepted',
        ksefNumber,
        acquisitionDate: '2026-11-29T10:00:00.000Z',
        invoicingMode: r.offline ? 'Offline' : 'Online',
      };
    }
    return r.outcome;
  }

  async status(sessionRef: string, invoiceRef: string): Promise<KsefInvoiceStatus> {
    this.maybeFail('status');
    const r = this.registered.find((x) => x.sessionRef === sessionRef && x.invoiceRef === invoiceRef);
    if (!r) throw new PortError('not-found', 'Brak faktury w sesji.');
    return this.statusOf(r);
  }

  async upo(_s: string, _i: string, ksefNumber: string): Promise<string> {
    this.maybeFail('upo');
    return `<Potwierdzenie><NumerKSeFDokumentu>${ksefNumber}</NumerKSeFDokumentu></Potwierdzenie>`;
  }

  /** UPO by KSeF number in a session: only where an accepted invoice with that number is. */
  async upoByKsefNumber(sessionRef: string, ksefNumber: string): Promise<string> {
    this.maybeFail('upoByKsefNumber');
    const r = this.registered.find(
      (x) => x.sessionRef === sessionRef && x.outcome?.kind === 'accepted' && x.outcome.ksefNumber === ksefNumber,
    );
    if (!r) throw new PortError('not-found', 'Brak faktury o tym numerze KSeF w sesji.');
    return `<Potwierdzenie><NumerKSeFDokumentu>${ksefNumber}</NumerKSeFDokumentu><Sesja>${sessionRef}</Sesja></Potwierdzenie>`;
  }

  async openBatch(read: () => AsyncIterable<{ id: string; xml: Uint8Array }>, opts: { offline: boolean }) {
    this.maybeFail('openBatch');
    const items: { id: string; xml: Uint8Array }[] = [];
    for await (const i of read()) items.push(i);
    const sessionRef = ref('SB');
    this.batches.set(sessionRef, { items: [...items], offline: opts.offline, closed: false });
    return {
      sessionRef,
      files: await Promise.all(items.map(async (i) => ({ id: i.id, hash: await sha256b64(i.xml) }))),
    };
  }

  async closeBatch(sessionRef: string): Promise<'closed' | 'already-closed' | 'incomplete'> {
    this.maybeFail('closeBatch');
    const b = this.batches.get(sessionRef);
    if (!b) return 'incomplete';
    if (b.closed) return 'already-closed';
    b.closed = true;
    // Closing registers the invoices (§4 step 6).
    for (const it of b.items) {
      this.registered.push({
        sessionRef,
        invoiceRef: ref('EE'),
        hash: await sha256b64(it.xml),
        number: numberOf(it.xml),
        offline: b.offline,
        channel: 'batch',
        statusCalls: 0,
      });
    }
    return 'closed';
  }

  /** batchResults answers "still processing" this many times first. */
  batchPending = 0;
  /** A batch session that failed as a whole (415, 420, 445 …): no invoice in its results. */
  batchSessionFailure: { code: number; description: string } | undefined;
  /** sessionUpo answers "not issued yet" this many times first. */
  sessionUpoPending = 0;

  /** The session UPO of a processed batch: one `Dokument` entry per accepted invoice. */
  async sessionUpo(sessionRef: string): Promise<SessionUpoEntries | null> {
    this.maybeFail('sessionUpo');
    const b = this.batches.get(sessionRef);
    if (!b?.closed || this.batchPending > 0) return null;
    if (this.sessionUpoPending > 0) {
      this.sessionUpoPending--;
      return null;
    }
    const out: SessionUpoEntries = new Map();
    for (const r of this.registered) {
      if (r.sessionRef !== sessionRef || r.outcome?.kind !== 'accepted') continue;
      const n = r.outcome.ksefNumber;
      out.set(n, {
        upoRef: `${sessionRef}-UPO-1`,
        entry: `<Dokument><NumerKSeFDokumentu>${n}</NumerKSeFDokumentu></Dokument>`,
      });
    }
    return out;
  }

  async batchResults(sessionRef: string) {
    this.maybeFail('batchResults');
    if (this.batchPending > 0) {
      this.batchPending--;
      return { done: false, invoices: [] };
    }
    if (this.batchSessionFailure) return { done: true, sessionStatus: this.batchSessionFailure, invoices: [] };
    const regs = this.registered.filter((r) => r.sessionRef === sessionRef);
    return {
      done: true,
      sessionStatus: { code: 200, description: 'Sesja przetworzona' },
      invoices: regs.map((r) => ({ hash: r.hash, invoiceRef: r.invoiceRef, status: this.statusOf(r) })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The whole world
// ---------------------------------------------------------------------------------------------

let dbSeq = 0;

export interface World {
  dbName: string;
  clock: FakeClock;
  scheduler: FakeScheduler;
  base: FakeBase;
  fa3: FakeFa3;
  ksef: FakeKsef;
  qr: FakeQr;
  settings: Settings;
}

/** 2026-11-29 11:00 Warsaw (CET, UTC+1). */
export const NOW = Date.parse('2026-11-29T10:00:00Z');

export function newWorld(): World {
  return {
    dbName: `outbox-test-${process.pid}-${++dbSeq}`,
    clock: new FakeClock(NOW),
    scheduler: new FakeScheduler(),
    base: new FakeBase(),
    fa3: new FakeFa3(),
    ksef: new FakeKsef(),
    qr: new FakeQr(),
    settings: settingsWith(),
  };
}

let instanceSeq = 0;

export async function pipelineFor(
  w: World,
  wrap: {
    store?: (s: OutboxStore) => OutboxStore;
    ksef?: KsefPort;
    base?: BasePort;
    ksefFor?: PipelineDeps['ksefFor'];
  } = {},
  options: Partial<PipelineOptions> = {},
  onExport?: (p: ExportProgress) => void,
): Promise<{ pipeline: Pipeline; store: OutboxStore }> {
  const raw = await OutboxStore.open(w.dbName);
  const store = wrap.store ? wrap.store(raw) : raw;
  const pipeline = new Pipeline({
    store,
    base: wrap.base ?? w.base,
    fa3: w.fa3,
    ksef: wrap.ksef ?? w.ksef,
    ...(wrap.ksefFor ? { ksefFor: wrap.ksefFor } : {}),
    qr: w.qr,
    clock: w.clock,
    scheduler: w.scheduler,
    settings: async () => w.settings,
    instanceId: `worker-${++instanceSeq}`,
    options,
    ...(onExport ? { onExport } : {}),
  });
  return { pipeline, store };
}

/** Runs due wake-ups (what the worker's alarm handler does) until nothing is due. */
export async function fireDue(w: World, p: Pipeline): Promise<string[]> {
  const fired: string[] = [];
  for (let i = 0; i < 50; i++) {
    const due = w.scheduler.due(w.clock.now());
    if (due.length === 0) break;
    for (const name of due) {
      fired.push(name);
      await p.wake(name);
    }
  }
  return fired;
}

/** Moves time forward step by step, firing wake-ups, like a worker living that long. */
export async function live(w: World, p: Pipeline, ms: number, stepMs = 5_000): Promise<void> {
  const end = w.clock.now() + ms;
  while (w.clock.now() < end) {
    w.clock.advance(Math.min(stepMs, end - w.clock.now()));
    await fireDue(w, p);
  }
}

/** Sends invoice 1 (issued 2026-11-29) once in a fresh world prepared by `arrange`; its record after 15 s. */
export async function sendOnce(arrange: (w: World) => void) {
  const w = newWorld();
  w.base.add(summary(1, { issueDate: '2026-11-29' }));
  arrange(w);
  const { pipeline, store } = await pipelineFor(w);
  await pipeline.sendInvoice('1', { trigger: 'manual' });
  await live(w, pipeline, 15_000);
  return { w, rec: (await store.get(rid('1')))! };
}
