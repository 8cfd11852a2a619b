// Online session flows against the simulator: every official sample to a KSeF number, session reuse
// and close, 440 duplicate adoption, lost answers reconciled without a second invoice in KSeF,
// 429 with Retry-After, final error statuses, UPO download.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/ksef/errors';
import { isValidKsefNumber } from '../../src/ksef/ksef-number';
import { MemoryKvStore } from '../../src/ksef/storage';
import { officialSamples, SELLER_NIP, SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const SEND_ROUTE = 'POST /v2/sessions/online/{referenceNumber}/invoices';

describe('online send', () => {
  it('every official sample invoice gets a KSeF number (the attachment one is refused online: 415)', async () => {
    for (const s of officialSamples()) {
      // All samples share seller + P_2, so each goes to a fresh KSeF (reset) to be a first copy.
      await h.ctl('POST', '/__sim/reset');
      const client = h.client(await h.token());
      const sent = await client.sendInvoice(s.xml);
      const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
      if (s.name.includes('with-attachment')) {
        // Attachments are allowed only in batch sessions (docs/ksef-protocol.md §3.3).
        expect(outcome).toMatchObject({ state: 'rejected', code: 415 });
        continue;
      }
      expect(outcome.state, s.name).toBe('accepted');
      if (outcome.state !== 'accepted') continue;
      expect(isValidKsefNumber(outcome.ksefNumber)).toBe(true);
      expect(outcome.ksefNumber.startsWith(SELLER_NIP)).toBe(true);
      expect(outcome.acquisitionDate).toBeTruthy();
      // P_1 lies in the past → KSeF classifies the invoice as Offline automatically (§5).
      expect(outcome.invoicingMode).toBe('Offline');
      const registered = await h.invoices();
      expect(registered.filter((i) => i.ksefNumber === outcome.ksefNumber)).toHaveLength(1);
      expect(registered[0]!.invoiceHash).toBe(sent.invoiceHash);
    }
  });

  it('reuses the open session for following invoices (also after a restart), then closes it', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    const a = h.client(token, { store });
    const first = await a.sendInvoice(withInvoiceNumber(sample(), 'R/1'));
    const b = h.client(token, { store }); // worker restarted: same storage, new objects
    const second = await b.sendInvoice(withInvoiceNumber(sample(), 'R/2'));
    expect(second.sessionReferenceNumber).toBe(first.sessionReferenceNumber);
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.method === 'POST' && r.path === '/v2/sessions/online')).toHaveLength(1);
    for (const s of [first, second]) {
      const o = await b.waitForInvoice(s.sessionReferenceNumber, s.invoiceReferenceNumber);
      expect(o.state).toBe('accepted');
    }
    expect(await b.closeOnlineSession()).toBe(first.sessionReferenceNumber);
    const third = await b.sendInvoice(withInvoiceNumber(sample(), 'R/3'));
    expect(third.sessionReferenceNumber).not.toBe(first.sessionReferenceNumber);
  });

  it('440 duplicate: adopted as success with the ORIGINAL KSeF number, details verbatim', async () => {
    const client = h.client(await h.token());
    const xml = withInvoiceNumber(sample(), 'DUP/1');
    const s1 = await client.sendInvoice(xml);
    const o1 = await client.waitForInvoice(s1.sessionReferenceNumber, s1.invoiceReferenceNumber);
    expect(o1.state).toBe('accepted');
    await client.closeOnlineSession();
    const s2 = await client.sendInvoice(xml);
    const o2 = await client.waitForInvoice(s2.sessionReferenceNumber, s2.invoiceReferenceNumber);
    expect(o2.state).toBe('duplicate');
    if (o1.state !== 'accepted' || o2.state !== 'duplicate') return;
    expect(o2.ksefNumber).toBe(o1.ksefNumber);
    expect(o2.originalSessionReferenceNumber).toBe(s1.sessionReferenceNumber);
    expect(o2.status.details?.[0]).toContain(o1.ksefNumber);
    expect(o2.explanation).toMatch(/już jest w KSeF/);
    expect((await h.invoices()).filter((i) => i.ksefNumber)).toHaveLength(1);
  });

  it('lost answer (drop-after-accept): reconciled by hash, no second invoice in KSeF', async () => {
    const client = h.client(await h.token());
    await client.online.ensureOpen();
    await h.fault(SEND_ROUTE, 'drop-after-accept');
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'LOST/1'));
    expect(sent.recovered).toBe(true);
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    expect(outcome.state).toBe('accepted');
    const reqs = await h.requests();
    // One invoice POST (its answer lost), then a lookup — never a blind second POST.
    expect(reqs.filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'))).toHaveLength(1);
    expect(reqs.some((r) => r.method === 'GET' && /\/sessions\/[^/]+\/invoices(\?|$)/.test(r.path))).toBe(true);
    const registered = await h.invoices();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.invoiceHash).toBe(sent.invoiceHash);
  });

  it('timeout before KSeF saw the invoice (hang): looked up, absent, sent once more — one invoice in KSeF', async () => {
    const client = h.client(await h.token(), { timeoutMs: 300 });
    await client.online.ensureOpen();
    await h.fault(SEND_ROUTE, 'hang');
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'HANG/1'));
    expect(sent.recovered).toBe(false);
    const posts = (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(2); // the hung one, then — after the lookup found nothing — the resend
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    expect(outcome.state).toBe('accepted');
    expect(await h.invoices()).toHaveLength(1);
  });

  it('5xx on the invoice POST is an unknown outcome too: reconciled, never duplicated', async () => {
    const client = h.client(await h.token());
    await client.online.ensureOpen();
    await h.fault(SEND_ROUTE, 'http503');
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'E503/1'));
    expect((await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber)).state).toBe(
      'accepted',
    );
    expect(await h.invoices()).toHaveLength(1);
  });

  it('429 with Retry-After: reported as "retry at T" (typed), not slept through; later send works', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    const slept: number[] = [];
    const client = h.client(token, {
      store,
      rateLimits: true,
      sleep: (ms) => {
        slept.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    await client.online.ensureOpen();
    await h.fault(SEND_ROUTE, 'http429', { status: 7 });
    const before = Date.now();
    const err = await client.sendInvoice(withInvoiceNumber(sample(), 'RL/1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    const rl = err as RateLimitedError;
    expect(rl.source).toBe('server');
    expect(rl.retryAt).toBeGreaterThanOrEqual(before + 7_000);
    expect(rl.retryAt).toBeLessThanOrEqual(Date.now() + 7_000);
    // It did not wait the 7 s: no sleep of that length was ever requested.
    expect(slept.filter((ms) => ms >= 1_000)).toEqual([]);
    // The block is remembered in storage: a restarted worker does not hammer KSeF either.
    const restarted = h.client(token, { store, rateLimits: true });
    const again = await restarted.sendInvoice(withInvoiceNumber(sample(), 'RL/1')).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'rate-limited', source: 'client', retryAt: rl.retryAt });
    expect(await h.invoices()).toHaveLength(0);
    // After T (clock moved on for the client), the send goes through.
    const later = h.client(token, { store, rateLimits: true, now: () => Date.now() + 8_000 });
    const sent = await later.sendInvoice(withInvoiceNumber(sample(), 'RL/1'));
    expect(sent.invoiceReferenceNumber).toBeTruthy();
  });

  it.each([405, 410, 430, 435, 450, 500, 550])(
    'final status %i → typed rejection, KSeF details verbatim + Polish explanation',
    async (code) => {
      const client = h.client(await h.token());
      await h.ctl('POST', '/__sim/faults', { kind: 'invoice-status', status: code, count: 1 });
      const sent = await client.sendInvoice(withInvoiceNumber(sample(), `ST/${code}`));
      const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
      expect(outcome).toMatchObject({ state: 'rejected', code });
      if (outcome.state !== 'rejected') return;
      expect(outcome.status.code).toBe(code);
      expect(outcome.status.description.length).toBeGreaterThan(0);
      expect(outcome.explanation.length).toBeGreaterThan(10);
      expect(outcome.retryable).toBe([405, 435, 500, 550].includes(code));
    },
  );

  it('450 from a real XSD error keeps the validator message verbatim', async () => {
    const client = h.client(await h.token());
    const broken = new TextEncoder().encode(
      new TextDecoder()
        .decode(withInvoiceNumber(sample(), 'BAD/1'))
        .replace(/<P_15>([^<]*)<\/P_15>/, '<P_15>abc</P_15>'),
    );
    const sent = await client.sendInvoice(broken);
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    expect(outcome).toMatchObject({ state: 'rejected', code: 450 });
    if (outcome.state === 'rejected') expect(outcome.status.details?.join(' ')).toMatch(/P_15/);
  });

  it('processing delays: status passes through 100/150 before the final one', async () => {
    await h.ctl('POST', '/__sim/delays', { processingDelaysMs: [150, 150] });
    const client = h.client(await h.token());
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'SLOW/1'));
    const first = await client.invoiceStatus(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    expect(first).toMatchObject({ state: 'processing' });
    const final = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber, 5_000);
    expect(final.state).toBe('accepted');
  });
});

describe('UPO', () => {
  it('downloads the per-invoice UPO from the authenticated endpoint; it names the KSeF number', async () => {
    const client = h.client(await h.token());
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'UPO/1'));
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    if (outcome.state !== 'accepted') throw new Error('not accepted');
    const upo = await client.downloadUpo(
      sent.sessionReferenceNumber,
      sent.invoiceReferenceNumber,
      outcome.upoDownloadUrl,
    );
    expect(upo.state).toBe('ok');
    if (upo.state !== 'ok') return;
    expect(upo.source).toBe('api');
    expect(upo.xml).toContain(outcome.ksefNumber);
    expect(upo.xml).toContain(sent.invoiceHash);
  });

  it('falls back to the pre-signed URL of the own host when the API answers with an HTML page', async () => {
    const client = h.client(await h.token());
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'UPO/2'));
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    if (outcome.state !== 'accepted') throw new Error('not accepted');
    expect(outcome.upoDownloadUrl).toBeTruthy();
    await h.fault('GET /v2/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo', 'html');
    const upo = await client.downloadUpo(
      sent.sessionReferenceNumber,
      sent.invoiceReferenceNumber,
      outcome.upoDownloadUrl,
    );
    expect(upo).toMatchObject({ state: 'ok', source: 'presigned' });
    const storageGets = (await h.requests()).filter((r) => r.path.startsWith('/__storage/'));
    expect(storageGets.length).toBeGreaterThan(0);
  });

  it('never fetches a pre-signed URL on a foreign host; HTML from the API means "try later"', async () => {
    const called: string[] = [];
    const client = h.client(await h.token(), {
      fetch: (url, init) => {
        called.push(url);
        return fetch(url, init);
      },
    });
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'UPO/3'));
    await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    await h.fault('GET /v2/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo', 'html');
    const upo = await client.downloadUpo(
      sent.sessionReferenceNumber,
      sent.invoiceReferenceNumber,
      'https://evil.example.com/upo.xml',
    );
    expect(upo).toMatchObject({ state: 'try-later', reason: 'html' });
    expect(called.some((u) => u.includes('/upo'))).toBe(true);
    expect(called.filter((u) => !u.startsWith(h.sim.origin))).toEqual([]);
  });
});

describe('stored invoice file', () => {
  it('gives the hash of the file KSeF stores under a KSeF number (KOD I of a 440-adopted invoice), null for an unknown one', async () => {
    const client = h.client(await h.token());
    const xml = withInvoiceNumber(sample(), 'H/1');
    const sent = await client.sendInvoice(xml);
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    expect(outcome.state).toBe('accepted');
    if (outcome.state !== 'accepted') return;
    await h.ctl('POST', '/__sim/clock', { advanceMs: 60_000 }); // past permanent storage
    expect(await client.storedInvoiceHash(outcome.ksefNumber)).toBe(sent.invoiceHash);
    expect(await client.storedInvoiceHash(`${SELLER_NIP}-20261129-000000000000-00`)).toBeNull();
    // The file itself, byte for byte ("Pobierz XML z KSeF" once the bytes sent are dropped).
    expect(Buffer.from((await client.storedInvoice(outcome.ksefNumber))!)).toEqual(Buffer.from(xml));
    expect(await client.storedInvoice(`${SELLER_NIP}-20261129-000000000000-00`)).toBeNull();
  });

  it('a 401 on the download refreshes the access token and downloads once more', async () => {
    const client = h.client(await h.token());
    const xml = withInvoiceNumber(sample(), 'H/2');
    const sent = await client.sendInvoice(xml);
    const outcome = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber);
    if (outcome.state !== 'accepted') throw new Error(`not accepted: ${outcome.state}`);
    await h.ctl('POST', '/__sim/clock', { advanceMs: 60_000 });
    await h.fault('GET /v2/invoices/ksef/{ksefNumber}', 'http401');
    expect(Buffer.from((await client.storedInvoice(outcome.ksefNumber))!)).toEqual(Buffer.from(xml));
    const log = await h.requests();
    const downloads = log.filter((r) => r.method === 'GET' && r.path.includes('/invoices/ksef/'));
    expect(downloads.map((r) => r.status)).toEqual([401, 200]);
    // The second download carried a new access token, obtained with the refresh token.
    expect(log.some((r) => r.method === 'POST' && r.path.endsWith('/auth/token/refresh'))).toBe(true);
  });

  it('spends a slot of the invoice download limit group, so the client stops before KSeF would', async () => {
    const client = h.client(await h.token(), {
      rateLimits: { rules: { invoiceDownload: { perSecond: 1, perMinute: 1, perHour: 1 } }, maxWaitMs: 0 },
    });
    const unknown = `${SELLER_NIP}-20261129-000000000000-00`;
    expect(await client.storedInvoice(unknown)).toBeNull();
    const second = await client.storedInvoice(unknown).catch((e) => e);
    expect(second).toBeInstanceOf(RateLimitedError);
    expect(second).toMatchObject({ group: 'invoiceDownload', source: 'client' });
    const downloads = (await h.requests()).filter((r) => r.path.includes('/invoices/ksef/'));
    expect(downloads).toHaveLength(1);
  });
});
