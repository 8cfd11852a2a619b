/** Plain worker answers the page tests script their fake platform with. */
import type { SecretsPresence, Settings } from '../../src/messaging';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...over };
}

export function secrets(over: Partial<SecretsPresence> = {}): SecretsPresence {
  return { ksefToken: false, baseToken: false, offlineKey: null, ...over };
}

/** A NIP with a valid checksum (weights 6,5,7,2,3,4,5,6,7): 5260250274 → sum mod 11 = 4. */
export const GOOD_NIP = '5260250274';
/** The same with the last digit changed: the checksum fails. */
export const BAD_NIP = '5260250275';
