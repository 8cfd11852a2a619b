// KSeF's X-System-Warning on any reply is kept per environment with its time; dismissing holds until the text changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryKvStore } from '../../src/ksef/storage';
import {
  dismissSystemWarning,
  type SystemWarning,
  splitSystemWarning,
  systemWarningKey,
} from '../../src/ksef/system-warning';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

describe('X-System-Warning', () => {
  it('is stored for the environment from a real reply, dismissable, and back only with a new text', async () => {
    let warning = '';
    let now = Date.parse('2026-12-04T10:00:00Z');
    const store = new MemoryKvStore();
    const client = h.client(await h.token(), {
      store,
      now: () => now,
      // TEST's documented way to make KSeF send a warning.
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        if (warning) headers.set('X-Test-System-Warning', warning);
        return fetch(url, { ...init, headers });
      },
    });
    await client.sendInvoice(withInvoiceNumber(sample(), 'W/1'));
    expect(await store.get(systemWarningKey('test'))).toBeUndefined();

    warning = '[MAINT-1]: Prace serwisowe 2026-12-06 22:00-23:00 | [API-2]: Zmiana limitow od 2027-01-01';
    await client.sendInvoice(withInvoiceNumber(sample(), 'W/2'));
    const first = await store.get<SystemWarning>(systemWarningKey('test'));
    expect(first).toMatchObject({ text: warning, at: now, dismissed: false });
    expect(splitSystemWarning(first!.text)).toEqual([
      { code: 'MAINT-1', message: 'Prace serwisowe 2026-12-06 22:00-23:00' },
      { code: 'API-2', message: 'Zmiana limitow od 2027-01-01' },
    ]);

    await dismissSystemWarning(store, 'test', first!.at);
    now += 60_000;
    await client.sendInvoice(withInvoiceNumber(sample(), 'W/3'));
    expect(await store.get<SystemWarning>(systemWarningKey('test'))).toMatchObject({ at: first!.at, dismissed: true });

    warning = '[MAINT-2]: Nowy termin prac';
    await client.sendInvoice(withInvoiceNumber(sample(), 'W/4'));
    expect(await store.get<SystemWarning>(systemWarningKey('test'))).toMatchObject({
      text: warning,
      at: now,
      dismissed: false,
    });
    expect(await store.get(systemWarningKey('prod'))).toBeUndefined();
  });

  it('a warning on an error reply is kept too', async () => {
    const store = new MemoryKvStore();
    const client = h.client({ kind: 'token', token: 'nonsense|nip-5265877635|00' } as never, {
      store,
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set('X-Test-System-Warning', '[X]: Uwaga');
        return fetch(url, { ...init, headers });
      },
    });
    await client.login().catch(() => undefined);
    expect((await store.get<SystemWarning>(systemWarningKey('test')))?.text).toBe('[X]: Uwaga');
  });
});
