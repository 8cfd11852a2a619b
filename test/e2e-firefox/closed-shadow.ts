/**
 * The panel's blocks live in closed shadow roots (src/content), which no page script and no
 * Puppeteer selector can enter. WebDriver BiDi can: serialising a node with
 * `includeShadowTree: 'all'` hands out a reference to its shadow root, closed or not, which a
 * later call takes as an argument. These helpers walk host selectors down such roots and run a
 * function in the last one, in the page's main world (read-only checks; clicks go through
 * `page.mouse`, which makes trusted events).
 */
import type { Browser, Page } from 'puppeteer-core';

interface Bidi {
  send(method: string, params: object): Promise<{ result: BidiResult }>;
}
type BidiResult = {
  type: string;
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
};
type NodeValue = { type: 'node'; value?: { shadowRoot?: { sharedId?: string } | null } };

function bidi(browser: Browser): Bidi {
  return (browser as unknown as { connection: Bidi }).connection;
}
function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}

async function call(
  page: Page,
  fn: string,
  args: object[],
  serializationOptions?: object,
): Promise<{ type: string; value?: unknown }> {
  const { result } = await bidi(page.browser()).send('script.callFunction', {
    functionDeclaration: fn,
    arguments: args,
    target: { context: contextOf(page) },
    awaitPromise: true,
    ...(serializationOptions ? { serializationOptions } : {}),
  });
  if (result.type !== 'success' || !result.result) throw new Error(`script failed: ${result.exceptionDetails?.text}`);
  return result.result;
}

/** The shared id of the shadow root of the first `selector` match inside `root` (the document for null). */
async function shadowRootOf(page: Page, root: string | null, selector: string): Promise<string | null> {
  const r = (await call(
    page,
    '(root, sel) => (root ?? document).querySelector(sel)',
    [root ? { sharedId: root } : { type: 'null' }, { type: 'string', value: selector }],
    { includeShadowTree: 'all', maxDomDepth: 0 },
  )) as NodeValue | { type: 'null' };
  return r.type === 'node' ? (r.value?.shadowRoot?.sharedId ?? null) : null;
}

/**
 * Runs `fn(root, arg)` in the shadow root reached through `hosts` (each a selector for a shadow
 * host inside the previous root) and returns its JSON result; null when a host is missing.
 */
export async function inShadow<T>(page: Page, hosts: string[], fn: string, arg: unknown = null): Promise<T | null> {
  let root: string | null = null;
  for (const host of hosts) {
    root = await shadowRootOf(page, root, host);
    if (!root) return null;
  }
  const r = await call(page, `(root, arg) => JSON.stringify((${fn})(root, JSON.parse(arg)))`, [
    { sharedId: root as string },
    { type: 'string', value: JSON.stringify(arg) },
  ]);
  return r.type === 'string' ? (JSON.parse(r.value as string) as T) : null;
}

/** The shadow hosts of one invoice's row block: the panel's layer, then the block itself. */
export const rowBlockHosts = (invoiceId: string | number) => [
  '[data-ksef-ext="layer"]',
  `[data-ksef-ext="send"][data-invoice-id="${invoiceId}"]`,
];

/** Text of `selector` inside the row block of `invoiceId` ('' when absent). */
export async function blockText(page: Page, invoiceId: string | number, selector: string): Promise<string> {
  return (
    (await inShadow<string>(
      page,
      rowBlockHosts(invoiceId),
      '(root, sel) => root.querySelector(sel)?.textContent ?? ""',
      selector,
    )) ?? ''
  );
}

/** Clicks the centre of `selector` inside the row block of `invoiceId` with the mouse. */
export async function clickInBlock(page: Page, invoiceId: string | number, selector: string): Promise<void> {
  const box = await inShadow<{ x: number; y: number } | null>(
    page,
    rowBlockHosts(invoiceId),
    `(root, sel) => {
      const e = root.querySelector(sel);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }`,
    selector,
  );
  if (!box) throw new Error(`${selector} not found in the block of ${invoiceId}`);
  await page.mouse.click(box.x, box.y);
}
