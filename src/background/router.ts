/**
 * Routes typed messages to handlers after checking the sender (docs/architecture.md practice 2).
 * Kept free of extension APIs so it is unit-tested in Node; background/main.ts wires it to
 * `runtime.onMessage`.
 */
import {
  CONTENT_COMMANDS,
  type CommandName,
  classifySender,
  type ErrorInfo,
  isMessage,
  REQUEST_CHECKS,
  type Reply,
  type Req,
  type Res,
  type SenderInfo,
  type Tier,
} from '../messaging';
import { resolvedIds, type TabGrants, tabIdOf } from './tab-grants';

export interface HandlerContext {
  tier: Tier;
  sender: SenderInfo;
}

export type Handler<K extends CommandName> = (req: Req<K>, ctx: HandlerContext) => Promise<Res<K>>;

/** One handler map per feature (docs/architecture.md practice 2); the worker merges them. A command
 * nobody handles is answered as unknown. */
export type Handlers = { [K in CommandName]?: Handler<K> };

/** An error whose message is meant for the user (already translated). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorInfo['code'] = 'failed',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export interface RouterOptions {
  self: { id: string; origin: string };
  isPanelUrl: (url: string) => boolean;
  /** Translated texts for the router's own refusals. */
  texts: {
    forbidden: string;
    unknown: string;
    failed: string;
    /** A request whose shape its command's check (REQUEST_CHECKS in src/messaging.ts) refused. */
    badRequest: string;
    notGranted?: string;
    sendRate?: string;
  };
  /** Where unexpected errors go (never with request bodies: they may carry secrets). */
  onUnexpected?: (cmd: string, err: unknown) => void;
  /** What each panel tab may send (src/background/tab-grants.ts). Without it the content
   * script may send nothing. */
  grants?: TabGrants;
  /** A content-script send the worker refused: only the command and why, never ids or data. */
  onRefused?: (cmd: string, why: 'not-granted' | 'rate') => void;
}

/** Commands whose answers name the invoices the worker resolved for the tab. */
const GRANTING: ReadonlySet<CommandName> = new Set<CommandName>([
  'invoices.view',
  'invoices.recent',
  'invoices.forOrder',
]);
/** Content commands that send to KSeF: only for granted invoices, at a bounded rate. */
const SENDING: ReadonlySet<CommandName> = new Set<CommandName>(['invoice.send', 'invoice.resend']);

/** Returns the listener body: undefined for messages that are not ours (left for others). */
export function createRouter(handlers: Handlers, opts: RouterOptions) {
  return (msg: unknown, sender: SenderInfo): Promise<Reply> | undefined => {
    if (!isMessage(msg)) return undefined;
    return route(msg.cmd, msg.req, sender);
  };

  async function route(cmd: string, req: unknown, sender: SenderInfo): Promise<Reply> {
    const tier = classifySender(sender, opts.self, opts.isPanelUrl);
    if (!tier) return { ok: false, error: { code: 'forbidden', message: opts.texts.forbidden } };
    if (!Object.hasOwn(handlers, cmd) || typeof handlers[cmd as CommandName] !== 'function') {
      return { ok: false, error: { code: 'bad-request', message: opts.texts.unknown } };
    }
    const name = cmd as CommandName;
    if (tier === 'content' && !CONTENT_COMMANDS.has(name)) {
      return { ok: false, error: { code: 'forbidden', message: opts.texts.forbidden } };
    }
    // Checked once, here: a malformed request never reaches a handler, which takes the checked copy.
    const check = Object.hasOwn(REQUEST_CHECKS, name) ? (REQUEST_CHECKS[name] as (r: unknown) => unknown) : null;
    if (!check) return { ok: false, error: { code: 'bad-request', message: opts.texts.unknown } };
    const checked = check(req);
    if (checked === null) return { ok: false, error: { code: 'bad-request', message: opts.texts.badRequest } };
    if (tier === 'content' && SENDING.has(name)) {
      const refused = await admitSend(name, checked as { invoiceId: string }, sender);
      if (refused) return refused;
    }
    try {
      const handler = handlers[name] as (r: unknown, c: HandlerContext) => Promise<unknown>;
      const res = await handler(checked, { tier, sender });
      if (tier === 'content' && GRANTING.has(name)) {
        const tab = tabIdOf(sender);
        if (tab !== null) await opts.grants?.allow(tab, resolvedIds(res));
      }
      return { ok: true, res } as Reply;
    } catch (err) {
      if (err instanceof UserError) return { ok: false, error: { code: err.code, message: err.message } };
      opts.onUnexpected?.(name, err);
      return { ok: false, error: { code: 'failed', message: opts.texts.failed } };
    }
  }

  /** Null when the tab may send this invoice now, else the refusal. */
  async function admitSend(name: CommandName, req: { invoiceId: string }, sender: SenderInfo): Promise<Reply | null> {
    const tab = tabIdOf(sender);
    const verdict = tab === null || !opts.grants ? 'not-granted' : await opts.grants.admit(tab, req.invoiceId);
    if (verdict === 'ok') return null;
    opts.onRefused?.(name, verdict);
    return verdict === 'rate'
      ? { ok: false, error: { code: 'busy', message: opts.texts.sendRate ?? opts.texts.forbidden } }
      : { ok: false, error: { code: 'forbidden', message: opts.texts.notGranted ?? opts.texts.forbidden } };
  }
}
