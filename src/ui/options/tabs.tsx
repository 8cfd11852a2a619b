/**
 * The options tabs, in one list. Adding a tab is one entry here plus its label in the text tables
 * (docs/how-to-options-tab.md); the page (Options.tsx) only renders what this list says.
 */
import type { FunctionComponent } from 'preact';
import type { MessageKey } from '../../i18n/pages';
import type { Lang } from '../../messaging';
import { LiveLimitsSection } from '../components/KsefNotices';
import { ConnectionTab } from './ConnectionTab';
import { ExportTab } from './ExportTab';
import { HelpTab } from './HelpTab';
import { KsefOutages } from './KsefOutages';
import type { Loaded, LoadedUpdate } from './loaded';
import { SeriesTab } from './SeriesTab';
import { TransferTab } from './TransferTab';

/** Props of a tab that shows or edits the saved settings: it is rendered only once they are loaded. */
export interface SettingsTabProps {
  loaded: Loaded;
  onChange: LoadedUpdate;
  lang: Lang;
}

/** Props of a tab that needs nothing from storage: it is rendered even when loading failed. */
export interface StaticTabProps {
  lang: Lang;
}

export type TabEntry =
  | { id: string; label: MessageKey; order: number; needs: 'settings'; Component: FunctionComponent<SettingsTabProps> }
  | { id: string; label: MessageKey; order: number; needs: 'nothing'; Component: FunctionComponent<StaticTabProps> };

function TransferWithOutages(p: SettingsTabProps) {
  return (
    <>
      <TransferTab loaded={p.loaded} onChange={p.onChange} />
      <hr />
      <KsefOutages settings={p.loaded.settings} onSaved={(settings) => p.onChange({ settings })} />
    </>
  );
}

function HelpWithLimits(p: StaticTabProps) {
  return (
    <>
      <HelpTab lang={p.lang} />
      <LiveLimitsSection />
    </>
  );
}

const ENTRIES = [
  { id: 'connection', label: 'tabConnection', order: 10, needs: 'settings', Component: ConnectionTab },
  { id: 'transfer', label: 'tabTransfer', order: 20, needs: 'settings', Component: TransferWithOutages },
  // The export tab reads no setting, but it waits for them like the other working tabs: a page
  // that cannot reach the worker shows the one load error and its retry button instead.
  { id: 'export', label: 'tabExport', order: 30, needs: 'settings', Component: () => <ExportTab /> },
  {
    id: 'series',
    label: 'tabSeries',
    order: 40,
    needs: 'settings',
    Component: (p: SettingsTabProps) => <SeriesTab settings={p.loaded.settings} onChange={p.onChange} />,
  },
  { id: 'help', label: 'tabHelp', order: 50, needs: 'nothing', Component: HelpWithLimits },
] as const satisfies readonly TabEntry[];

export type TabId = (typeof ENTRIES)[number]['id'];

/** Every tab, in the order the tab bar shows them. */
export const TABS: readonly (TabEntry & { id: TabId })[] = [...ENTRIES].sort((a, b) => a.order - b.order);

export const TAB_IDS: readonly TabId[] = TABS.map((tab) => tab.id);

export function isTabId(x: string): x is TabId {
  return (TAB_IDS as readonly string[]).includes(x);
}

export function tabById(id: TabId): TabEntry {
  const tab = TABS.find((x) => x.id === id);
  if (!tab) throw new Error(`unknown options tab: ${id}`);
  return tab;
}
