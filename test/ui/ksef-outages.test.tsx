// @vitest-environment happy-dom
// Announced KSeF failures on the Przekazywanie dokumentów tab: added, validated, removed.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { secrets, settings } from './data';
import { byRole, click, fakePlatform, mount, text, type } from './harness';

function worker(start: Partial<Settings> = {}) {
  const state = { settings: settings(start) };
  const fake = fakePlatform({
    'settings.get': () => ({ settings: state.settings, secrets: secrets() }),
    'settings.save': ({ patch }) => {
      state.settings = { ...state.settings, ...patch };
      return { settings: state.settings };
    },
  });
  return { state, fake };
}

describe('Awarie KSeF', () => {
  it('adds an announced failure and removes it', async () => {
    const { state, fake } = worker();
    const el = await mount(<Options initialTab="transfer" />, fake);
    const box = el.querySelector('[data-testid="ksef-outages"]') as HTMLElement;
    expect(text(box)).toContain('Brak wpisanych awarii.');
    await type(box.querySelector('#outage-from')!, '2026-12-01');
    await type(box.querySelector('#outage-to')!, '2026-12-03');
    await click(byRole(box, 'button', 'Dodaj awarię'));
    expect(state.settings.ksefOutages).toEqual([{ from: '2026-12-01', to: '2026-12-03' }]);
    expect(text(box)).toContain('2026-12-01 – 2026-12-03');
    await click(byRole(box, 'button', 'Usuń awarię 2026-12-01 – 2026-12-03'));
    expect(state.settings.ksefOutages).toEqual([]);
  });

  it('refuses a failure that ends before it starts, saving nothing', async () => {
    const { state, fake } = worker();
    const el = await mount(<Options initialTab="transfer" />, fake);
    const box = el.querySelector('[data-testid="ksef-outages"]') as HTMLElement;
    await type(box.querySelector('#outage-from')!, '2026-12-03');
    await type(box.querySelector('#outage-to')!, '2026-12-01');
    await click(byRole(box, 'button', 'Dodaj awarię'));
    expect(text(box)).toContain('Awaria KSeF: podaj pierwszy i ostatni dzień');
    expect(fake.callsOf('settings.save')).toEqual([]);
    expect(state.settings.ksefOutages).toBeUndefined();
  });
});
