/**
 * Where the stamp goes. To never cover the invoice content, the page content is scaled down
 * uniformly (keeping the paper size, e.g. A4) and moved up, freeing a band along the bottom
 * edge; the codes and the KSeF data are drawn only inside that band.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StampLayout {
  /** Content transform: x' = scale·x + dx, y' = scale·y + dy (PDF user space). */
  scale: number;
  dx: number;
  dy: number;
  /** The freed band at the bottom of the page. */
  band: Rect;
  /** QR boxes (quiet zone included). */
  kod1: Rect;
  kod2?: Rect;
  /** Label baselines (centre x, baseline y) under each code. */
  kod1Label: { cx: number; y: number; maxWidth: number };
  kod2Label?: { cx: number; y: number; maxWidth: number };
  /** Area for the text lines (KSeF number, date, status, link). */
  text: Rect;
}

export const BAND_HEIGHT = 112;
const QR_BOX = 86;
const MARGIN = 14;
/** A KSeF number (35 characters) at 6.5 pt Courier is ~137 pt wide: the KOD I column is that wide. */
const KOD1_COLUMN = 140;
const KOD2_COLUMN = 96;

export function stampLayout(mediaBox: Rect, withKod2: boolean): StampLayout {
  const { x: x0, y: y0, w: W, h: H } = mediaBox;
  const scale = (H - BAND_HEIGHT) / H;
  const dx = x0 * (1 - scale) + (W - W * scale) / 2;
  const dy = y0 * (1 - scale) + BAND_HEIGHT;
  const qrY = y0 + 18;
  const col1x = x0 + MARGIN;
  const kod1: Rect = { x: col1x + (KOD1_COLUMN - QR_BOX) / 2, y: qrY, w: QR_BOX, h: QR_BOX };
  const layout: StampLayout = {
    scale,
    dx,
    dy,
    band: { x: x0, y: y0, w: W, h: BAND_HEIGHT },
    kod1,
    kod1Label: { cx: col1x + KOD1_COLUMN / 2, y: y0 + 9, maxWidth: KOD1_COLUMN },
    text: { x: col1x + KOD1_COLUMN + MARGIN, y: y0 + 10, w: 0, h: BAND_HEIGHT - 20 },
  };
  if (withKod2) {
    const col2x = col1x + KOD1_COLUMN + 6;
    layout.kod2 = { x: col2x + (KOD2_COLUMN - QR_BOX) / 2, y: qrY, w: QR_BOX, h: QR_BOX };
    layout.kod2Label = { cx: col2x + KOD2_COLUMN / 2, y: y0 + 9, maxWidth: KOD2_COLUMN };
    layout.text.x = col2x + KOD2_COLUMN + MARGIN;
  }
  layout.text.w = x0 + W - MARGIN - layout.text.x;
  return layout;
}
