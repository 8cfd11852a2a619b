/**
 * The one typed protocol between the content script, the extension pages and the worker
 * (docs/architecture.md, practice 2). Every command has a request and a response type; the worker
 * answers with an envelope so errors travel as values, never as thrown strings.
 *
 * Trust tiers: extension pages (popup, options, print) may use every command; the content script
 * on the Base panel gets only the narrow set in CONTENT_COMMANDS, because it runs next to a page
 * the extension does not control. No command ever returns a secret (token, key, password).
 */

export type { KsefEnv } from './core/env';
export type { Lang } from './core/lang';
export * from './messaging/checks';
export * from './messaging/commands';
export type * from './messaging/settings';
export * from './messaging/views';

import type { CommandName, Req, Res, Tier } from './messaging/commands';

/** storage.local key the worker bumps after every outbox change; the panel and pages listen
 * to storage.onChanged and re-ask for what they show (badges update live). */
export const OUTBOX_REVISION_KEY = 'outboxRevision';

/** storage.local key the worker bumps after received invoices were stored (purchases page, popup). */
export const PURCHASES_REVISION_KEY = 'purchasesRevision';

export interface Message<K extends CommandName = CommandName> {
  /** Marks our own messages, so stray messages from libraries are ignored, not answered. */
  ksef: 1;
  cmd: K;
  req: Req<K>;
}

/** Stable code of a refused command, for programs and tests (the worker's table: src/background/error-info.ts). */
export type ErrorCode = 'forbidden' | 'bad-request' | 'failed' | 'busy' | 'not-configured' | 'unavailable';

export interface ErrorInfo {
  code: ErrorCode;
  /** Message for the user, already in the user's language. */
  message: string;
}

export type Reply<K extends CommandName = CommandName> = { ok: true; res: Res<K> } | { ok: false; error: ErrorInfo };

export function isMessage(x: unknown): x is Message {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { ksef?: unknown }).ksef === 1 &&
    typeof (x as { cmd?: unknown }).cmd === 'string'
  );
}

/** What the worker knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** Present when the message came from a tab (content script, or an extension page in a tab). */
  tab?: unknown;
}

/**
 * Decides the caller's tier, or null to refuse it. Pure, so it is unit-tested without a browser.
 * - Another extension (different id) is refused.
 * - A page of this extension (URL under our own origin) is `page`, in a tab or not.
 * - A content script in a tab whose URL is on a panel host is `content`.
 * - Anything else is refused.
 */
export function classifySender(
  sender: SenderInfo,
  self: { id: string; origin: string },
  isPanelUrl: (url: string) => boolean,
): Tier | null {
  if (sender.id !== self.id) return null;
  const url = sender.url ?? '';
  if (url.startsWith(`${self.origin}/`)) return 'page';
  if (sender.tab && isPanelUrl(url)) return 'content';
  return null;
}
