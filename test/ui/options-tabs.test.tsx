// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/pages';

const translate = (lang: 'pl', key: Parameters<ReturnType<typeof translator>>[0]) => translator(lang)(key);

import { Options } from '../../src/ui/options/Options';
import { TABS } from '../../src/ui/options/tabs';
import { secrets, settings } from './data';
import { byRole, click, FakeCommandError, type FakeHandlers, fakePlatform, mount, text } from './harness';

const working: FakeHandlers = { 'settings.get': () => ({ settings: settings(), secrets: secrets() }) };

describe('options page: the tab registry', () => {
  it('shows one tab per registry entry, in the registry order, each opening its own panel', async () => {
    const orders = TABS.map((x) => x.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    for (const entry of TABS) {
      const el = await mount(<Options initialTab={entry.id} />, fakePlatform(working));
      const labels = [...el.querySelectorAll('[role="tab"]')].map((x) => x.textContent);
      expect(labels).toEqual(TABS.map((x) => translate('pl', x.label)));
      const tab = byRole(el, 'tab', translate('pl', entry.label));
      expect(tab.getAttribute('aria-selected')).toBe('true');
      expect(el.querySelector('[role="tabpanel"]')?.id).toBe(`panel-${entry.id}`);
    }
  });

  it('when the settings cannot load, tabs that need them offer a retry and the others still render', async () => {
    let failures = 1;
    const fake = fakePlatform({
      'settings.get': () => {
        if (failures-- > 0) throw new FakeCommandError('worker asleep');
        return { settings: settings(), secrets: secrets() };
      },
    });
    const settingsTab = TABS.find((x) => x.needs === 'settings')!;
    const staticTab = TABS.find((x) => x.needs === 'nothing')!;
    const el = await mount(<Options initialTab={settingsTab.id} />, fake);
    expect(text(el)).toContain('worker asleep');

    await click(byRole(el, 'tab', translate('pl', staticTab.label)));
    expect(text(el)).not.toContain('worker asleep');
    expect(el.querySelector('[role="tabpanel"]')?.textContent).not.toBe('');

    await click(byRole(el, 'tab', translate('pl', settingsTab.label)));
    await click(byRole(el, 'button', translate('pl', 'retry')));
    expect(text(el)).not.toContain('worker asleep');
    expect(fake.callsOf('settings.get')).toHaveLength(2);
  });
});
