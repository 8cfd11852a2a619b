/**
 * KSeF number format and CRC-8 checksum (docs/ksef-protocol.md §8.4; ksef-docs `faktury/numer-ksef.md`).
 * CRC-8: polynomial 0x07, init 0x00, no reflection, no final XOR, over the UTF-8 bytes of the first
 * 32 characters. Unlike the C# validator (which ignores the 33rd character, §8.4 quirk) we require
 * the hyphen there.
 */

const KSEF_NUMBER_RE =
  /^([1-9](\d[1-9]|[1-9]\d)\d{7})-(20[2-9][0-9]|2[1-9]\d{2}|[3-9]\d{3})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-([0-9A-F]{12})-([0-9A-F]{2})$/;

export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

export function crc8Hex(text: string): string {
  return crc8(new TextEncoder().encode(text)).toString(16).toUpperCase().padStart(2, '0');
}

export type KsefNumberCheck =
  | { valid: true; sellerNip: string; date: string }
  | { valid: false; reason: 'format' | 'checksum' };

/** Validates a 35-character KSeF 2.0 number: pattern, date shape and checksum. */
export function checkKsefNumber(ksefNumber: string): KsefNumberCheck {
  const m = KSEF_NUMBER_RE.exec(ksefNumber);
  if (!m || ksefNumber.length !== 35) return { valid: false, reason: 'format' };
  if (crc8Hex(ksefNumber.slice(0, 32)) !== m[7]) return { valid: false, reason: 'checksum' };
  const d = ksefNumber.slice(11, 19);
  return { valid: true, sellerNip: m[1]!, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` };
}

export function isValidKsefNumber(ksefNumber: string): boolean {
  return checkKsefNumber(ksefNumber).valid;
}
