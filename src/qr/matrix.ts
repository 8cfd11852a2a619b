/**
 * The QR symbol as a plain module matrix, from the `qrcode` library's encoder (ISO/IEC 18004,
 * docs/ksef-protocol.md §6.1). Every renderer (SVG, PNG, the PDF stamp) draws from this matrix, so
 * none of them needs a canvas: that is what makes them work in Node, pages and the MV3 worker.
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side (without the quiet zone). */
  size: number;
  /** `dark(row, col)` for 0 ≤ row, col < size. */
  dark(row: number, col: number): boolean;
}

/**
 * Error correction: the docs leave the level open (§6.1; the C# client uses QRCoder's default).
 * `M` keeps the KOD II symbol (≈200 characters) at a printable version while tolerating smudges.
 */
export const QR_ERROR_CORRECTION = 'M' as const;

/** Quiet zone of 4 modules, as ISO/IEC 18004 requires. */
export const QUIET_ZONE = 4;

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const { size, data } = modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}
