// The XPath Filter 2.0 transform on its own: intersect / subtract / union applied in order to whole subtrees
// (https://www.w3.org/TR/xmldsig-filter2/ §3), and the node-sets a DOM tree cannot carry refused.
import '@abraham/reflection';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import * as xmlCore from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import { FILTER2, type Filter2Step, XPathFilter2Transform } from './xpath-filter2';

xmlCore.setNodeDependencies({ DOMParser, XMLSerializer });

const DOC =
  '<r xmlns="urn:r" a="1"><keep><x/>t</keep><drop b="2"><y/></drop><mid><z/><w/></mid>' +
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature></r>';
const NS = { r: 'urn:r', ds: 'http://www.w3.org/2000/09/xmldsig#' };

/** Runs the transform the way a reference does (on a detached copy of the document element) and serialises it. */
function run(steps: Filter2Step[]): string {
  const el = xmlCore.Parse(DOC).documentElement.cloneNode(true) as Element;
  const t = XPathFilter2Transform.of(steps.map((s) => ({ namespaces: NS, ...s })));
  t.LoadInnerXml(el);
  const out = t.GetOutput();
  expect(el.parentNode).toBeNull();
  const tree = new XMLSerializer().serializeToString(el as unknown as import('@xmldom/xmldom').Node);
  // The output is the filtered tree canonicalised (inclusive C14N: no empty-element tags).
  expect(out).toBe(tree.replace(/<([\w:]+)([^<>]*?)\/>/g, '<$1$2></$1>'));
  return tree;
}

describe('XPath Filter 2.0', () => {
  it('subtract removes the selected subtrees only', () => {
    const out = run([{ filter: 'subtract', xpath: '/descendant::ds:Signature' }]);
    expect(out).toBe('<r xmlns="urn:r" a="1"><keep><x/>t</keep><drop b="2"><y/></drop><mid><z/><w/></mid></r>');
  });

  it('several subtracts and an attribute', () => {
    const out = run([
      { filter: 'subtract', xpath: '//ds:Signature | //r:drop' },
      { filter: 'subtract', xpath: '/r:r/@a' },
    ]);
    expect(out).toBe('<r xmlns="urn:r"><keep><x/>t</keep><mid><z/><w/></mid></r>');
  });

  it('union after subtract brings a subtree back (filters apply in order)', () => {
    const out = run([
      { filter: 'subtract', xpath: '//r:mid' },
      { filter: 'union', xpath: '//r:mid' },
      { filter: 'subtract', xpath: '//r:w | //ds:Signature' },
    ]);
    expect(out).toBe('<r xmlns="urn:r" a="1"><keep><x/>t</keep><drop b="2"><y/></drop><mid><z/></mid></r>');
  });

  it('intersect with the root keeps everything; union alone changes nothing', () => {
    const all = '<r xmlns="urn:r" a="1"><keep><x/>t</keep><drop b="2"><y/></drop><mid><z/><w/></mid>';
    expect(run([{ filter: 'intersect', xpath: '/' }])).toContain(all);
    expect(run([{ filter: 'union', xpath: '//r:keep' }])).toContain(all);
  });

  it('a node-set keeping a child without its parent element is refused', () => {
    expect(() => run([{ filter: 'intersect', xpath: '//r:keep' }])).toThrow(/nie jest drzewem/);
    expect(() => run([{ filter: 'subtract', xpath: '/' }])).toThrow(/element główny/);
  });

  it('reads its steps and their namespaces back from XML (the form a verifier loads)', () => {
    const t = XPathFilter2Transform.of([
      { filter: 'subtract', xpath: '/descendant::ds:Signature', namespaces: { ds: NS.ds } },
    ]);
    const xml = t.GetXml()!;
    XPathFilter2Transform.register();
    const loaded = xmldsig.CryptoConfig.CreateFromName(FILTER2) as XPathFilter2Transform;
    loaded.LoadXml(xmlCore.Parse(xmlCore.Stringify(xml)).documentElement);
    expect(loaded).toBeInstanceOf(XPathFilter2Transform);
    expect(loaded.steps).toEqual([
      { filter: 'subtract', xpath: '/descendant::ds:Signature', namespaces: { ds: NS.ds } },
    ]);
  });

  it('an unknown Filter value is refused', () => {
    const el = xmlCore.Parse(
      `<ds:Transform xmlns:ds="${NS.ds}" Algorithm="${FILTER2}"><f:XPath xmlns:f="${FILTER2}" Filter="except">/</f:XPath></ds:Transform>`,
    ).documentElement;
    expect(() => new XPathFilter2Transform().LoadXml(el)).toThrow(/Filter="except"/);
  });
});
