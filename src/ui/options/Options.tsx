/** The options page: tabs like Base's own KSeF settings, Polish by default. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isValidNip } from '../../core/nip';
import { type Translate, translator } from '../../i18n/pages';
import type { Lang } from '../../messaging';
import { EnvBanner } from '../components/EnvBanner';
import { errorText } from '../components/errors';
import { Notice, SelectField } from '../components/fields';
import { SystemWarningNotice } from '../components/KsefNotices';
import { usePlatform } from '../components/platform';
import { Tabs } from '../components/Tabs';
import { PurchasesLink } from '../purchases/PurchasesLink';
import { useLang } from '../use-lang';
import { HostAccessBanner } from './HostAccessBanner';
import type { Loaded, LoadedUpdate } from './loaded';
import { isTabId, TAB_IDS, TABS, type TabId, tabById } from './tabs';
import { Welcome } from './Welcome';

export type { Loaded };
// The entrypoint and older callers import these from here; the list itself lives in tabs.tsx.
export { isTabId, TAB_IDS, type TabId };

export function Options(props: { initialTab?: TabId | undefined }) {
  const platform = usePlatform();
  const { lang, t, setLang } = useLang();
  const [tab, setTab] = useState<TabId>(props.initialTab ?? 'connection');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [langSaved, setLangSaved] = useState(false);

  const load = () => {
    setLoadError(null);
    platform.send('settings.get', {}).then(setLoaded, (e: unknown) => setLoadError(errorText(e, t)));
  };
  // Deliberate dependencies: load once; `t` only words the error
  useEffect(load, [platform]);

  const [langError, setLangError] = useState<string | null>(null);
  const chooseLang = async (l: Lang) => {
    // The pages and the content script follow the `uiLang` key (settings/lang.ts); the worker words
    // its answers by Settings.uiLang, so both are written.
    await setLang(l);
    setLangError(null);
    try {
      const { settings } = await platform.send('settings.save', { patch: { uiLang: l } });
      setLoaded((cur) => (cur ? { ...cur, settings } : cur));
      setLangSaved(true);
    } catch (err) {
      setLangError(errorText(err, translator(l)));
    }
  };

  const update: LoadedUpdate = (patch) => setLoaded((cur) => (cur ? { ...cur, ...patch } : cur));

  return (
    <main class="options">
      <header class="options-header">
        <h1>{t('optionsTitle')}</h1>
        <a href="invoices.html" target="_blank" rel="noopener">
          {t('invoicesLink')}
        </a>
        <div class="lang-picker">
          <SelectField<Lang>
            id="uiLang"
            label={t('language')}
            value={lang}
            options={[
              { value: 'pl', label: 'Polski' },
              { value: 'en', label: 'English' },
            ]}
            onChange={(l) => void chooseLang(l)}
          />
          {langSaved && <span role="status">{t('saved')}</span>}
          {langError && <Notice kind="danger">{langError}</Notice>}
        </div>
        <PurchasesLink />
      </header>
      {loaded && <EnvBanner env={loaded.settings.env} />}
      {loaded && !isConfigured(loaded) && <Welcome lang={lang} />}
      <HostAccessBanner />
      {loaded && <SystemWarningNotice />}
      <Tabs
        tabs={TABS.map((x) => ({ id: x.id, label: t(x.label) }))}
        active={tab}
        onSelect={(id) => {
          setTab(id);
          // The tab is kept in the address so a reload (or a link from the popup) returns to it.
          history.replaceState(null, '', `#${id}`);
        }}
      >
        <TabBody tab={tab} lang={lang} t={t} loaded={loaded} loadError={loadError} onRetry={load} onChange={update} />
      </Tabs>
    </main>
  );
}

/** The active tab's content: a tab that needs the settings waits for them (or shows why not). */
function TabBody(p: {
  tab: TabId;
  lang: Lang;
  t: Translate;
  loaded: Loaded | null;
  loadError: string | null;
  onRetry: () => void;
  onChange: LoadedUpdate;
}): ComponentChildren {
  const entry = tabById(p.tab);
  if (entry.needs === 'nothing') return <entry.Component lang={p.lang} />;
  if (p.loadError) {
    return (
      <Notice kind="danger">
        {p.t('settingsLoadFailed', { message: p.loadError })}{' '}
        <button type="button" class="btn btn-xs" onClick={p.onRetry}>
          {p.t('retry')}
        </button>
      </Notice>
    );
  }
  if (!p.loaded) return <p>{p.t('loading')}</p>;
  return <entry.Component loaded={p.loaded} onChange={p.onChange} lang={p.lang} />;
}

/** The welcome stays until the three things every send needs are saved. */
function isConfigured(l: Loaded): boolean {
  return l.secrets.ksefToken && l.secrets.baseToken && isValidNip(l.settings.nip);
}
