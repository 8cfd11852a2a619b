// KSeF number and reference number formats (docs/ksef-protocol.md §8.4, §8.5).
import { warsawDate } from './warsaw';

/** CRC-8, polynomial 0x07, init 0x00, no reflection, no final XOR (docs/ksef-protocol.md §8.4; ksef-docs numer-ksef.md). */
export function crc8(text: string): number {
  let crc = 0;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

export function randomHex(chars: number, random: (n: number) => Uint8Array): string {
  return Array.from(random(Math.ceil(chars / 2)), hex2)
    .join('')
    .slice(0, chars);
}

/** `NNNNNNNNNN-YYYYMMDD-HHHHHHHHHHHH-CC`, CC = CRC-8 of the first 32 chars (§8.4). Date = Warsaw acceptance day. */
export function ksefNumber(sellerNip: string, atMs: number, random: (n: number) => Uint8Array): string {
  const data = `${sellerNip}-${warsawDate(atMs).replaceAll('-', '')}-${randomHex(12, random)}`;
  return `${data}-${hex2(crc8(data))}`;
}

export function isValidKsefNumber(n: string): boolean {
  const m = /^(\d{10}-\d{8}-[0-9A-F]{12})-([0-9A-F]{2})$/.exec(n);
  return !!m && hex2(crc8(m[1]!)) === m[2];
}

/** Type codes seen in KSeF (§8.5): CR challenge, AU auth, SO/SB sessions, EE invoice, EU UPO page, EC token. */
export type RefType = 'CR' | 'AU' | 'SO' | 'SB' | 'EE' | 'EU' | 'EC' | 'EH';

/**
 * `YYYYMMDD-TT-HHHHHHHHHH-HHHHHHHHHH-CC` (36 chars). The last two chars follow the observation in
 * ksef-number-vectors.json `referenceNumbers`: CRC-8 of the first 33 chars.
 */
export function referenceNumber(type: RefType, atMs: number, random: (n: number) => Uint8Array): string {
  const data = `${warsawDate(atMs).replaceAll('-', '')}-${type}-${randomHex(10, random)}-${randomHex(10, random)}`;
  return `${data}-${hex2(crc8(data))}`;
}
