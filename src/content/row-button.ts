/**
 * The KSeF send icon injected into a Base row. It lives in a shadow root so Base's Bootstrap 3
 * CSS and ours never mix (base.md §2.4 point 4). One constructed stylesheet is shared by every
 * row: a 1,000-row list must decorate within one frame (issue 8).
 */
const CSS = `
:host { display: inline-block; vertical-align: middle; margin-left: 4px; }
button { all: unset; cursor: pointer; display: inline-flex; align-items: center; justify-content: center;
  width: 22px; height: 22px; border-radius: 3px; border: 1px solid #ccc; background: #fff; }
button:hover { background: #eef4fb; border-color: #2a6ebb; }
button:disabled { cursor: not-allowed; opacity: .45; }
svg { width: 16px; height: 16px; }
`;

let sheet: CSSStyleSheet | null = null;
function sharedSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// A small "K" on a document, drawn inline so the content script needs no web-accessible files.
const ICON =
  '<svg viewBox="0 0 16 16" aria-hidden="true"><path fill="#d7141a" d="M3 1h7l3 3v11H3z"/><path fill="#fff" d="M5.5 5h1.6v2.6L9.4 5h2l-2.7 2.9L11.5 12H9.6L7.8 9.1l-.7.7V12H5.5z"/></svg>';

export interface RowButtonOptions {
  invoiceId: string;
  title: string;
  onClick: (invoiceId: string) => void;
}

export function createRowButton(doc: Document, opts: RowButtonOptions): HTMLElement {
  const host = doc.createElement('span');
  host.setAttribute('data-ksef-ext', 'send');
  host.setAttribute('data-invoice-id', opts.invoiceId);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sharedSheet()];
  const btn = doc.createElement('button');
  btn.type = 'button';
  btn.title = opts.title;
  btn.setAttribute('aria-label', opts.title);
  btn.innerHTML = ICON;
  btn.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    opts.onClick(opts.invoiceId);
  });
  root.append(btn);
  return host;
}
