// UPO v4-3 (official/schemas/upo-v4-3.xsd; examples in test/fixtures/ksef/samples/upo). Per invoice: one Dokument,
// no OpisPotwierdzenia. Per session: pages of ≤ 10 000 Dokument with OpisPotwierdzenia (docs/ksef-protocol.md §3.5).
// Simplification: real UPOs carry an MF XAdES signature; these are unsigned.
import type { Sim } from './core';
import type { InvoiceRec, SessionRec } from './store';
import { warsawIso } from './warsaw';

export const UPO_PAGE_SIZE = 10_000;

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function contextElement(session: SessionRec): string {
  const name =
    session.contextType === 'Nip'
      ? 'Nip'
      : session.contextType === 'InternalId'
        ? 'IdWewnetrzny'
        : session.contextType === 'NipVatUe'
          ? 'IdZlozonyVatUE'
          : 'IdDostawcyUslugPeppol';
  return `<${name}>${esc(session.contextValue)}</${name}>`;
}

function header(sim: Sim, session: SessionRec): string {
  const auth = session.auth.tokenReferenceNumber
    ? `<NumerReferencyjnyTokenaKSeF>${session.auth.tokenReferenceNumber}</NumerReferencyjnyTokenaKSeF>`
    : `<SkrotDokumentuUwierzytelniajacego>${session.auth.documentHash ?? ''}</SkrotDokumentuUwierzytelniajacego>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<Potwierdzenie xmlns="http://upo.schematy.mf.gov.pl/KSeF/v4-3">\n` +
    `\t<NazwaPodmiotuPrzyjmujacego>${esc(sim.receiverName())}</NazwaPodmiotuPrzyjmujacego>\n` +
    `\t<NumerReferencyjnySesji>${session.referenceNumber}</NumerReferencyjnySesji>\n` +
    `\t<Uwierzytelnienie>\n\t\t<IdKontekstu>\n\t\t\t${contextElement(session)}\n\t\t</IdKontekstu>\n\t\t${auth}\n\t</Uwierzytelnienie>\n`
  );
}

const FORM =
  '\t<NazwaStrukturyLogicznej>Schemat_FA(3)_v1-0E.xsd</NazwaStrukturyLogicznej>\n\t<KodFormularza>FA (3)</KodFormularza>\n';

function documentXml(inv: InvoiceRec): string {
  return (
    `\t<Dokument>\n` +
    `\t\t<NipSprzedawcy>${inv.sellerNip}</NipSprzedawcy>\n` +
    `\t\t<NumerKSeFDokumentu>${inv.ksefNumber}</NumerKSeFDokumentu>\n` +
    `\t\t<NumerFaktury>${esc(inv.invoiceNumber ?? '')}</NumerFaktury>\n` +
    `\t\t<DataWystawieniaFaktury>${inv.issueDate}</DataWystawieniaFaktury>\n` +
    `\t\t<DataPrzeslaniaDokumentu>${warsawIso(inv.invoicingMs)}</DataPrzeslaniaDokumentu>\n` +
    `\t\t<DataNadaniaNumeruKSeF>${warsawIso(inv.tFinal)}</DataNadaniaNumeruKSeF>\n` +
    `\t\t<SkrotDokumentu>${inv.invoiceHash}</SkrotDokumentu>\n` +
    `\t\t<TrybWysylki>${inv.invoicingMode}</TrybWysylki>\n` +
    `\t</Dokument>\n`
  );
}

export function invoiceUpo(sim: Sim, session: SessionRec, inv: InvoiceRec): string {
  return `${header(sim, session)}${FORM}${documentXml(inv)}</Potwierdzenie>\n`;
}

/** Page `page` (1-based) of the session UPO over the session's successful invoices. */
export function sessionUpo(sim: Sim, session: SessionRec, ok: InvoiceRec[], page: number): string {
  const pages = Math.max(1, Math.ceil(ok.length / UPO_PAGE_SIZE));
  const from = (page - 1) * UPO_PAGE_SIZE;
  const slice = ok.slice(from, from + UPO_PAGE_SIZE);
  const opis =
    `\t<OpisPotwierdzenia>\n\t\t<Strona>${page}</Strona>\n\t\t<LiczbaStron>${pages}</LiczbaStron>\n` +
    `\t\t<ZakresDokumentowOd>${from + 1}</ZakresDokumentowOd>\n\t\t<ZakresDokumentowDo>${from + slice.length}</ZakresDokumentowDo>\n` +
    `\t\t<CalkowitaLiczbaDokumentow>${ok.length}</CalkowitaLiczbaDokumentow>\n\t</OpisPotwierdzenia>\n`;
  return `${header(sim, session)}${opis}${FORM}${slice.map((i) => documentXml(i)).join('')}</Potwierdzenie>\n`;
}
