// The KSeF clients compared by `npm run bench -- peers`: this project's client and independent
// TypeScript clients from npm (dev dependencies, pinned). Each adapter logs in with a KSeF token,
// opens one online session and returns a function that sends one invoice (the exact XML bytes) in
// it, the way each library's own documentation shows. Not a test file.
//
// Each library is imported only in the process that drives it: ksef-client-ts brings its own
// @peculiar/x509 1.x with reflect-metadata, which cannot share a process with this project's
// @abraham/reflection.

export interface PeerTarget {
  /** `…/v2` of the simulator, directly (http) or through the TLS terminator (https). */
  baseUrl: string;
  token: string;
  nip: string;
  /** Only for the transport floor: the fetch this project's client uses to record its request. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
}

export type SendOne = (xml: Uint8Array) => Promise<string>;

export interface ClientAdapter {
  name: string;
  version: string;
  /** `reference`: not a client, a measure of what the transport alone costs (kept out of the ratios' best peer). */
  kind: 'ours' | 'peer' | 'reference';
  connect(t: PeerTarget): Promise<SendOne>;
}

const FA3 = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' } as const;

const ours: ClientAdapter = {
  name: 'this project (src/ksef)',
  version: 'working tree',
  kind: 'ours',
  async connect(t) {
    const { createKsefClient } = await import('../../../src/ksef/client');
    const { KSEF_ENVIRONMENTS, withApiBase } = await import('../../../src/ksef/env');
    const { MemoryKvStore } = await import('../../../src/ksef/storage');
    const client = createKsefClient({
      env: withApiBase(KSEF_ENVIRONMENTS.test, t.baseUrl),
      nip: t.nip,
      credential: t.token,
      store: new MemoryKvStore(),
      rateLimits: false,
      pollIntervalMs: 50,
      ...(t.fetch ? { fetch: t.fetch } : {}),
    });
    // The extension's send path: the pipeline holds the session and records it before each POST
    // (src/pipeline/send.ts), the client makes the one POST (OnlineSessions.postInvoice).
    const session = await client.online.ensureOpen();
    return async (xml) => (await client.online.postInvoice(session.referenceNumber, xml)).invoiceReferenceNumber;
  },
};

/** `ksef-client-ts` (README: KSeFClient, loginWithToken, openOnlineSession → handle.sendInvoice). */
const ksefClientTs: ClientAdapter = {
  name: 'ksef-client-ts',
  version: '0.10.0',
  kind: 'peer',
  async connect(t) {
    const { KSeFClient: FlopsClient, openOnlineSession } = await import('ksef-client-ts');
    // The client-side rate limiter is switched off, as ours is: the simulator's limits are off too.
    const client = new FlopsClient({
      // This library adds the API version (`/v2`) to its base URL itself.
      baseUrl: t.baseUrl.replace(/\/v2$/, ''),
      rateLimit: null,
      onSystemWarning: () => {},
    });
    await client.loginWithToken(t.token, t.nip);
    const session = await openOnlineSession(client, { formCode: FA3 });
    return (xml) => session.sendInvoice(xml);
  },
};

/** `ksef-client` (README: KsefClient.connect, workflows.sessions.online.open → sendInvoice). */
const ksefClient: ClientAdapter = {
  name: 'ksef-client',
  version: '0.2.0',
  kind: 'peer',
  async connect(t) {
    const { KsefClient: SmekcioClient } = await import('ksef-client');
    const client = await SmekcioClient.connect({
      baseUrl: t.baseUrl,
      token: t.token,
      context: { type: 'Nip', value: t.nip },
      pollIntervalMs: 50,
      maxAttempts: 100,
    });
    const session = await client.workflows.sessions.online.open({ formCode: FA3 });
    return async (xml) => {
      const res = await session.sendInvoice({ invoice: Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength) });
      return res.referenceNumber;
    };
  },
};

/**
 * The transport floor, not a client: the first invoice goes through this project's client while its
 * exact POST (URL, headers, JSON body) is recorded; every later send repeats that request with a bare
 * `fetch` and parses the answer — no encryption, hashing, Base64, JSON building or bookkeeping.
 * No client that sends through fetch can take less. (The simulator answers each repeat with 202
 * and a new reference number, as KSeF does; its processing then finds the duplicate, code 440.)
 */
const transportFloor: ClientAdapter = {
  name: 'transport floor: bare fetch repeating one recorded invoice POST',
  version: '',
  kind: 'reference',
  async connect(t) {
    let recorded: { url: string; init: RequestInit } | undefined;
    const recorder = async (url: string, init?: RequestInit) => {
      if (!recorded && init?.method === 'POST' && url.endsWith('/invoices')) {
        const { signal: _, ...rest } = init;
        recorded = { url, init: rest };
      }
      return fetch(url, init);
    };
    const send = await ours.connect({ ...t, fetch: recorder });
    return async (xml) => {
      // The first (warm-up) send goes through this project's client and is recorded.
      if (!recorded) return send(xml);
      const res = await fetch(recorded.url, recorded.init);
      const body = JSON.parse(await res.text()) as { referenceNumber?: string };
      if (res.status !== 202 || !body.referenceNumber) throw new Error(`floor: HTTP ${res.status}`);
      return body.referenceNumber;
    };
  },
};

export const CLIENTS: Readonly<Record<string, ClientAdapter>> = {
  ours,
  'ksef-client-ts': ksefClientTs,
  'ksef-client': ksefClient,
  floor: transportFloor,
};
