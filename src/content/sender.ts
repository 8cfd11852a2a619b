/**
 * How the content script talks to the worker: injected, so every module is unit-tested with a
 * fake worker, and main.ts passes `send` from src/platform/content-api.ts (which throws CommandError
 * with a message ready for the user).
 */
import type { CommandName, Req, Res } from '../messaging';

export type Sender = <K extends CommandName>(cmd: K, req: Req<K>) => Promise<Res<K>>;

/** The worker's message for the user, or the generic one when the failure is not the worker's. */
export function errorText(err: unknown, fallback: string): string {
  const message = (err as { info?: { message?: unknown } } | null | undefined)?.info?.message;
  return typeof message === 'string' && message ? message : fallback;
}
