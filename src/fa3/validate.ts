/**
 * FA(3) XSD validation with libxml2-wasm (docs/xsd-validation.md §3.1): the official schema is compiled
 * ONCE into an `Fa3Validator` and reused, so a 10,000-invoice month validates in seconds.
 *
 * Isomorphic: this module takes the schema texts as a parameter (`Fa3SchemaSet`) and never reads
 * files. Node gets them from `schema-node.ts`, bundled code (extension, Vitest) from `schema-raw.ts`.
 * In a classic MV3 service worker libxml2-wasm's top-level await must be patched away and the wasm
 * instantiated first (docs/xsd-validation.md §3.3, pitfall 1); this module then works unchanged.
 */
import {
  type ErrorDetail,
  XmlBufferInputProvider,
  XmlDocument,
  XmlError,
  XmlParseError,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import type { Fa3Key } from '../i18n/fa3';
import type { Params } from '../i18n/fill';
import { fa3Pl } from './problem';
import { INTERNAL_XML_ERROR_PL, parseError } from './xml-errors-pl';

/** The official XSD imports StrukturyDanych from this URL; its two includes resolve relative to it. */
export const CRD_BASE = 'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2022/01/05/eD/DefinicjeTypy/';
export const BAZOWE = [
  'StrukturyDanych_v10-0E.xsd',
  'ElementarneTypyDanych_v10-0E.xsd',
  'KodyKrajow_v10-0E.xsd',
] as const;
export const FA3_NS = 'http://crd.gov.pl/wzor/2025/06/25/13775/';

export type SchemaText = string | Uint8Array;
/** The unchanged official schema: the main file plus the three `bazowe/` files by bare name. */
export interface Fa3SchemaSet {
  main: SchemaText;
  bazowe: Record<(typeof BAZOWE)[number], SchemaText>;
}

export interface Fa3ValidationError {
  /** libxml2's message with the FA(3) namespace stripped, e.g. "Element 'P_17': This element is not expected…". */
  message: string;
  /** Polish explanation for the user, worded from `key` and `params` by the fa3 slice of src/i18n. */
  messagePl: string;
  key: Fa3Key;
  params: Params;
  line: number;
  /** Element path such as `/Faktura/Fa/Adnotacje/P_17` when libxml2 gives a node. */
  path?: string;
}

export interface Fa3ValidationResult {
  valid: boolean;
  wellFormed: boolean;
  errors: Fa3ValidationError[];
}

export interface Fa3Validator {
  validate(xml: Uint8Array | string): Fa3ValidationResult;
  dispose(): void;
}

const enc = new TextEncoder();
const bytes = (s: SchemaText): Uint8Array => (typeof s === 'string' ? enc.encode(s) : s);
const MAIN_URL = 'urn:ksef-base:fa3/schemat_FA(3)_v1-0E.xsd';

function stripNs(message: string): string {
  return message.replaceAll(`{${FA3_NS}}`, '').trim();
}

/** The common libxml2 schema messages as the key of their words and the values they name. */
export function explain(message: string, path?: string): { key: Fa3Key; params: Params } {
  const where = path ? ` (${path})` : '';
  let m = /^Element '([^']+)': This element is not expected\. Expected is(?: one of)? \( ?(.+?) ?\)\.?$/s.exec(message);
  if (m) return { key: 'XSD_MISPLACED', params: { element: m[1]!, expected: m[2]!, where } };
  m = /^Element '([^']+)': This element is not expected\.?$/s.exec(message);
  if (m) return { key: 'XSD_NOT_ALLOWED', params: { element: m[1]!, where } };
  m = /^Element '([^']+)': Missing child element\(s\)\. Expected is(?: one of)? \( ?(.+?) ?\)\.?$/s.exec(message);
  if (m) return { key: 'XSD_MISSING_CHILD', params: { element: m[1]!, expected: m[2]!, where } };
  m = /^Element '([^']+)': \[facet '([^']+)'\] The value '([^']*)'/s.exec(message);
  if (m) return { key: 'XSD_FACET', params: { element: m[1]!, facet: m[2]!, value: m[3]!, where } };
  m = /^Element '([^']+)': '([^']*)' is not a valid value/s.exec(message);
  if (m) return { key: 'XSD_FORMAT', params: { element: m[1]!, value: m[2]!, where } };
  return { key: 'XSD_OTHER', params: { where, detail: message } };
}

/** Short Polish rendering of the common libxml2 schema messages (the English original is kept too). */
export function explainPl(message: string, path?: string): string {
  const { key, params } = explain(message, path);
  return fa3Pl(key, params);
}

/** libxml2 gives positional XPaths (`/*[1]/*[4]`) because of the default namespace; name them. */
function namedPath(doc: XmlDocument, d: ErrorDetail): string | undefined {
  if (!d.xpath) return undefined;
  try {
    const names: string[] = [];
    for (let n = doc.get(d.xpath) as { name?: string; parent: unknown } | null; n; n = n.parent as typeof n) {
      if (n.name) names.unshift(n.name);
    }
    return names.length ? `/${names.join('/')}` : undefined;
  } catch {
    return undefined;
  }
}

function toError(d: ErrorDetail, doc?: XmlDocument): Fa3ValidationError {
  const message = stripNs(d.message);
  const path = doc ? namedPath(doc, d) : undefined;
  const { key, params } = explain(message, path);
  return { message, messagePl: fa3Pl(key, params), key, params, line: d.line, ...(path ? { path } : {}) };
}

/** Compiles the official FA(3) schema once (≈50–170 ms); the result validates many documents. */
export function compileFa3(src: Fa3SchemaSet): Fa3Validator {
  const buffers: Record<string, Uint8Array> = {};
  for (const name of BAZOWE) buffers[CRD_BASE + name] = bytes(src.bazowe[name]);
  // Providers are global to the wasm instance; registering again per compile is harmless (pitfall 6).
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers));
  const xsdDoc = XmlDocument.fromBuffer(bytes(src.main), { url: MAIN_URL });
  let xsd: XsdValidator;
  try {
    xsd = XsdValidator.fromDoc(xsdDoc);
  } finally {
    xsdDoc.dispose();
  }
  return {
    validate(xml) {
      let doc: XmlDocument;
      try {
        doc = typeof xml === 'string' ? XmlDocument.fromString(xml) : XmlDocument.fromBuffer(xml);
      } catch (e) {
        if (e instanceof XmlParseError) {
          return {
            valid: false,
            wellFormed: false,
            errors: e.details.map((d) => {
              const message = d.message.trim();
              const { key, params } = parseError(message, d.line);
              return { message, messagePl: fa3Pl(key, params), key, params, line: d.line };
            }),
          };
        }
        throw e;
      }
      try {
        xsd.validate(doc);
        return { valid: true, wellFormed: true, errors: [] };
      } catch (e) {
        if (e instanceof XmlValidateError) {
          return { valid: false, wellFormed: true, errors: e.details.map((d) => toError(d, doc)) };
        }
        // libxml2's "Invalid input or internal error" (e.g. an external entity it will not load).
        if (e instanceof XmlError)
          return {
            valid: false,
            wellFormed: true,
            errors: [
              { message: e.message, messagePl: INTERNAL_XML_ERROR_PL, key: 'XML_INTERNAL', params: {}, line: 1 },
            ],
          };
        throw e;
      } finally {
        // wasm memory is not garbage-collected (pitfall 8).
        doc.dispose();
      }
    },
    dispose() {
      xsd.dispose();
    },
  };
}
