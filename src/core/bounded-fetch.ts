/**
 * One HTTP exchange with a deadline that covers the whole answer, body included.
 *
 * `fetch` resolves as soon as the status line and headers arrive. A server (or a proxy, or a
 * half-dead mobile link) can then send part of the body and stall: without a deadline on the body
 * read, `res.text()` waits until the TCP connection dies, which may be never, and whatever awaited
 * it (an invoice's send, a month's export) stays stuck "in progress". So the timer runs until the
 * last byte is in, and aborting it cancels the body read too (Fetch Standard, "abort the fetch()
 * call": the response body stream errors with the abort reason).
 */

/** The answer, read whole. Text is decoded on demand as UTF-8, dropping a BOM like `Response.text()`. */
export interface FetchedReply {
  status: number;
  ok: boolean;
  headers: Headers;
  bytes: Uint8Array;
  text(): string;
}

/** Why no whole answer came: the deadline passed (`timedOut`), or the transport failed. */
export class FetchFailure extends Error {
  constructor(
    /** True when our deadline ended it; false for a refused, reset or cut connection. */
    readonly timedOut: boolean,
    /** True when the status and headers had arrived: the request certainly reached the server. */
    readonly answered: boolean,
    cause: unknown,
  ) {
    super(timedOut ? 'przekroczony czas odpowiedzi' : 'połączenie przerwane', { cause });
    this.name = 'FetchFailure';
  }
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

const UTF8 = new TextDecoder();

export async function fetchWithin(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<FetchedReply> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeoutMs);
  let res: Response | undefined;
  try {
    res = await fetchFn(url, { ...init, signal: ctrl.signal });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { status, ok, headers } = res;
    return { status, ok, headers, bytes, text: () => UTF8.decode(bytes) };
  } catch (e) {
    throw new FetchFailure(timedOut, res !== undefined, e);
  } finally {
    clearTimeout(timer);
  }
}
