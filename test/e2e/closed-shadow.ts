/**
 * The panel's blocks live in CLOSED shadow roots (a script of Base's page must not reach them),
 * which Playwright's locators do not enter. Tests reach them through the DevTools protocol, as
 * DevTools does: `DOM.getDocument` with `pierce` lists every shadow root, open or closed, and
 * `DOM.resolveNode` hands them to a function run in the page's main world. A page script has no
 * such protocol, so nothing here weakens what the attacker tests prove. Clicks are real mouse
 * clicks at the element's place (trusted events), as the seller makes them.
 */
import type { CDPSession, Page } from '@playwright/test';

interface DomNode {
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdpOf(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

function shadowRootIds(node: DomNode, out: number[]): number[] {
  for (const r of node.shadowRoots ?? []) {
    out.push(r.backendNodeId);
    shadowRootIds(r, out);
  }
  for (const c of node.children ?? []) shadowRootIds(c, out);
  return out;
}

/** Runs `fn(roots, arg)` in the page's main world with every shadow root of the page. `fn` must
 * be self-contained (it is sent as source text). */
export async function withRoots<A, R>(page: Page, fn: (roots: ShadowRoot[], arg: A) => R, arg: A): Promise<R> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const ids = shadowRootIds(root, []);
  const group = 'ksef-test-roots';
  try {
    const objects: string[] = [];
    for (const backendNodeId of ids) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId, objectGroup: group });
      if (object.objectId) objects.push(object.objectId);
    }
    const { result: doc } = await cdp.send('Runtime.evaluate', { expression: 'document', objectGroup: group });
    const res = await cdp.send('Runtime.callFunctionOn', {
      ...(doc.objectId === undefined ? {} : { objectId: doc.objectId }),
      functionDeclaration: `function (...a) { const arg = a.pop(); return (${fn.toString()})(a, arg); }`,
      arguments: [...objects.map((objectId) => ({ objectId })), { value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (res.exceptionDetails)
      throw new Error(`in page: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
    return res.result.value as R;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => undefined);
  }
}

export interface Found {
  text: string;
  attrs: Record<string, string>;
  disabled: boolean;
  visible: boolean;
  /** The text fits its box without being cut. */
  fits: boolean;
  /** Centre on screen, after scrolling it into view. */
  x: number;
  y: number;
  left: number;
  right: number;
  /** The point (x, y) reaches this element: nothing else lies on top of it there. */
  hit: boolean;
}

interface Spec {
  hosts: string[];
  sel: string | null;
  name: { source: string; flags: string } | null;
  scroll: boolean;
}

/** Finds elements: `hosts[0]` is a shadow host anywhere (its root is searched), each further
 * selector narrows the search to the matching elements (into their shadow root when they host
 * one); `sel` is looked up in what is left, including shadow roots nested in it. */
function query(roots: ShadowRoot[], spec: Spec): Found[] {
  const rootOf = (el: Element) => roots.find((r) => r.host === el) ?? null;
  const deep = (scope: ShadowRoot | Element, sel: string): Element[] => {
    const out = [...scope.querySelectorAll(sel)];
    for (const el of scope.querySelectorAll('*')) {
      const inner = rootOf(el);
      if (inner) out.push(...deep(inner, sel));
    }
    return out;
  };
  let cur: (ShadowRoot | Element)[] = roots.filter((r) => r.host.matches(spec.hosts[0] as string));
  for (const h of spec.hosts.slice(1)) cur = cur.flatMap((r) => deep(r, h).map((el) => rootOf(el) ?? el));
  let els: Element[] = spec.sel
    ? cur.flatMap((r) => deep(r, spec.sel as string))
    : cur.map((r) => ('host' in r ? r.host : r));
  if (spec.name) {
    const re = new RegExp(spec.name.source, spec.name.flags);
    els = els.filter((e) => re.test(e.getAttribute('aria-label') ?? (e.textContent ?? '').trim()));
  }
  // Only the first match is brought into view: it is the one clicked.
  if (spec.scroll) els[0]?.scrollIntoView({ block: 'center', inline: 'center' });
  return els.map((e) => {
    const r = e.getBoundingClientRect();
    const attrs: Record<string, string> = {};
    for (const a of e.attributes) attrs[a.name] = a.value;
    const h = e as HTMLElement;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const top = (e.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y);
    return {
      text: e.textContent ?? '',
      attrs,
      disabled: (e as HTMLButtonElement).disabled === true,
      visible: r.width > 0 && r.height > 0 && h.checkVisibility?.() !== false,
      fits: h.scrollWidth <= h.clientWidth,
      x,
      y,
      left: r.left,
      right: r.right,
      hit: top !== null && (top === e || e.contains(top)),
    };
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Elements inside our closed shadow roots, found afresh on every call (like a locator). */
export class ShadowLocator {
  constructor(
    private readonly page: Page,
    private readonly hosts: string[],
    private readonly sel: string | null = null,
    private readonly name: RegExp | null = null,
  ) {}

  /** `sel` inside this block; `name` matches the accessible name (aria-label, else text): a
   * string as a case-insensitive part of it, like Playwright's getByRole. */
  find(sel: string, name?: string | RegExp): ShadowLocator {
    const re = typeof name === 'string' ? new RegExp(escapeRe(name), 'i') : (name ?? null);
    if (this.sel) return new ShadowLocator(this.page, [...this.hosts, this.sel], sel, re);
    return new ShadowLocator(this.page, this.hosts, sel, re);
  }

  /** A button by its accessible name. */
  button(name: string | RegExp): ShadowLocator {
    return this.find('button', name);
  }

  all(scroll = false): Promise<Found[]> {
    const spec: Spec = {
      hosts: this.hosts,
      sel: this.sel,
      name: this.name ? { source: this.name.source, flags: this.name.flags } : null,
      scroll,
    };
    return withRoots(this.page, query, spec);
  }

  async count(): Promise<number> {
    return (await this.all()).length;
  }

  /** The first match's text ('' when there is none). */
  async text(): Promise<string> {
    return (await this.all())[0]?.text ?? '';
  }

  async attr(name: string): Promise<string | null> {
    return (await this.all())[0]?.attrs[name] ?? null;
  }

  async first(): Promise<Found | undefined> {
    return (await this.all())[0];
  }

  /** A real mouse click on the first match, scrolled into view (a trusted event). */
  async click(): Promise<void> {
    await this.all(true);
    // Blocks follow their rows after a scroll (src/content/row-layer.ts), a frame or more later on a
    // busy machine: click only once the element stands still and is what lies under the point, or a
    // real click lands on whatever moved there instead.
    const frame = () =>
      this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    let last: Found | undefined;
    for (let i = 0; i < 40; i++) {
      await frame();
      const [f] = await this.all();
      if (f?.hit && last && f.x === last.x && f.y === last.y) break;
      last = f;
    }
    const [f] = await this.all();
    if (!f) throw new Error(`nothing to click: ${this.hosts.join(' » ')} » ${this.sel} ${this.name ?? ''}`);
    await this.page.mouse.click(f.x, f.y);
  }
}

/** A block of ours by its host (`[data-ksef-ext="…"]…`), anywhere on the page. */
export function shadow(page: Page, host: string): ShadowLocator {
  return new ShadowLocator(page, [host]);
}
