/**
 * Everything the pages need from the extension, behind one injectable interface: the command
 * sender (src/platform/send.ts in the product, a fake in tests), storage-change notices, the
 * language choice and a few browser actions. The pages never import `browser` themselves, so
 * they render in happy-dom with a fake platform (test/ui) and in Chromium with the real one.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CommandName, Lang, Req, Res } from '../../messaging';

export type Sender = <K extends CommandName>(cmd: K, req: Req<K>) => Promise<Res<K>>;

export interface UiPlatform {
  send: Sender;
  /** Calls `cb` with the changed storage.local keys; returns the unsubscribe function. */
  onStorageChanged: (cb: (keys: string[]) => void) => () => void;
  loadLang: () => Promise<Lang>;
  saveLang: (lang: Lang) => Promise<void>;
  openOptions: () => void;
  copyText: (text: string) => Promise<void>;
  /** Wall clock, injectable so ages ("od 2 h") are testable. */
  now: () => number;
}

const PlatformContext = createContext<UiPlatform | null>(null);

export function PlatformProvider(props: { platform: UiPlatform; children: ComponentChildren }) {
  return <PlatformContext.Provider value={props.platform}>{props.children}</PlatformContext.Provider>;
}

export function usePlatform(): UiPlatform {
  const p = useContext(PlatformContext);
  if (!p) throw new Error('PlatformProvider missing');
  return p;
}
