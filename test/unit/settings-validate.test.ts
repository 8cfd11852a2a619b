import { describe, expect, it } from 'vitest';
import { fieldMessage } from '../../src/i18n/settings';
import type { Settings } from '../../src/messaging';
import {
  type FieldError,
  isValidNip,
  ksefTokenError,
  nipError,
  normaliseNip,
  settingsErrors,
} from '../../src/settings/validate';

const pl = (e: FieldError | null | undefined) => (e ? fieldMessage(e, 'pl') : undefined);

describe('NIP', () => {
  it('accepts checksum-valid NIPs, as people type them', () => {
    // Valid-checksum NIPs used by the official sample invoices (test/fixtures/ksef/samples).
    for (const n of ['5265877635', '1111111111', '7762811692']) expect(isValidNip(n)).toBe(true);
    expect(normaliseNip('526-587-76-35')).toBe('5265877635');
    expect(normaliseNip('PL 5265877635')).toBe('5265877635');
    expect(nipError('PL526-587-76-35')).toBeNull();
  });
  it('refuses wrong checksums, lengths and letters with a Polish reason', () => {
    expect(isValidNip('5265877636')).toBe(false);
    expect(pl(nipError('5265877636'))).toMatch(/suma kontrolna/);
    expect(pl(nipError('12345'))).toMatch(/10 cyfr/);
    expect(pl(nipError(''))).toMatch(/Podaj NIP/);
    // A checksum of 10 is never a valid NIP.
    expect(isValidNip('1234567890')).toBe(false);
  });
});

describe('KSeF token', () => {
  it('allows "test" only on TEST', () => {
    expect(ksefTokenError('test', 'test')).toBeNull();
    expect(pl(ksefTokenError('test', 'prod'))).toMatch(/tylko w środowisku testowym/);
  });
  it('refuses something that is not a token', () => {
    expect(ksefTokenError('abc', 'demo')).not.toBeNull();
    expect(ksefTokenError(`20251010-EC-0123456789-ABCDEF0123-45|nip-5265877635|${'a'.repeat(64)}`, 'demo')).toBeNull();
  });
});

describe('settings patch', () => {
  it('lists every problem and accepts a good patch', () => {
    const errs = settingsErrors({ nip: '123', seller: { name: '', addressL1: 'x', addressL2: '', countryCode: 'pl' } });
    expect(errs.map((e) => e.field).sort()).toEqual(['nip', 'seller.countryCode', 'seller.name']);
    expect(
      settingsErrors({
        nip: '5265877635',
        seller: { name: 'Firma', addressL1: 'ul. Prosta 1', addressL2: '00-001 Warszawa', countryCode: 'PL' },
      }),
    ).toEqual([]);
  });
});

describe('series rules', () => {
  it('accepts the rules the options page offers and refuses anything else', () => {
    expect(
      settingsErrors({
        seriesRules: { '11': { splitPayment: 'over-15000', margin: 'used' }, '12': { splitPayment: 'always' } },
      }),
    ).toEqual([]);
    const bad = settingsErrors({
      seriesRules: {
        '11': { splitPayment: 'sometimes' as 'always' },
        '12': { margin: 'cars' as 'used' },
        '13': { other: 1 } as never,
      },
    });
    expect(bad.map((e) => e.field)).toEqual(['seriesRules.11', 'seriesRules.12', 'seriesRules.13']);
    expect(pl(bad[0])).toMatch(/procedura marży/);
  });
});

describe('announced KSeF failures', () => {
  it('accepts day ranges and refuses reversed or malformed ones', () => {
    expect(settingsErrors({ ksefOutages: [{ from: '2026-12-01', to: '2026-12-03' }] })).toEqual([]);
    expect(settingsErrors({ ksefOutages: [{ from: '2026-12-03', to: '2026-12-01' }] })[0]?.field).toBe('ksefOutages');
    expect(pl(settingsErrors({ ksefOutages: [{ from: '1.12.2026', to: '2026-12-01' }] })[0])).toMatch(
      /Niedostępność lub awaria KSeF/,
    );
    for (const kind of ['failure', 'unavailability', 'total'] as const)
      expect(settingsErrors({ ksefOutages: [{ from: '2026-12-01', to: '2026-12-01', kind }] })).toEqual([]);
    const unknown = [{ from: '2026-12-01', to: '2026-12-01', kind: 'maintenance' }] as unknown as NonNullable<
      Settings['ksefOutages']
    >;
    expect(settingsErrors({ ksefOutages: unknown })[0]?.field).toBe('ksefOutages');
  });
});
