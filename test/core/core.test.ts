import { describe, expect, it } from 'vitest';
import {
  base64ToBase64Url,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  textToBase64,
} from '../../src/core/base64';
import { isKsefEnv, KSEF_API_HOSTS, KSEF_ENVS, KSEF_QR_HOSTS, ksefApiBase } from '../../src/core/env';
import { DEFAULT_LANG, isLang, LANGS } from '../../src/core/lang';
import { isValidNip, nipIssue, normaliseNip } from '../../src/core/nip';
import { parseWake, type Wake, wakeName } from '../../src/core/wake';
import {
  warsawClock,
  warsawDateTime,
  warsawDateTimeText,
  warsawDay,
  warsawDayMonthClock,
  warsawDayOfUnix,
  warsawMidnight,
  warsawMidnightIso,
  warsawMonth,
  warsawStampText,
  warsawToEpochMs,
  warsawYearMonth,
} from '../../src/core/warsaw';
import { fieldMessage } from '../../src/i18n/settings';
import { fromBase64 as ksefFromBase64, toBase64 as ksefToBase64 } from '../../src/ksef/encoding';
import { KSEF_ENVIRONMENTS } from '../../src/ksef/env';
import { WAKE } from '../../src/pipeline/wake';
import { KSEF_API_HOSTS as PLATFORM_API_HOSTS } from '../../src/platform/hosts';
import { QR_BASE_URLS } from '../../src/qr/hosts';
import { nipError, isValidNip as settingsIsValidNip } from '../../src/settings/validate';

/** A small deterministic generator, so the property checks below are reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s;
  };
}

describe('core/env', () => {
  it('names three environments and refuses anything else', () => {
    expect(KSEF_ENVS).toEqual(['test', 'demo', 'prod']);
    for (const env of KSEF_ENVS) expect(isKsefEnv(env)).toBe(true);
    for (const x of ['TEST', 'production', '', undefined, 1]) expect(isKsefEnv(x)).toBe(false);
  });

  it('agrees with the hosts still declared by the client, the QR links and the manifest', () => {
    for (const env of KSEF_ENVS) {
      expect(ksefApiBase(env)).toBe(KSEF_ENVIRONMENTS[env].apiBaseUrl);
      expect(KSEF_QR_HOSTS[env]).toBe(KSEF_ENVIRONMENTS[env].qrBaseUrl);
      expect(KSEF_QR_HOSTS[env]).toBe(QR_BASE_URLS[env]);
      expect(new URL(KSEF_API_HOSTS[env]).hostname.endsWith('.ksef.mf.gov.pl')).toBe(true);
    }
    expect(PLATFORM_API_HOSTS).toBe(KSEF_API_HOSTS);
  });
});

describe('core/lang', () => {
  it('knows Polish (the default) and English only', () => {
    expect(LANGS).toEqual(['pl', 'en']);
    expect(DEFAULT_LANG).toBe('pl');
    expect(isLang('en')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang(null)).toBe(false);
  });
});

describe('core/nip', () => {
  it('accepts a real NIP and says why others are refused', () => {
    expect(isValidNip('5260250274')).toBe(true);
    expect(nipIssue('5260250275')).toBe('checksum');
    // Checksum 0 matches the tenth digit, but no NIP starts with 0 (the FA(3) TNrNIP pattern).
    expect(nipIssue('0000000000')).toBe('prefix');
    expect(nipIssue('1000000000')).toBe('prefix');
    expect(nipIssue('526025027')).toBe('digits');
    expect(nipIssue('526025027a')).toBe('digits');
  });

  it('is the one rule: the settings form decides every number as the FA(3) builder does', () => {
    const next = lcg(42);
    let valid = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Some with a leading zero, most without, so every branch of the rule is exercised.
      const nip = String(next() % 10_000_000_000).padStart(10, '0');
      const ok = isValidNip(nip);
      if (ok) valid++;
      if (settingsIsValidNip(nip) !== ok || (nipError(nip) === null) !== ok) disagreements.push(nip);
    }
    expect(disagreements).toEqual([]);
    // About one number in eleven passes the checksum: the sample covers both answers.
    expect(valid).toBeGreaterThan(1000);
  });

  it('reads what people type', () => {
    expect(normaliseNip('PL 526-025-02-74')).toBe('5260250274');
    expect(normaliseNip(' 526 025 02 74 ')).toBe('5260250274');
    expect(fieldMessage(nipError('526-025-02-75')!, 'pl')).toMatch(/suma kontrolna/);
    expect(fieldMessage(nipError('0000000000')!, 'en')).toMatch(/starts with 0/);
  });
});

describe('core/base64', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, b64] of vectors) {
      expect(bytesToBase64(new TextEncoder().encode(text))).toBe(b64);
      expect(new TextDecoder().decode(base64ToBytes(b64))).toBe(text);
    }
    expect(textToBase64('zażółć')).toBe(Buffer.from('zażółć', 'utf8').toString('base64'));
  });

  it('round-trips large inputs and matches the client and Node byte for byte', () => {
    const next = lcg(7);
    const bytes = Uint8Array.from({ length: 200_003 }, () => next() & 0xff);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(b64).toBe(ksefToBase64(bytes));
    // Buffer.equals: a deep comparison of 200 kB element by element would take seconds.
    const same = (x: Uint8Array) => Buffer.from(x).equals(Buffer.from(bytes));
    expect(same(base64ToBytes(b64))).toBe(true);
    expect(same(ksefFromBase64(b64))).toBe(true);
    // Line-wrapped (PEM) input decodes too.
    expect(same(base64ToBytes(b64.replace(/(.{64})/g, '$1\n')))).toBe(true);
    expect(same(base64ToBytes(b64.slice(4)))).toBe(false);
  });

  it('encodes every length and byte value as Node does (each padding case)', () => {
    const next = lcg(11);
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => next() & 0xff);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
    // A view into a larger buffer encodes only its own bytes.
    expect(bytesToBase64(all.subarray(10, 15))).toBe(Buffer.from(all.subarray(10, 15)).toString('base64'));
  });

  it('writes and reads base64url without padding, leniently', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf]);
    expect(bytesToBase64(bytes)).toBe('+/+/');
    expect(bytesToBase64Url(bytes)).toBe('-_-_');
    expect(base64ToBase64Url('+/8=')).toBe('-_8');
    expect(base64UrlToBytes('-_8')).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(base64UrlToBytes('+/8=')).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(bytesToBase64Url(new Uint8Array())).toBe('');
    expect(() => base64UrlToBytes('ab!c')).toThrow(TypeError);
    expect(() => base64UrlToBytes('abcde')).toThrow(TypeError);
  });
});

describe('core/warsaw', () => {
  it('gives the Warsaw calendar day, which is not the UTC one around midnight', () => {
    // Winter (UTC+1) and summer (UTC+2).
    expect(warsawDay(Date.parse('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(warsawDay(Date.parse('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(warsawDay(Date.parse('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(warsawDayOfUnix(Date.parse('2026-12-31T23:00:00Z') / 1000)).toBe('2027-01-01');
    expect(warsawMonth(Date.parse('2026-12-31T23:00:00Z'))).toBe('2027-01');
    expect(warsawYearMonth(Date.parse('2026-12-31T22:59:59Z'))).toEqual([2026, 12]);
    expect(() => warsawDay(Number.NaN)).toThrow(RangeError);
  });

  it('shows wall-clock times in Warsaw', () => {
    expect(warsawClock(Date.parse('2026-05-13T10:15:00Z'))).toBe('12:15');
    expect(warsawClock(Date.parse('2026-11-29T23:05:00Z'))).toBe('00:05');
    expect(warsawDateTime(Date.parse('2026-05-13T10:15:00Z'))).toBe('2026-05-13 12:15');
  });

  it('turns a wall-clock time back into an instant, across both DST changes', () => {
    expect(warsawToEpochMs(2026, 1, 15, 12)).toBe(Date.parse('2026-01-15T11:00:00Z'));
    expect(warsawToEpochMs(2026, 7, 15, 12)).toBe(Date.parse('2026-07-15T10:00:00Z'));
    // 29 March 2026: 02:00 → 03:00; the skipped 02:30 reads as 03:30 summer time.
    expect(warsawToEpochMs(2026, 3, 29, 2, 30)).toBe(Date.parse('2026-03-29T01:30:00Z'));
    // 25 October 2026: 03:00 → 02:00; the repeated 02:30 is taken the first time.
    expect(warsawToEpochMs(2026, 10, 25, 2, 30)).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(warsawMidnight('2026-03-29')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(warsawMidnight('2026-10-26')).toBe(Date.parse('2026-10-25T23:00:00Z'));
  });

  it('finds every midnight of two years, with its offset', () => {
    for (let t = Date.parse('2026-01-01T12:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 86_400_000) {
      const day = warsawDay(t);
      const midnight = warsawMidnight(day);
      expect(warsawDay(midnight)).toBe(day);
      expect(warsawDay(midnight - 1)).not.toBe(day);
      expect(Date.parse(warsawMidnightIso(day))).toBe(midnight);
    }
    expect(warsawMidnightIso('2026-01-01')).toBe('2026-01-01T00:00:00+01:00');
    expect(warsawMidnightIso('2026-07-01')).toBe('2026-07-01T00:00:00+02:00');
  });

  it('writes moments for readers as the pl-PL and en-GB conventions do', () => {
    const intl = (locale: string, o: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Warsaw', ...o });
    const dateTime = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
    const pl = intl('pl-PL', dateTime);
    const en = intl('en-GB', dateTime);
    const short = intl('pl-PL', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
    const next = lcg(11);
    // Random instants from 2000 to 2060, with both DST changes of 2026 and a Warsaw midnight.
    const instants = Array.from({ length: 400 }, () => 946_684_800_000 + (next() / 2 ** 32) * 1.9e12);
    instants.push(
      Date.parse('2026-03-29T01:30:00Z'),
      Date.parse('2026-10-25T00:30:00Z'),
      Date.parse('2026-11-29T23:05:09Z'),
    );
    for (const ms of instants) {
      expect(warsawDateTimeText(ms, 'pl')).toBe(pl.format(ms));
      expect(warsawDateTimeText(ms, 'en')).toBe(en.format(ms));
      expect(warsawDayMonthClock(ms)).toBe(short.format(ms));
    }
    expect(warsawDateTimeText(Date.parse('2026-11-29T23:05:09Z'), 'pl')).toBe('30.11.2026, 00:05');
    expect(warsawDayMonthClock(Date.parse('2026-11-29T23:05:09Z'))).toBe('30.11, 00:05');
    expect(warsawStampText(Date.parse('2026-11-29T23:05:09Z'))).toBe('30.11.2026 00:05:09');
  });
});

describe('core/wake', () => {
  it('reads back every name it builds', () => {
    const wakes: Wake[] = [
      { kind: 'poll' },
      { kind: 'autoSend' },
      { kind: 'export' },
      { kind: 'purchases' },
      { kind: 'check', key: 'inv-1' },
      { kind: 'send', key: '123' },
      { kind: 'kod1', key: 'abc' },
      // A batch key carries its context after `@`, and colons of its own.
      { kind: 'batch', key: '20261129-SB-1@prod:5260250274' },
    ];
    for (const w of wakes) expect(parseWake(wakeName(w))).toEqual(w);
    expect(wakeName({ kind: 'poll' })).toBe('ksef-poll');
    expect(wakeName({ kind: 'check', key: 'x' })).toBe('ksef-check:x');
  });

  it('refuses names it never builds', () => {
    for (const name of ['', 'ksef-wake', 'ksef-check', 'ksef-check:', ':x', 'other:1', 'ksef-poll:1', 'KSEF-POLL']) {
      expect(parseWake(name)).toBeNull();
    }
    expect(() => wakeName({ kind: 'send', key: '' })).toThrow(RangeError);
  });

  it('reads every name the pipeline schedules', () => {
    expect(parseWake(WAKE.check('r1'))).toEqual({ kind: 'check', key: 'r1' });
    expect(parseWake(WAKE.send('r2'))).toEqual({ kind: 'send', key: 'r2' });
    expect(parseWake(WAKE.batch('s@test:1'))).toEqual({ kind: 'batch', key: 's@test:1' });
    expect(parseWake(WAKE.kod1('r3'))).toEqual({ kind: 'kod1', key: 'r3' });
    expect(parseWake(WAKE.autoSend)).toEqual({ kind: 'autoSend' });
    expect(parseWake(WAKE.export)).toEqual({ kind: 'export' });
    expect(parseWake(WAKE.poll)).toEqual({ kind: 'poll' });
  });
});
