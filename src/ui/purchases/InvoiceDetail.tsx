/**
 * One received invoice, readable: the FA(3) rendered (src/purchase/fa3-view.ts) with the KSeF number
 * and KOD I for verification; download the original XML, print or save as PDF (the browser's print).
 */
import { useEffect, useState } from 'preact/hooks';
import type { KsefEnv } from '../../core/env';
import { hasKey, type PTranslate, type PurchaseKey } from '../../i18n/purchases';
import type { Lang } from '../../messaging';
import { type Fa3Party, type Fa3View, readFa3 } from '../../purchase/fa3-view';
import type { PurchaseRecord } from '../../purchase/types';
import { buildKod1Url, kod1Label, QR_BASE_URLS, renderQrSvg } from '../../qr';
import type { PurchaseData } from './data';
import { saveFile, xmlName } from './download';
import { formatMoney } from './format';

interface Props {
  record: PurchaseRecord;
  env: KsefEnv;
  data: PurchaseData;
  lang: Lang;
  t: PTranslate;
  onBack: () => void;
  onOpenKsef: (ksefNumber: string) => void;
  /** Is the invoice with this KSeF number stored (a correction's original)? */
  isStored: (ksefNumber: string) => Promise<boolean>;
}

const label = (t: PTranslate, key: string, fallback: string) => (hasKey(key) ? t(key as PurchaseKey) : fallback);

function Party(p: { title: string; party: Fa3Party; t: PTranslate }) {
  return (
    <section class="pd-party">
      <h3>{p.title}</h3>
      <div class="pd-name">{p.party.name}</div>
      {p.party.nip && (
        <div>
          {p.t('nip')}: {p.party.nip}
        </div>
      )}
      {p.party.otherId && <div>{p.party.otherId}</div>}
      {p.party.address.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {p.party.email && <div>{p.party.email}</div>}
      {p.party.phone && <div>{p.party.phone}</div>}
    </section>
  );
}

export function InvoiceDetail(p: Props) {
  const { record: r, t, lang } = p;
  const [xml, setXml] = useState<Uint8Array | null>(null);
  const [view, setView] = useState<Fa3View | null>(null);
  const [correctedStored, setCorrectedStored] = useState<boolean | null>(null);

  useEffect(() => {
    let alive = true;
    void p.data.xml(r.id).then((bytes) => {
      if (!alive || !bytes) return;
      setXml(bytes);
      setView(readFa3(bytes));
    });
    if (r.correctedKsefNumber) void p.isStored(r.correctedKsefNumber).then((s) => alive && setCorrectedStored(s));
    return () => {
      alive = false;
    };
  }, [r.id]);

  const kod1 = buildKod1Url({
    qrBase: QR_BASE_URLS[p.env],
    sellerNip: r.sellerNip,
    issueDate: r.issueDate,
    hash: r.invoiceHash,
  });
  const qrSvg = renderQrSvg(kod1, kod1Label(r.ksefNumber));

  return (
    <article class="purchase-detail" data-testid="purchase-detail" aria-labelledby="pd-title">
      <div class="pd-actions no-print">
        <button type="button" class="btn" onClick={p.onBack}>
          {t('back')}
        </button>
        <button
          type="button"
          class="btn primary"
          disabled={!xml}
          onClick={() => xml && saveFile(xmlName(r), xml, 'application/xml')}
        >
          {t('downloadXml')}
        </button>
        <button type="button" class="btn" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <header class="pd-head">
        <div>
          <h1 id="pd-title">
            {view ? label(t, `kind_${view.kind}`, view.kind) : ''} {r.invoiceNumber}
          </h1>
          <div>
            {t('ksefNumber')}: <code class="ksef-number">{r.ksefNumber}</code>
          </div>
          {view && (
            <div class="pd-dates">
              {t('issueDate')}: {view.issueDate}
              {view.place ? ` · ${t('place')}: ${view.place}` : ''}
              {view.saleDate ? ` · ${t('saleDate')}: ${view.saleDate}` : ''}
              {view.salePeriod ? ` · ${t('salePeriod')}: ${view.salePeriod[0]} – ${view.salePeriod[1]}` : ''}
            </div>
          )}
        </div>
        <figure class="pd-qr">
          {/* Our own SVG from src/qr (no page or invoice text inside). */}
          <div dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <figcaption>
            <a href={kod1} target="_blank" rel="noreferrer">
              {t('kod1')}
            </a>
          </figcaption>
        </figure>
      </header>
      {view && (
        <Body view={view} record={r} t={t} lang={lang} correctedStored={correctedStored} onOpenKsef={p.onOpenKsef} />
      )}
    </article>
  );
}

function Body(p: {
  view: Fa3View;
  record: PurchaseRecord;
  t: PTranslate;
  lang: Lang;
  correctedStored: boolean | null;
  onOpenKsef: (n: string) => void;
}) {
  const { view: v, t, lang } = p;
  const m = (n: number | string | undefined) => formatMoney(n, lang);
  return (
    <>
      <div class="pd-parties">
        <Party title={t('seller')} party={v.seller} t={t} />
        <Party title={t('buyer')} party={v.buyer} t={t} />
        {v.others.map((o) => (
          <Party key={o.name} title={t('otherParty')} party={o} t={t} />
        ))}
      </div>
      {v.correction && (
        <section class="pd-correction" data-testid="pd-correction">
          <h2>{t('correction')}</h2>
          {v.correction.reason && (
            <p>
              {t('correctionReason')}: {v.correction.reason}
            </p>
          )}
          {v.correction.of.map((c) => (
            <p key={c.number}>
              {t('correctionOf')}: {c.number} ({c.issueDate}){c.ksefNumber ? `, ${c.ksefNumber}` : ''}{' '}
              {c.ksefNumber && p.correctedStored ? (
                <button type="button" class="btn btn-xs no-print" onClick={() => p.onOpenKsef(c.ksefNumber!)}>
                  {t('openCorrected')}
                </button>
              ) : c.ksefNumber && p.correctedStored === false ? (
                <span class="text-muted">{t('correctedNotStored')}</span>
              ) : null}
            </p>
          ))}
        </section>
      )}
      <h2>{t('lines')}</h2>
      <table class="table pd-lines">
        <thead>
          <tr>
            <th>{t('lineNo')}</th>
            <th>{t('lineName')}</th>
            <th class="num">{t('lineQty')}</th>
            <th>{t('lineUnit')}</th>
            <th class="num">{t('lineUnitNet')}</th>
            <th class="num">{t('lineNet')}</th>
            <th>{t('lineRate')}</th>
          </tr>
        </thead>
        <tbody>
          {v.lines.map((l) => (
            <tr key={l.no}>
              <td>{l.no}</td>
              <td>{l.name}</td>
              <td class="num">{l.qty}</td>
              <td>{l.unit}</td>
              <td class="num">{m(l.unitNet || l.unitGross)}</td>
              <td class="num">{m(l.net || l.gross)}</td>
              <td>{/^\d+$/.test(l.rate) ? `${l.rate}%` : l.rate}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('vatSummary')}</h2>
      <table class="table pd-vat" data-testid="pd-vat">
        <thead>
          <tr>
            <th>{t('vatRate')}</th>
            <th class="num">{t('vatNet')}</th>
            <th class="num">
              {t('vatAmount')} ({v.currency})
            </th>
            <th class="num">{t('vatPln')}</th>
          </tr>
        </thead>
        <tbody>
          {v.vat.map((row) => (
            <tr key={row.rate}>
              <td>{rateLabel(row.rate, t)}</td>
              <td class="num">{m(row.net)}</td>
              <td class="num">{row.vat === undefined ? '' : m(row.vat)}</td>
              <td class="num">{row.vatPln === undefined ? '' : m(row.vatPln)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('totalDue')}</th>
            <th class="num">
              {m(v.total)} {v.currency}
            </th>
          </tr>
        </tfoot>
      </table>
      {v.exchangeRate && (
        <p>
          {t('exchangeRate')}: {v.exchangeRate}
        </p>
      )}
      {v.payment && (
        <section data-testid="pd-payment">
          <h2>{t('payment')}</h2>
          {v.payment.due.length > 0 && (
            <p>
              {t('dueDate')}: {v.payment.due.join(', ')}
            </p>
          )}
          {v.payment.form && (
            <p>
              {t('paymentForm')}: {label(t, `pay_${v.payment.form}`, v.payment.form)}
            </p>
          )}
          {v.payment.paid && (
            <p>
              {t('paid')} {v.payment.paidDate}
            </p>
          )}
          {v.payment.accounts.map((a) => (
            <p key={a.number}>
              {t('bankAccount')}: <span class="mono">{a.number}</span>
              {a.bank ? ` (${a.bank})` : ''}
            </p>
          ))}
        </section>
      )}
      <h2>{t('annotations')}</h2>
      {v.annotations.length === 0 ? (
        <p class="text-muted">{t('noAnnotations')}</p>
      ) : (
        <ul>
          {v.annotations.map((a) => (
            <li key={a}>
              {label(t, `ann_${a}`, a)}
              {a === 'P_19' && v.exemptionBasis ? `: ${v.exemptionBasis}` : ''}
            </li>
          ))}
        </ul>
      )}
      {(v.notes.length > 0 || v.footer.length > 0) && (
        <section>
          <h2>{t('notes')}</h2>
          {v.notes.map((n) => (
            <p key={n.key}>
              {n.key}: {n.value}
            </p>
          ))}
          {v.footer.map((f) => (
            <p key={f}>{f}</p>
          ))}
        </section>
      )}
    </>
  );
}

function rateLabel(rate: string, t: PTranslate): string {
  const fixed: Record<string, string> = { '1': '23% / 22%', '2': '8% / 7%', '3': '5%' };
  return fixed[rate] ?? label(t, `rate_${rate}`, rate);
}
