/**
 * Everything the pages need from the extension, behind one injectable interface: the command
 * sender (src/platform/send.ts in the product, a fake in tests), storage-change notices, the
 * language choice and a few browser actions. The pages never import `browser` themselves, so
 * they render in happy-dom with a fake platform (test/ui) and in Chromium with the real one.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { UI_LANG_KEY } from '../../core/lang';
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
  /** The hosts the browser must let the extension reach (Firefox asks the user); absent in fakes. */
  hostAccess?: HostAccess;
}

export interface HostAccess {
  /** Match patterns not granted now. */
  missing: () => Promise<string[]>;
  /** Asks the user; must run straight from a click, before any `await`. */
  request: (origins: readonly string[]) => Promise<boolean>;
  /** Calls `cb` when a permission is granted or revoked; returns the unsubscribe function. */
  onChanged: (cb: () => void) => () => void;
}

interface UiContext {
  platform: UiPlatform;
  lang: Lang;
  setLang: (l: Lang) => Promise<void>;
}

const Ctx = createContext<UiContext | null>(null);

/** Provides the platform and the one language state of the page. Children render once the
 * language is known, so an English user never sees a Polish flash. */
export function PlatformProvider(props: { platform: UiPlatform; children: ComponentChildren }) {
  const { platform } = props;
  const [lang, setLangState] = useState<Lang | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void platform.loadLang().then((l) => {
        if (alive) setLangState(l);
      });
    load();
    // Another page (the options) may switch the language while this one is open.
    const off = platform.onStorageChanged((keys) => {
      if (keys.includes(UI_LANG_KEY)) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [platform]);
  const value = useMemo<UiContext | null>(
    () =>
      lang === null
        ? null
        : {
            platform,
            lang,
            setLang: async (l: Lang) => {
              await platform.saveLang(l);
              setLangState(l);
            },
          },
    [platform, lang],
  );
  if (!value) return null;
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

function useUi(): UiContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('PlatformProvider missing');
  return c;
}

export function usePlatform(): UiPlatform {
  return useUi().platform;
}

export function useLangState(): { lang: Lang; setLang: (l: Lang) => Promise<void> } {
  const { lang, setLang } = useUi();
  return { lang, setLang };
}
