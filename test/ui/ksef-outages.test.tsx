// @vitest-environment happy-dom
// Announced KSeF failures on the Przekazywanie dokumentów tab: added, validated, removed.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { secrets, settings } from './data';
import { byRole, choose, click, fakePlatform, mount, text, type } from './harness';

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
    expect(text(box)).toContain('Brak wpisanych komunikatów.');
    await type(box.querySelector('#outage-from')!, '2026-12-01');
    await type(box.querySelector('#outage-to')!, '2026-12-03');
    await click(byRole(box, 'button', 'Dodaj'));
    expect(state.settings.ksefOutages).toEqual([{ from: '2026-12-01', to: '2026-12-03', kind: 'failure' }]);
    expect(text(box)).toContain('2026-12-01 – 2026-12-03: Awaria (7 dni roboczych po jej zakończeniu)');
    await click(byRole(box, 'button', 'Usuń wpis 2026-12-01 – 2026-12-03'));
    expect(state.settings.ksefOutages).toEqual([]);
  });

  it('adds an unavailability and a total failure with their kinds; an old entry without a kind reads as a failure', async () => {
    const { state, fake } = worker({ ksefOutages: [{ from: '2026-11-02', to: '2026-11-02' }] });
    const el = await mount(<Options initialTab="transfer" />, fake);
    const box = el.querySelector('[data-testid="ksef-outages"]') as HTMLElement;
    expect(text(box)).toContain('2026-11-02 – 2026-11-02: Awaria (7 dni roboczych');
    await type(box.querySelector('#outage-from')!, '2026-12-03');
    await choose(box.querySelector('#outage-kind')!, 'unavailability');
    await click(byRole(box, 'button', 'Dodaj'));
    await type(box.querySelector('#outage-from')!, '2026-12-10');
    await choose(box.querySelector('#outage-kind')!, 'total');
    await click(byRole(box, 'button', 'Dodaj'));
    expect(state.settings.ksefOutages).toEqual([
      { from: '2026-11-02', to: '2026-11-02' },
      { from: '2026-12-03', to: '2026-12-03', kind: 'unavailability' },
      { from: '2026-12-10', to: '2026-12-10', kind: 'total' },
    ]);
    expect(text(box)).toContain('2026-12-03 – 2026-12-03: Niedostępność (następny dzień roboczy po jej zakończeniu)');
    expect(text(box)).toContain('2026-12-10 – 2026-12-10: Awaria całkowita (bez obowiązku przesłania)');
  });

  it('refuses a failure that ends before it starts, saving nothing', async () => {
    const { state, fake } = worker();
    const el = await mount(<Options initialTab="transfer" />, fake);
    const box = el.querySelector('[data-testid="ksef-outages"]') as HTMLElement;
    await type(box.querySelector('#outage-from')!, '2026-12-03');
    await type(box.querySelector('#outage-to')!, '2026-12-01');
    await click(byRole(box, 'button', 'Dodaj'));
    expect(text(box)).toContain('Niedostępność lub awaria KSeF: podaj pierwszy i ostatni dzień');
    expect(fake.callsOf('settings.save')).toEqual([]);
    expect(state.settings.ksefOutages).toBeUndefined();
  });
});
