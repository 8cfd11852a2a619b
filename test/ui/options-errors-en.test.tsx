// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Options } from '../../src/ui/options/Options';
import { polishIn } from '../i18n/polish';
import { BAD_NIP, secrets, settings } from './data';
import { byLabel, choose, fakePlatform, mount, type } from './harness';

function errorOf(el: HTMLElement, input: HTMLInputElement): string {
  const id = input
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((x) => x.endsWith('-error'));
  return (id ? el.querySelector(`#${CSS.escape(id)}`)?.textContent : '') ?? '';
}

describe('options page in English: as-you-type errors', () => {
  it('words NIP, token and seller problems in English as the user types', async () => {
    const fake = fakePlatform(
      { 'settings.get': () => ({ settings: settings({ env: 'test' }), secrets: secrets() }) },
      { lang: 'en' },
    );
    const el = await mount(<Options />, fake);
    const nip = byLabel(el, 'Seller NIP');
    await type(nip, '52602');
    expect(errorOf(el, nip)).toBe('A NIP has 10 digits (no letters or symbols).');
    await type(nip, BAD_NIP);
    expect(errorOf(el, nip)).toBe('Invalid NIP: the checksum does not match. Check for a typo.');

    const ksef = byLabel(el, 'KSeF token');
    await type(ksef, 'test');
    expect(errorOf(el, ksef)).toBe('');
    await choose(byLabel<HTMLSelectElement>(el, 'KSeF environment'), 'demo');
    expect(errorOf(el, ksef)).toMatch(/^The word "test" \(certificate login\) works only on the TEST environment/);

    const base = byLabel(el, 'Base API token');
    await type(base, 'abc def');
    expect(errorOf(el, base)).toMatch(/^This does not look like a Base API token/);

    const name = byLabel(el, 'Seller name');
    await type(name, 'x'.repeat(600));
    expect(errorOf(el, name)).toBe('Too long (512 characters at most).');
    for (const input of [nip, ksef, base, name]) expect(polishIn(errorOf(el, input))).toBeNull();
  });
});
