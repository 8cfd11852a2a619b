/**
 * Podmiot1 (seller, from the extension's settings) and Podmiot2 (buyer, from Base's invoice_* fields)
 * per the FA(3) XSD (TPodmiot1/TPodmiot2, TAdres; docs/ksef-protocol.md §9).
 */
import type { BaseInvoice } from '../base/api/types';
import { isValidNip } from '../core/nip';
import { FA3_COUNTRY_CODES } from './codes';
import { COUNTRY_ALIASES, isEuCountry, vatPrefixOf } from './countries';
import { normalizeTaxId } from './nip';
import { fa3Problem } from './problem';
import type { BuyerKind } from './rates';
import type { BuyerFlags, Fa3Error, SellerSettings } from './types';
import { collapse, el, type XmlNode } from './xml';

const len = (s: string) => [...s].length;

/** Base's free-text seller block ("Name\r\nStreet\r\nZIP City\r\nNIP: …") as address lines. */
export function parseBaseSellerText(seller: string): {
  name?: string | undefined;
  addressL1?: string | undefined;
  addressL2?: string | undefined;
} {
  const lines = seller
    .split(/\r?\n/)
    .map((l) => collapse(l))
    .filter((l) => l !== '' && !/^(NIP|VAT|REGON|KRS|tel|telefon|e-?mail|www|konto|bank)\b/i.test(l));
  if (lines.length === 0) return {};
  const [name, ...rest] = lines;
  if (rest.length === 0) return { name };
  if (rest.length === 1) return { name, addressL1: rest[0] };
  return { name, addressL1: rest.slice(0, -1).join(', '), addressL2: rest[rest.length - 1] };
}

type TooLong = 'SELLER_NAME_TOO_LONG' | 'SELLER_ADDRESS_TOO_LONG' | 'BUYER_NAME_TOO_LONG' | 'BUYER_ADDRESS_TOO_LONG';

function checkLen(errors: Fa3Error[], value: string, max: number, code: TooLong, field: string): void {
  if (len(value) > max) errors.push(fa3Problem(code, field, { length: len(value), max }));
}

export function buildPodmiot1(seller: SellerSettings, baseSellerText: string, errors: Fa3Error[]): XmlNode {
  const nip = normalizeTaxId(seller.nip ?? '').replace(/^PL/, '');
  if (!isValidNip(nip)) {
    errors.push(fa3Problem('SELLER_NIP_INVALID', 'settings.nip', { nip: seller.nip ?? '' }));
  }
  const fromBase = parseBaseSellerText(baseSellerText);
  const name = collapse(seller.name ?? '') || fromBase.name || '';
  if (!name) errors.push(fa3Problem('SELLER_NAME_MISSING', 'settings.name'));
  checkLen(errors, name, 512, 'SELLER_NAME_TOO_LONG', 'settings.name');
  // Settings first; Base's free-text block only as a fallback for the address.
  const l1 = collapse(seller.addressL1 ?? '') || fromBase.addressL1 || '';
  const l2 = seller.addressL1
    ? collapse(seller.addressL2 ?? '')
    : collapse(seller.addressL2 ?? '') || fromBase.addressL2 || '';
  if (!l1) errors.push(fa3Problem('SELLER_ADDRESS_MISSING', 'settings.addressL1'));
  checkLen(errors, l1, 512, 'SELLER_ADDRESS_TOO_LONG', 'settings.addressL1');
  const country = collapse(seller.countryCode ?? '').toUpperCase() || 'PL';
  const adres = [el('KodKraju', country), el('AdresL1', l1)];
  if (l2) adres.push(el('AdresL2', l2));
  const children: XmlNode[] = [el('DaneIdentyfikacyjne', [el('NIP', nip), el('Nazwa', name)]), el('Adres', adres)];
  const email = collapse(seller.email ?? '');
  const phone = collapse(seller.phone ?? '');
  if (email || phone) {
    const kontakt: XmlNode[] = [];
    if (email) kontakt.push(el('Email', email));
    if (phone) kontakt.push(el('Telefon', phone));
    children.push(el('DaneKontaktowe', kontakt));
  }
  return el('Podmiot1', children);
}

export function buildPodmiot2(
  inv: BaseInvoice,
  flags: BuyerFlags | undefined,
  errors: Fa3Error[],
): { node: XmlNode; kind: BuyerKind } {
  // Shops put "brak", "-" or "n/a" in the NIP field for consumers.
  const rawId = normalizeTaxId(inv.invoiceNip);
  const id = /^(BRAK|NONE|NA|N\/A|-+|0+)$/.test(rawId) ? '' : rawId;
  const prefix = /^[A-Z]{2}/.exec(id)?.[0];
  const given = inv.invoiceCountryCode;
  let country = COUNTRY_ALIASES[given] ?? given;
  if (!country) country = prefix && /^\D{2}\d/.test(id) ? (COUNTRY_ALIASES[prefix] ?? prefix) : 'PL';
  if (!FA3_COUNTRY_CODES.has(country)) {
    errors.push(fa3Problem('BUYER_COUNTRY_INVALID', 'invoice_country_code', { country: given || prefix || '' }));
    country = 'PL';
  }
  const dane: XmlNode[] = [];
  let euVat = false;
  if (country === 'PL') {
    const nip = id.replace(/^PL/, '');
    if (nip === '') dane.push(el('BrakID', '1'));
    else if (isValidNip(nip)) dane.push(el('NIP', nip));
    else {
      errors.push(fa3Problem('BUYER_NIP_INVALID', 'invoice_nip', { nip: inv.invoiceNip }));
    }
  } else if (isEuCountry(country)) {
    const code = vatPrefixOf(country);
    const nr = id.startsWith(code) ? id.slice(2) : id;
    if (nr === '') dane.push(el('BrakID', '1'));
    else if (/^(\d|[A-Z]|\+|\*){1,12}$/.test(nr) && (!prefix || prefix === code || /^\d/.test(id))) {
      dane.push(el('KodUE', code), el('NrVatUE', nr));
      euVat = true;
    } else {
      errors.push(fa3Problem('BUYER_VAT_UE_INVALID', 'invoice_nip', { vatId: inv.invoiceNip, country, prefix: code }));
    }
  } else if (id !== '') {
    if (len(id) > 50) errors.push(fa3Problem('BUYER_TAX_ID_TOO_LONG', 'invoice_nip'));
    dane.push(el('KodKraju', country), el('NrID', id));
  } else dane.push(el('BrakID', '1'));

  const name = collapse(inv.invoiceCompany) || collapse(inv.invoiceFullname);
  if (!name) errors.push(fa3Problem('BUYER_NAME_MISSING', 'invoice_company'));
  checkLen(errors, name, 512, 'BUYER_NAME_TOO_LONG', 'invoice_company');
  if (name) dane.push(el('Nazwa', name));

  const children: XmlNode[] = [el('DaneIdentyfikacyjne', dane)];
  const street = collapse(inv.invoiceAddress);
  const cityLine = collapse(`${inv.invoicePostcode} ${inv.invoiceCity}`);
  if (street || cityLine) {
    const adres = [el('KodKraju', country), el('AdresL1', street || cityLine)];
    if (street && cityLine) adres.push(el('AdresL2', cityLine));
    checkLen(errors, street, 512, 'BUYER_ADDRESS_TOO_LONG', 'invoice_address');
    children.push(el('Adres', adres));
  }
  children.push(el('JST', flags?.jst ? '1' : '2'), el('GV', flags?.gv ? '1' : '2'));
  const identified = !dane.some((d) => d.name === 'BrakID');
  return { node: el('Podmiot2', children), kind: { country, euVat, identified } };
}

/** Podmiot3 for a JST subordinate unit (Rola 8) or VAT-group member (Rola 10), per the JST/GV docs in the XSD. */
export function buildPodmiot3(flags: BuyerFlags | undefined, errors: Fa3Error[]): XmlNode[] {
  if (!flags?.jst && !flags?.gv) return [];
  const nip = normalizeTaxId(flags.unitNip ?? '').replace(/^PL/, '');
  if (!isValidNip(nip)) {
    const key = flags.jst ? 'BUYER_UNIT_NIP_INVALID' : 'BUYER_UNIT_NIP_INVALID_GV';
    errors.push(fa3Problem('BUYER_UNIT_NIP_INVALID', 'buyer.unitNip', { nip: flags.unitNip ?? '' }, key));
    return [];
  }
  const dane: XmlNode[] = [el('NIP', nip)];
  const name = collapse(flags.unitName ?? '');
  if (name) dane.push(el('Nazwa', name));
  const out: XmlNode[] = [];
  if (flags.jst) out.push(el('Podmiot3', [el('DaneIdentyfikacyjne', dane), el('Rola', '8')]));
  if (flags.gv) out.push(el('Podmiot3', [el('DaneIdentyfikacyjne', dane), el('Rola', '10')]));
  return out;
}
