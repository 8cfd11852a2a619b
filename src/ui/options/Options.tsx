/** The options page: tabs like Base's own KSeF settings, Polish by default. */
import { useEffect, useState } from 'preact/hooks';
import type { Lang, SecretsPresence, Settings } from '../../messaging';
import { EnvBanner } from '../components/EnvBanner';
import { errorText } from '../components/errors';
import { Notice, SelectField } from '../components/fields';
import { LiveLimitsSection, SystemWarningNotice } from '../components/KsefNotices';
import { usePlatform } from '../components/platform';
import { Tabs } from '../components/Tabs';
import { translator } from '../i18n';
import { PurchasesLink } from '../purchases/PurchasesLink';
import { useLang } from '../use-lang';
import { ConnectionTab } from './ConnectionTab';
import { ExportTab } from './ExportTab';
import { HelpTab } from './HelpTab';
import { HostAccessBanner } from './HostAccessBanner';
import { KsefOutages } from './KsefOutages';
import { SeriesTab } from './SeriesTab';
import { TransferTab } from './TransferTab';
import { Welcome } from './Welcome';

export const TAB_IDS = ['connection', 'transfer', 'export', 'series', 'help'] as const;
export type TabId = (typeof TAB_IDS)[number];

export function isTabId(x: string): x is TabId {
  return (TAB_IDS as readonly string[]).includes(x);
}

export interface Loaded {
  settings: Settings;
  secrets: SecretsPresence;
}

export function Options(props: { initialTab?: TabId }) {
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

  const update = (patch: Partial<Loaded>) => setLoaded((cur) => (cur ? { ...cur, ...patch } : cur));

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
        tabs={TAB_IDS.map((id) => ({ id, label: t(TAB_LABEL[id]) }))}
        active={tab}
        onSelect={(id) => {
          setTab(id);
          // The tab is kept in the address so a reload (or a link from the popup) returns to it.
          history.replaceState(null, '', `#${id}`);
        }}
      >
        {tab === 'help' ? (
          <>
            <HelpTab lang={lang} />
            <LiveLimitsSection />
          </>
        ) : loadError ? (
          <Notice kind="danger">
            {t('settingsLoadFailed', { message: loadError })}{' '}
            <button type="button" class="btn btn-xs" onClick={load}>
              {t('retry')}
            </button>
          </Notice>
        ) : !loaded ? (
          <p>{t('loading')}</p>
        ) : tab === 'connection' ? (
          <ConnectionTab loaded={loaded} onChange={update} />
        ) : tab === 'transfer' ? (
          <>
            <TransferTab loaded={loaded} onChange={update} />
            <hr />
            <KsefOutages settings={loaded.settings} onSaved={(settings) => update({ settings })} />
          </>
        ) : tab === 'export' ? (
          <ExportTab />
        ) : (
          <SeriesTab settings={loaded.settings} onChange={update} />
        )}
      </Tabs>
    </main>
  );
}

const TAB_LABEL = {
  connection: 'tabConnection',
  transfer: 'tabTransfer',
  export: 'tabExport',
  series: 'tabSeries',
  help: 'tabHelp',
} as const;

/** The welcome stays until the three things every send needs are saved. */
function isConfigured(l: Loaded): boolean {
  return l.secrets.ksefToken && l.secrets.baseToken && /^\d{10}$/.test(l.settings.nip);
}
