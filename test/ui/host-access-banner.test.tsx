// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HostAccessBanner } from '../../src/ui/options/HostAccessBanner';
import { click, fakePlatform, flush, mount, queryRole, text } from './harness';

const ALL = ['https://api-test.ksef.mf.gov.pl/*', 'https://api.baselinker.com/*', 'https://api.nbp.pl/*'];

/** A browser stand-in whose user answers each permission prompt with `answer`. */
function browserWith(granted: Set<string>, answer: boolean) {
  const listeners = new Set<() => void>();
  const asked: string[][] = [];
  const fake = fakePlatform({});
  fake.platform.hostAccess = {
    missing: async () => ALL.filter((o) => !granted.has(o)),
    request: (origins) => {
      asked.push([...origins]);
      if (answer) for (const o of origins) granted.add(o);
      if (answer) for (const l of listeners) l();
      return Promise.resolve(answer);
    },
    onChanged: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const revoke = (o: string) => {
    granted.delete(o);
    for (const l of listeners) l();
  };
  return { fake, asked, revoke };
}

describe('host access banner', () => {
  it('names the missing hosts, asks for exactly those on click, and goes away once granted', async () => {
    const { fake, asked } = browserWith(new Set([ALL[0]!]), true);
    const el = await mount(<HostAccessBanner />, fake);
    expect(text(el)).toContain('nie pozwala jeszcze rozszerzeniu');
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['api.baselinker.com', 'api.nbp.pl']);
    await click(queryRole(el, 'button', 'Zezwól na połączenia')!);
    expect(asked).toEqual([[ALL[1], ALL[2]]]);
    expect(el.querySelector('[data-testid="host-access"]')).toBeNull();
  });

  it('says so when the user refuses, and comes back when a host is revoked later', async () => {
    const granted = new Set(ALL);
    const { fake, revoke } = browserWith(granted, false);
    const el = await mount(<HostAccessBanner />, fake);
    expect(el.querySelector('[data-testid="host-access"]')).toBeNull();
    revoke(ALL[2]!);
    await flush();
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['api.nbp.pl']);
    await click(queryRole(el, 'button', 'Zezwól na połączenia')!);
    expect(text(el)).toContain('Nie udzielono zgody');
  });

  it('shows nothing where the platform has no host access to manage', async () => {
    const el = await mount(<HostAccessBanner />, fakePlatform({}));
    expect(el.textContent).toBe('');
  });
});
