/**
 * What the KSeF block (src/content/widget.ts) shows of an invoice's state: the badge's parts,
 * and in a list row their compact two-line form. Plain functions of the view: the block puts
 * what they return in its shadow root.
 */

import type { T } from '../i18n/panel';
import type { InvoiceView } from '../messaging';
import { el } from './dom';

/** `2026-05-13T10:15:00Z` → `2026-05-13 12:15` (Warsaw time, as KSeF's own tools show it). */
let warsaw: Intl.DateTimeFormat | null = null;
export function formatWarsaw(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // One formatter for the page: making one per row costs more than the rest of the badge.
  // Not src/core/warsaw.ts: its parts-based formatter (seconds, hour cycle, field walk) and the
  // helpers around it weigh more in the content bundle than this one format call (measured: 84 B
  // more gzipped, against the 12 KB budget of test/bench/panel.ts); both read the same
  // Europe/Warsaw rules from Intl. Swedish short date and time are ISO's `2026-05-13` and a
  // 24-hour `12:15`: the same text as asking for each field two-digit, in fewer bytes (checked in
  // Chromium and Firefox over 32 years of hours, DST changes included).
  warsaw ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', dateStyle: 'short', timeStyle: 'short' });
  return warsaw.format(d).replace(',', '');
}

/** The parts of the badge of `v`, in reading order (all inline, as the fallback panel and the
 * order card show them). */
export function badgeNodes(doc: Document, t: T, v: InvoiceView): HTMLElement[] {
  const out: HTMLElement[] = [];
  const qrButton = () => el(doc, 'button', 'lnk', t('qr'), 'qr');
  const today = formatWarsaw(new Date().toISOString()).slice(0, 10);
  const deadline = v.sendBy && v.issueDate && v.issueDate < today ? `${t('sendBy')} ${v.sendBy}` : '';
  const late = v.sendBy !== undefined && v.sendBy < today;
  let said = false;
  switch (v.state) {
    case undefined:
      break;
    case 'accepted': {
      out.push(el(doc, 'span', 'b acc', t('accepted')));
      if (v.ksefNumber) {
        const num = el(doc, 'button', 'num', v.ksefNumber, 'copy');
        num.title = t('copy');
        out.push(num);
      }
      if (v.processedAt) {
        const d = el(doc, 'span', 'muted', formatWarsaw(v.processedAt));
        d.title = t('processedAt');
        out.push(d);
      }
      if (v.offline) out.push(el(doc, 'span', 'b off', t('offline')));
      out.push(qrButton(), el(doc, 'button', 'lnk', t('pdf'), 'pdf'));
      break;
    }
    case 'rejected': {
      out.push(el(doc, 'span', 'b rej', t('rejected')));
      if (v.reason) out.push(el(doc, 'span', 'reason', v.reason));
      const resend = el(doc, 'button', 'lnk', t('resend'), 'resend');
      // §5: a rejected offline invoice goes again as a technical correction; say so.
      if (v.technicalCorrection) resend.title = t('resendCorrection');
      out.push(resend);
      break;
    }
    case 'needs-attention':
      out.push(el(doc, 'span', 'b att', t('attention')));
      if (v.reason) out.push(el(doc, 'span', 'reason', v.reason));
      break;
    default: {
      // queued, sending, processing: all "W przetwarzaniu" for the seller; the tooltip tells which.
      const b = el(doc, 'span', 'b proc', t('processing'));
      const detail = t(v.state === 'queued' || v.state === 'sending' ? v.state : 'processing');
      b.title = v.since ? `${detail} ${t('since')} ${formatWarsaw(v.since)}` : detail;
      out.push(b);
      // Under it: offline and until when it must reach KSeF, and why it waits ("czeka na Base").
      said = v.offline === true;
      const by = said && v.sendBy ? `${t('sendBy')} ${v.sendBy}` : '';
      const sub = [said && t('offline'), by, v.waiting].filter(Boolean).join(' · ');
      if (sub) out.push(el(doc, 'span', `sub ${late ? 'warn' : 'muted'}`, sub));
      if (v.offline && v.kod1Url) out.push(qrButton());
    }
  }
  // KSeF's own details of a rejection (status 450 lists what is wrong), for the seller to read.
  const st = v.ksefStatus;
  if (st?.details?.length && (v.state === 'rejected' || v.state === 'needs-attention'))
    out.push(el(doc, 'span', 'muted det', `KSeF ${st.code}: ${st.details.join('; ')}`));
  if (v.offlineWithoutCertificate) out.push(el(doc, 'span', 'warn', `⚠ ${t('offlineNoCert')}`));
  // Not in KSeF yet and its issue day is over: the offline deadline, red once it has passed
  // (said under the state of an offline invoice already).
  if (deadline && !said) out.push(el(doc, 'span', late ? 'warn' : 'muted', deadline));
  // TEST / DEMO: said on the badge, so a trial send is never taken for the real one.
  if (v.env && v.state !== undefined) {
    const env = el(doc, 'span', 'b env', v.env.toUpperCase());
    env.title = t('envTitle');
    out.splice(1, 0, env);
  }
  return out;
}

/**
 * A list row's two lines, made of the badge's parts: the state (a button opening the rest when
 * there is more) and, for a rejection, "Wyślij ponownie" on the first; the KSeF number or the
 * reason, cut to the reserved width, on the second. Date, QR, PDF, the whole reason and warnings
 * open under it (`open`: whether that part is open). Marks `host` open when it is.
 */
export function rowNodes(doc: Document, host: HTMLElement, els: HTMLElement[], open: boolean): HTMLElement[] {
  const pill = els.find((e) => e.classList.contains('b'));
  if (!pill) return els;
  const has = (e: HTMLElement, cls: string) => e.classList.contains(cls);
  const line2 = els.find((e) => has(e, 'num') || has(e, 'reason') || has(e, 'sub')) ?? els.find((e) => has(e, 'warn'));
  const resend = els.find((e) => e.getAttribute('data-action') === 'resend');
  const rest = els.filter((e) => e !== pill && e !== line2 && e !== resend);
  const out: HTMLElement[] = [];
  if (line2 && (has(line2, 'reason') || has(line2, 'warn'))) {
    line2.title = line2.textContent ?? '';
    // The whole reason is readable in the opened part; the row shows its start.
    if (has(line2, 'reason')) rest.unshift(el(doc, 'span', 'reason', line2.title));
  }
  if (rest.length === 0) out.push(pill);
  else {
    const toggle = el(doc, 'button', pill.className, `${pill.textContent} ▾`, 'more');
    if (pill.title) toggle.title = pill.title;
    toggle.setAttribute('aria-expanded', String(open));
    out.push(toggle);
  }
  if (resend) out.push(resend);
  if (line2) {
    line2.classList.add('l2');
    out.push(line2);
  }
  if (rest.length > 0) {
    const more = el(doc, 'span', 'more');
    more.append(...rest);
    more.hidden = !open;
    out.push(more);
  }
  host.toggleAttribute('data-open', open && rest.length > 0);
  return out;
}
