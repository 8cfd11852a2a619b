// FA(3) XSD validation with the official, unchanged schema (official/schemas) through libxml2-wasm, as in
// docs/xsd-validation.md §3.1: the remote StrukturyDanych import is served from memory, so nothing is fetched.
import { readFileSync } from 'node:fs';
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlParseError,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';

const CRD_BASE = 'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2022/01/05/eD/DefinicjeTypy/';
const BAZOWE = ['StrukturyDanych_v10-0E.xsd', 'ElementarneTypyDanych_v10-0E.xsd', 'KodyKrajow_v10-0E.xsd'];
export const FA3_NS = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
const file = (name: string) => new Uint8Array(readFileSync(new URL(`./official/schemas/${name}`, import.meta.url)));

let validator: XsdValidator | undefined;
function fa3Validator(): XsdValidator {
  if (validator) return validator;
  const buffers: Record<string, Uint8Array> = {};
  for (const name of BAZOWE) buffers[CRD_BASE + name] = file(`bazowe/${name}`);
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers));
  const xsd = XmlDocument.fromBuffer(file('schemat_FA(3)_v1-0E.xsd'), { url: 'memory:/schemat_FA(3)_v1-0E.xsd' });
  try {
    validator = XsdValidator.fromDoc(xsd);
  } finally {
    xsd.dispose();
  }
  return validator;
}

export interface Fa3Facts {
  sellerNip: string;
  invoiceNumber: string;
  issueDate: string; // Fa/P_1, YYYY-MM-DD
  invoiceType: string; // Fa/RodzajFaktury
  partyNips: string[]; // NIPs of Podmiot1/2/3 (who may send it: §3, permissions simplified)
  hasAttachment: boolean;
}

export type Fa3Result = { ok: true; facts: Fa3Facts } | { ok: false; messages: string[] };

/** Validates against the FA(3) XSD and reads the facts KSeF keys on (seller NIP, P_1, P_2, RodzajFaktury). */
export function checkFa3(xml: Uint8Array): Fa3Result {
  const v = fa3Validator();
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(xml, { url: 'faktura.xml' });
  } catch (e) {
    if (e instanceof XmlParseError) return { ok: false, messages: e.details.map((d) => d.message.trim()) };
    throw e;
  }
  try {
    try {
      v.validate(doc);
    } catch (e) {
      if (e instanceof XmlValidateError) return { ok: false, messages: e.details.map((d) => d.message.trim()) };
      throw e;
    }
    const ns = { f: FA3_NS };
    const text = (xp: string) => doc.get(xp, ns)?.content.trim() ?? '';
    return {
      ok: true,
      facts: {
        sellerNip: text('/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:NIP'),
        invoiceNumber: text('/f:Faktura/f:Fa/f:P_2'),
        issueDate: text('/f:Faktura/f:Fa/f:P_1'),
        invoiceType: text('/f:Faktura/f:Fa/f:RodzajFaktury'),
        partyNips: doc
          .find(
            '/f:Faktura/*[self::f:Podmiot1 or self::f:Podmiot2 or self::f:Podmiot3]/f:DaneIdentyfikacyjne/f:NIP',
            ns,
          )
          .map((n) => n.content.trim()),
        hasAttachment: doc.get('/f:Faktura/f:Zalacznik', ns) !== null,
      },
    };
  } finally {
    doc.dispose();
  }
}
