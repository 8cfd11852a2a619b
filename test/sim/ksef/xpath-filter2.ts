// XML-Signature XPath Filter 2.0 (https://www.w3.org/TR/xmldsig-filter2/), one of the transforms KSeF lists for
// XAdES logins (docs/ksef-protocol.md §2.3). xmldsigjs has no implementation, so the simulator brings its own and
// registers it under the algorithm URI; `XPathFilter2Transform.register()` must run before a signature is loaded.
//
// Semantics (spec §3): every dsig-xpath:XPath element is evaluated with the root of the input document as context
// node; its node-set is expanded to whole subtrees; starting from "every node of the document", the filters are
// applied in order (intersect ∩, subtract −, union ∪); the output is the input intersected with the result.
// xmldsigjs canonicalises DOM trees, not node-sets, so the result is applied by removing the excluded subtrees in
// place (the other transforms of the library work the same way). A result that keeps a node while dropping its
// parent element (e.g. `intersect //Challenge`) is a node-set no tree can carry: it is refused, so such a reference
// never verifies. The XPath 1.0 `here()` function is not available.
import * as xmldsig from 'xmldsigjs';
import * as xpath from 'xpath';

export const FILTER2 = 'http://www.w3.org/2002/06/xmldsig-filter2';
export type FilterOp = 'intersect' | 'subtract' | 'union';
export interface Filter2Step {
  filter: FilterOp;
  xpath: string;
  /** Prefixes the expression uses (namespace declarations in scope of the XPath element). */
  namespaces?: Record<string, string>;
}

const OPS = new Set<string>(['intersect', 'subtract', 'union']);
const ATTRIBUTE = 2;
const ELEMENT = 1;

/** All nodes of the tree in document order, attributes right after their element (namespace nodes are not DOM nodes). */
function allNodes(root: Node, out: Node[] = []): Node[] {
  out.push(root);
  if (root.nodeType === ELEMENT) for (const a of Array.from((root as Element).attributes)) out.push(a);
  for (let c = root.firstChild; c; c = c.nextSibling) allNodes(c, out);
  return out;
}

const parentOf = (n: Node): Node | null => (n.nodeType === ATTRIBUTE ? (n as Attr).ownerElement : n.parentNode);

/** Whether `n` lies in the subtree of a node of `raw` (spec §3.3: each XPath result is expanded to subtrees). */
function inExpanded(n: Node, raw: Set<Node>): boolean {
  for (let p: Node | null = n; p; p = parentOf(p)) if (raw.has(p)) return true;
  return false;
}

export class XPathFilter2Transform extends xmldsig.Transform {
  steps: Filter2Step[] = [];

  constructor() {
    super();
    // Assigned, not declared as a field: the base class defines Algorithm as a decorated accessor.
    this.Algorithm = FILTER2;
  }

  static register(): void {
    xmldsig.CryptoConfig.RegisterTransform(FILTER2, XPathFilter2Transform);
  }

  static of(steps: Filter2Step[]): XPathFilter2Transform {
    const t = new XPathFilter2Transform();
    t.steps = steps;
    return t;
  }

  protected override OnLoadXml(element: Element): void {
    this.steps = [];
    for (let n = element.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== ELEMENT) continue;
      const el = n as Element;
      if (el.namespaceURI !== FILTER2 || el.localName !== 'XPath') continue;
      const filter = el.getAttribute('Filter') ?? '';
      // An unknown Filter value makes the transform unusable (spec §3.2 allows only the three).
      if (!OPS.has(filter)) throw new Error(`XPath Filter 2.0: nieznany Filter="${filter}"`);
      const namespaces: Record<string, string> = {};
      const prefixes = (el.textContent ?? '').match(/[A-Za-z_][\w.-]*(?=:[A-Za-z_*])/g) ?? [];
      for (const p of prefixes) {
        const uri = el.lookupNamespaceURI(p);
        if (uri) namespaces[p] = uri;
      }
      this.steps.push({ filter: filter as FilterOp, xpath: el.textContent ?? '', namespaces });
    }
  }

  protected override OnGetXml(element: Element): void {
    const doc = element.ownerDocument;
    for (const s of this.steps) {
      const x = doc.createElementNS(FILTER2, 'dsig-xpath:XPath');
      x.setAttribute('Filter', s.filter);
      for (const [p, uri] of Object.entries(s.namespaces ?? {})) {
        x.setAttributeNS('http://www.w3.org/2000/xmlns/', `xmlns:${p}`, uri);
      }
      x.textContent = s.xpath;
      element.appendChild(x);
    }
  }

  /**
   * Filters the input tree in place (a following canonicalisation transform reads the same tree, as
   * with the library's enveloped-signature transform) and returns its inclusive C14N: what a node-set
   * left as the last transform's output becomes (XMLDSig §4.3.3.2).
   */
  override GetOutput(): string {
    const input = this.innerXml;
    if (!input) throw new Error('XPath Filter 2.0: brak danych wejściowych');
    if (this.steps.length === 0) throw new Error('XPath Filter 2.0: brak elementów XPath');
    this.apply(input);
    const c14n = new xmldsig.XmlDsigC14NTransform();
    c14n.LoadInnerXml(input);
    return c14n.GetOutput();
  }

  /** Filters the tree in place; throws when the resulting node-set is not a tree. */
  private apply(input: Node): void {
    // The reference hands over a detached copy of the document element; XPath's root must be a document of
    // that copy (otherwise `/` reaches the original document the copy came from).
    const detached = input.nodeType === ELEMENT && !input.parentNode;
    const holder = detached ? (input.ownerDocument as Document).implementation.createDocument(null, '', null) : null;
    if (holder) holder.appendChild(input);
    try {
      const root = (input.nodeType === 9 ? input : input.ownerDocument) as Document;
      const raws = this.steps.map((s) => {
        const found = xpath.selectWithResolver(s.xpath, holder ?? root, {
          lookupNamespaceURI: (p: string | null) => (p ? (s.namespaces?.[p] ?? null) : null),
        });
        if (!Array.isArray(found)) throw new Error(`XPath Filter 2.0: wyrażenie nie daje zbioru węzłów: ${s.xpath}`);
        return new Set<Node>(found as Node[]);
      });
      const keep = (n: Node) =>
        this.steps.reduce((acc, s, i) => {
          const inS = inExpanded(n, raws[i]!);
          return s.filter === 'intersect' ? acc && inS : s.filter === 'subtract' ? acc && !inS : acc || inS;
        }, true);
      if (!keep(input) && !allNodes(input).some(keep)) {
        throw new Error('XPath Filter 2.0: filtr usuwa element główny dokumentu');
      }
      prune(input, keep);
    } finally {
      if (holder) holder.removeChild(input);
    }
  }
}

/** Removes dropped subtrees and attributes; refuses a kept node under a dropped element. */
function prune(el: Node, keep: (n: Node) => boolean): void {
  if (!keep(el)) {
    if (allNodes(el).some(keep)) throw new Error('XPath Filter 2.0: wynik nie jest drzewem (węzeł bez rodzica)');
    el.parentNode?.removeChild(el);
    return;
  }
  if (el.nodeType === ELEMENT) {
    const e = el as Element;
    for (const a of Array.from(e.attributes)) if (!keep(a)) e.removeAttributeNode(a);
  }
  for (const c of Array.from(el.childNodes)) prune(c, keep);
}
