/**
 * KSeF's `X-System-Warning` reply header (planned maintenance, coming changes): any call may carry
 * it. The latest one is kept per environment, with the time it was first seen and whether the user
 * dismissed it; the same text coming again does not bring a dismissed warning back, a new text does.
 */
import type { KvStore } from './storage';

export interface SystemWarning {
  /** The header's text, e.g. `[code]: message | [code]: message`. */
  text: string;
  /** First seen (ms). */
  at: number;
  /** Last seen (ms). */
  lastSeenAt: number;
  dismissed: boolean;
}

export const systemWarningKey = (envName: string) => `ksef:${envName}:system-warning`;

/** One warning of the header: `[code]: message` (the SystemWarning schema's regex). */
export function splitSystemWarning(text: string): Array<{ code: string; message: string }> {
  const out: Array<{ code: string; message: string }> = [];
  for (const m of text.matchAll(/\[([^\]]+)\]: ([^|]+)/g)) out.push({ code: m[1]!, message: m[2]!.trim() });
  return out.length ? out : [{ code: '', message: text.trim() }];
}

/** Writes the warning for `envName` when its text is new; returns the stored record. */
export async function recordSystemWarning(
  store: KvStore,
  envName: string,
  text: string,
  now: number,
): Promise<SystemWarning> {
  const key = systemWarningKey(envName);
  const old = await store.get<SystemWarning>(key);
  const clean = text.trim().slice(0, 2000);
  const next: SystemWarning =
    old && old.text === clean
      ? { ...old, lastSeenAt: now }
      : { text: clean, at: now, lastSeenAt: now, dismissed: false };
  await store.set(key, next);
  return next;
}

/** Marks the stored warning dismissed, if it is still the one first seen at `at`. */
export async function dismissSystemWarning(store: KvStore, envName: string, at: number): Promise<void> {
  const key = systemWarningKey(envName);
  const old = await store.get<SystemWarning>(key);
  if (old && old.at === at) await store.set(key, { ...old, dismissed: true });
}
