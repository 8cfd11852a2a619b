/**
 * The print page `print.html?invoice=<id>`: Base's PDF stamped with the QR codes in a frame with
 * "Pobierz PDF" and "Drukuj", or, when no PDF could be had, a printable summary with the KSeF
 * number, dates, status and the QR codes (seed: "Co zmienia się na fakturze?").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { base64ToBytes } from '../../core/base64';
import type { InvoiceView, Res } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { formatDateTime, stateLabel } from '../components/format';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

type Printed = Res<'invoice.print'>;
type Qr = Res<'invoice.qr'>;

export function Print(p: {
  invoiceId: string | null;
  /** Injectable for tests (happy-dom has no PDF viewer); defaults to the window's. */
  createObjectURL?: (b: Blob) => string;
  revokeObjectURL?: (url: string) => void;
  print?: () => void;
}) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const [data, setData] = useState<Printed | null>(null);
  const [qr, setQr] = useState<Qr | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const createUrl = p.createObjectURL ?? ((b: Blob) => URL.createObjectURL(b));
  const revokeUrl = p.revokeObjectURL ?? ((u: string) => URL.revokeObjectURL(u));
  const printPage = p.print ?? (() => window.print());

  // Deliberate dependencies: fetched once per invoice
  useEffect(() => {
    if (!p.invoiceId) return;
    let url: string | null = null;
    let alive = true;
    platform.send('invoice.print', { invoiceId: p.invoiceId }).then(
      (r) => {
        if (!alive) return;
        setData(r);
        if (r.pdfBase64) {
          url = createUrl(new Blob([base64ToBytes(r.pdfBase64)], { type: 'application/pdf' }));
          setPdfUrl(url);
        } else {
          // No PDF: the summary shows the QR codes rendered by the worker.
          platform.send('invoice.qr', { invoiceId: r.item.invoiceId }).then(
            (q) => alive && setQr(q),
            (e: unknown) => alive && setError(errorText(e, t)),
          );
        }
      },
      (e: unknown) => alive && setError(errorText(e, t)),
    );
    return () => {
      alive = false;
      if (url) revokeUrl(url);
    };
  }, [p.invoiceId, platform]);

  useEffect(() => {
    if (data) document.title = t('printTitle', { number: data.item.number });
  }, [data, t]);

  if (!p.invoiceId)
    return (
      <main class="print">
        <Notice kind="danger">{t('printNoId')}</Notice>
      </main>
    );
  if (error && !data)
    return (
      <main class="print">
        <Notice kind="danger">{t('printLoadFailed', { message: error })}</Notice>
      </main>
    );
  if (!data)
    return (
      <main class="print">
        <p>{t('loading')}</p>
      </main>
    );

  const doPrint = () => {
    // The PDF frame prints the PDF itself; without one the page (the summary) is printed.
    const w = frame.current?.contentWindow;
    if (pdfUrl && w) w.print();
    else printPage();
  };

  return (
    <main class="print">
      <div class="print-toolbar no-print">
        <h1>{t('printTitle', { number: data.item.number })}</h1>
        {pdfUrl && (
          <a class="btn" href={pdfUrl} download={data.fileName}>
            {t('downloadPdf')}
          </a>
        )}
        <button type="button" class="btn primary" onClick={doPrint}>
          {t('printButton')}
        </button>
      </div>
      {data.pending && data.reason && (
        <div class="no-print" data-testid="print-pending">
          <Notice kind="warning">{data.reason}</Notice>
        </div>
      )}
      {pdfUrl ? (
        <iframe ref={frame} class="pdf-frame" title={t('printPdfFrame')} src={pdfUrl} />
      ) : (
        <>
          {!data.pending && (
            <div class="no-print">
              <Notice kind="info">{t('printNoPdf')}</Notice>
            </div>
          )}
          <Summary item={data.item} reason={data.pending ? undefined : data.reason} qr={qr} lang={lang} />
          {error && <Notice kind="danger">{error}</Notice>}
        </>
      )}
    </main>
  );
}

function Summary(p: { item: InvoiceView; reason?: string | undefined; qr: Qr | null; lang: 'pl' | 'en' }) {
  const { t } = useLang();
  const i = p.item;
  const rows: [string, string | undefined][] = [
    [t('printNumber'), i.number],
    [t('printBuyer'), i.buyerName],
    [t('printIssueDate'), i.issueDate],
    [t('printTotal'), i.totalGross ? `${i.totalGross} ${i.currency ?? ''}`.trim() : undefined],
    [t('printKsefNumber'), i.ksefNumber],
    [t('printProcessedAt'), i.processedAt ? formatDateTime(i.processedAt, p.lang) : undefined],
    [t('printStatus'), `${stateLabel(i.state, t)}${i.offline ? ` (${t('offline')})` : ''}`],
    [t('printReason'), i.reason ?? p.reason],
  ];
  return (
    <section class="print-summary" data-testid="print-summary">
      <table class="table">
        <tbody>
          {rows
            .filter((r): r is [string, string] => Boolean(r[1]))
            .map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <div class="qr-codes">
        {p.qr?.kod1Svg && <QrFigure svg={p.qr.kod1Svg} caption={t('qrKod1')} url={i.kod1Url} />}
        {p.qr?.kod2Svg && <QrFigure svg={p.qr.kod2Svg} caption={t('qrKod2')} url={i.kod2Url} />}
        {p.qr && !p.qr.kod1Svg && !p.qr.kod2Svg && <p>{t('qrNone')}</p>}
      </div>
    </section>
  );
}

function QrFigure(p: { svg: string; caption: string; url?: string | undefined }) {
  return (
    <figure class="qr">
      {/* The SVG comes from our own worker's QR renderer (src/qr/svg.ts), never from a web page. */}
      <div class="qr-svg" dangerouslySetInnerHTML={{ __html: p.svg }} />
      <figcaption>
        {p.caption}
        {p.url && <div class="qr-url">{p.url}</div>}
      </figcaption>
    </figure>
  );
}
