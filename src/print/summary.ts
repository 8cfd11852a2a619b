/**
 * The printable summary shown when Base's PDF cannot be had: the same elements as
 * the stamp (KOD I, KOD II when offline, KSeF number, processing date, status) plus the
 * invoice's key data. Pure functions: `buildPrintableSummary` returns the model an extension
 * page can render itself; `renderPrintableSummaryHtml` returns a complete, self-contained HTML
 * document (inline CSS, inline SVG codes, no scripts) ready to print. Full Polish text here.
 */
import { CERTIFICATE_LABEL, kod1Label } from '../qr/labels';
import { renderQrSvg } from '../qr/svg';
import { type PrintStatus, STATUS_PL } from './status';
import { formatPolishDateTime } from './text';

export interface SummaryParty {
  name: string;
  nip?: string;
  address?: string;
}

export interface SummaryLine {
  name: string;
  quantity: number;
  unit?: string;
  /** Gross value of the line. */
  gross: number;
  vatRate?: string;
}

export interface SummaryInput {
  invoiceNumber: string;
  /** `P_1`, YYYY-MM-DD. */
  issueDate: string;
  seller: SummaryParty;
  buyer?: SummaryParty;
  currency: string;
  totalNet?: number;
  totalVat?: number;
  totalGross: number;
  lines?: SummaryLine[];
  kod1Url: string;
  kod2Url?: string;
  ksefNumber?: string | null;
  processingDate?: Date | string | null;
  status: PrintStatus;
}

export interface SummaryCode {
  kind: 'KOD I' | 'KOD II';
  url: string;
  label: string;
  svg: string;
}

export interface PrintableSummary {
  title: string;
  /** Ordered label/value pairs for the header block. */
  fields: { label: string; value: string }[];
  parties: { role: string; party: SummaryParty }[];
  lines: { name: string; quantity: string; gross: string; vatRate: string }[];
  totals: { label: string; value: string }[];
  codes: SummaryCode[];
  statusText: string;
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('pl-PL', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

function polishDate(p1: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p1);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : p1;
}

export function buildPrintableSummary(input: SummaryInput): PrintableSummary {
  const ksef = input.ksefNumber?.trim();
  const codes: SummaryCode[] = [
    { kind: 'KOD I', url: input.kod1Url, label: kod1Label(ksef), svg: renderQrSvg(input.kod1Url, kod1Label(ksef)) },
  ];
  if (input.kod2Url) {
    codes.push({
      kind: 'KOD II',
      url: input.kod2Url,
      label: CERTIFICATE_LABEL,
      svg: renderQrSvg(input.kod2Url, CERTIFICATE_LABEL),
    });
  }
  const parties = [{ role: 'Sprzedawca', party: input.seller }];
  if (input.buyer) parties.push({ role: 'Nabywca', party: input.buyer });
  const totals: { label: string; value: string }[] = [];
  if (input.totalNet !== undefined) totals.push({ label: 'Razem netto', value: money(input.totalNet, input.currency) });
  if (input.totalVat !== undefined) totals.push({ label: 'Razem VAT', value: money(input.totalVat, input.currency) });
  totals.push({ label: 'Razem brutto', value: money(input.totalGross, input.currency) });
  return {
    title: `Faktura ${input.invoiceNumber}`,
    fields: [
      { label: 'Numer faktury', value: input.invoiceNumber },
      { label: 'Data wystawienia', value: polishDate(input.issueDate) },
      { label: 'Numer KSeF', value: ksef || 'jeszcze nie nadany (OFFLINE)' },
      {
        label: 'Data przetworzenia w KSeF',
        value: input.processingDate ? formatPolishDateTime(input.processingDate) : '—',
      },
      { label: 'Status w KSeF', value: STATUS_PL[input.status] },
    ],
    parties,
    lines: (input.lines ?? []).map((l) => ({
      name: l.name,
      quantity: `${l.quantity.toLocaleString('pl-PL')}${l.unit ? ` ${l.unit}` : ''}`,
      gross: money(l.gross, input.currency),
      vatRate: l.vatRate ?? '',
    })),
    totals,
    codes,
    statusText: STATUS_PL[input.status],
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;color:#000;margin:16mm}
h1{font-size:16pt;margin:0 0 6mm}
table{border-collapse:collapse;width:100%;margin:4mm 0}
th,td{border:0.5pt solid #888;padding:1.5mm 2mm;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
.parties{display:flex;gap:8mm}.parties>div{flex:1}
.codes{display:flex;gap:10mm;align-items:flex-start;margin-top:6mm;page-break-inside:avoid}
.code{text-align:center}.code .kind{font-weight:bold;margin-bottom:1mm}
.code .url{font-size:6.5pt;word-break:break-all;max-width:70mm}
.note{font-size:8pt;color:#444;margin-top:6mm}
@media print{body{margin:10mm}}
`;

/** A complete HTML document for printing (no scripts, no external resources). */
export function renderPrintableSummaryHtml(input: SummaryInput | PrintableSummary): string {
  const s = 'codes' in input ? input : buildPrintableSummary(input);
  const e = escapeHtml;
  const fields = s.fields.map((f) => `<tr><th>${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const parties = s.parties
    .map(
      ({ role, party }) =>
        `<div><strong>${e(role)}</strong><br>${e(party.name)}${party.nip ? `<br>NIP: ${e(party.nip)}` : ''}${
          party.address ? `<br>${e(party.address)}` : ''
        }</div>`,
    )
    .join('');
  const lines = s.lines.length
    ? `<table><thead><tr><th>Lp.</th><th>Nazwa</th><th class="num">Ilość</th><th class="num">Stawka VAT</th><th class="num">Wartość brutto</th></tr></thead><tbody>${s.lines
        .map(
          (l, i) =>
            `<tr><td>${i + 1}</td><td>${e(l.name)}</td><td class="num">${e(l.quantity)}</td><td class="num">${e(l.vatRate)}</td><td class="num">${e(l.gross)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const totals = s.totals.map((t) => `<tr><th>${e(t.label)}</th><td class="num">${e(t.value)}</td></tr>`).join('');
  // The SVG strings come from renderQrSvg, which escapes its label; they are trusted markup.
  const codes = s.codes
    .map(
      (c) => `<div class="code"><div class="kind">${e(c.kind)}</div>${c.svg}<div class="url">${e(c.url)}</div></div>`,
    )
    .join('');
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>${e(s.title)}</title><style>${CSS}</style></head><body>
<h1>${e(s.title)}</h1>
<table>${fields}</table>
<div class="parties">${parties}</div>
${lines}
<table>${totals}</table>
<div class="codes">${codes}</div>
<p class="note">Wydruk zastępczy przygotowany przez rozszerzenie KSeF dla Base, gdy PDF faktury z Base był niedostępny. Prawnie wiążąca jest faktura zapisana w KSeF; kod KOD I pozwala ją zweryfikować.</p>
</body></html>`;
}
