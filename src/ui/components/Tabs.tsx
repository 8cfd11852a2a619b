/** Tabs like Base's own integration settings; WAI-ARIA tab pattern so tests and screen readers
 * find them by role and name. */
import type { ComponentChildren } from 'preact';

export interface TabDef<Id extends string> {
  id: Id;
  label: string;
}

export function Tabs<Id extends string>(p: {
  tabs: TabDef<Id>[];
  active: Id;
  onSelect: (id: Id) => void;
  children: ComponentChildren;
}) {
  const onKey = (e: KeyboardEvent) => {
    const i = p.tabs.findIndex((x) => x.id === p.active);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = p.tabs[(i + step + p.tabs.length) % p.tabs.length];
    if (!next) return;
    p.onSelect(next.id);
    // Roving focus (WAI-ARIA tabs): the newly selected tab takes the focus.
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <div>
      <div class="nav-tabs" role="tablist" onKeyDown={onKey}>
        {p.tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === p.active}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === p.active ? 0 : -1}
            class={tab.id === p.active ? 'active' : ''}
            onClick={() => p.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel" id={`panel-${p.active}`} aria-labelledby={`tab-${p.active}`}>
        {p.children}
      </div>
    </div>
  );
}
