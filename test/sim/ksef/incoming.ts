// Received ("purchase") invoices for the control API: N valid FA(3) invoices from other sellers to one buyer
// NIP, registered as if each seller had sent them in an online session (real SHA-256 hashes, KSeF numbers with
// CRC-8, permanent storage right away), without the cost of encryption and one XSD check per file.
import type { Sim } from './core';
import { ksefNumber } from './numbers';
import { invoiceStatus, sha256b64 } from './processing';
import { newSession } from './sessions';
import type { AuthOp, InvoiceRec } from './store';
import { warsawDate } from './warsaw';

const SUPPLIERS = [
  { nip: '1132853869', name: 'Pracownia Łódzka Sp. z o.o.', l1: 'ul. Piotrkowska 120/4', l2: '90-006 Łódź' },
  { nip: '5261297912', name: 'Hurtownia Papieru „Biuro” Sp. z o.o.', l1: 'ul. Prosta 12/4', l2: '00-850 Warszawa' },
  { nip: '6762468443', name: 'Transport Kraków S.A.', l1: 'ul. Wielicka 44', l2: '30-552 Kraków' },
  { nip: '9542751368', name: 'Opakowania Śląsk s.c.', l1: 'ul. Mikołowska 8', l2: '40-066 Katowice' },
  { nip: '5842739582', name: 'Gdańskie Media Sp. z o.o.', l1: 'ul. Grunwaldzka 100', l2: '80-244 Gdańsk' },
];

const LINES = [
  { name: 'Papier ksero A4, karton 5 ryz', unit: 'szt.', price: 119.9, rate: '23' },
  { name: 'Usługa transportowa (kurier)', unit: 'usł.', price: 45.5, rate: '23' },
  { name: 'Kartony wysyłkowe 40×30×20', unit: 'szt.', price: 2.35, rate: '23' },
  { name: 'Książka „Księgowość w praktyce”', unit: 'szt.', price: 64.0, rate: '5' },
  { name: 'Catering — spotkanie z klientem', unit: 'usł.', price: 210.0, rate: '8' },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const money = (n: number) => n.toFixed(2);

export interface IncomingSpec {
  sellerNip: string;
  sellerName: string;
  sellerAddress: [string, string];
  buyerNip: string;
  buyerName: string;
  number: string;
  issueDate: string;
  lines: { name: string; unit: string; qty: number; price: number; rate: string }[];
  bankAccount?: string;
  dueDate?: string;
  /** Makes a correction (KOR) of this invoice. */
  corrects?: { number: string; issueDate: string; ksefNumber: string; reason: string } | undefined;
}

const RATE_FIELDS: Record<string, [string, string]> = {
  '23': ['P_13_1', 'P_14_1'],
  '8': ['P_13_2', 'P_14_2'],
  '5': ['P_13_3', 'P_14_3'],
};

/** An FA(3) invoice (valid against the official XSD; test/sim/ksef/purchases.test.ts checks it). */
export function incomingFa3(s: IncomingSpec): string {
  const byRate = new Map<string, { net: number; vat: number }>();
  const rows = s.lines.map((l, i) => {
    const net = Math.round(l.qty * l.price * 100) / 100;
    const sum = byRate.get(l.rate) ?? { net: 0, vat: 0 };
    sum.net += net;
    sum.vat += Math.round(net * Number(l.rate)) / 100;
    byRate.set(l.rate, sum);
    return `<FaWiersz><NrWierszaFa>${i + 1}</NrWierszaFa><P_7>${esc(l.name)}</P_7><P_8A>${esc(l.unit)}</P_8A><P_8B>${l.qty}</P_8B><P_9A>${money(l.price)}</P_9A><P_11>${money(net)}</P_11><P_12>${l.rate}</P_12></FaWiersz>`;
  });
  let sums = '';
  let gross = 0;
  for (const rate of ['23', '8', '5']) {
    const v = byRate.get(rate);
    if (!v) continue;
    const [pn, pv] = RATE_FIELDS[rate]!;
    sums += `<${pn}>${money(v.net)}</${pn}><${pv}>${money(v.vat)}</${pv}>`;
    gross += v.net + v.vat;
  }
  const kor = s.corrects
    ? `<RodzajFaktury>KOR</RodzajFaktury><PrzyczynaKorekty>${esc(s.corrects.reason)}</PrzyczynaKorekty><TypKorekty>2</TypKorekty><DaneFaKorygowanej><DataWystFaKorygowanej>${s.corrects.issueDate}</DataWystFaKorygowanej><NrFaKorygowanej>${esc(s.corrects.number)}</NrFaKorygowanej><NrKSeF>1</NrKSeF><NrKSeFFaKorygowanej>${s.corrects.ksefNumber}</NrKSeFFaKorygowanej></DaneFaKorygowanej>`
    : '<RodzajFaktury>VAT</RodzajFaktury>';
  const pay = `<Platnosc>${s.dueDate ? `<TerminPlatnosci><Termin>${s.dueDate}</Termin></TerminPlatnosci>` : ''}<FormaPlatnosci>6</FormaPlatnosci>${s.bankAccount ? `<RachunekBankowy><NrRB>${s.bankAccount}</NrRB></RachunekBankowy>` : ''}</Platnosc>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"><Naglowek><KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza><WariantFormularza>3</WariantFormularza><DataWytworzeniaFa>${s.issueDate}T08:00:00Z</DataWytworzeniaFa><SystemInfo>Symulator KSeF</SystemInfo></Naglowek><Podmiot1><DaneIdentyfikacyjne><NIP>${s.sellerNip}</NIP><Nazwa>${esc(s.sellerName)}</Nazwa></DaneIdentyfikacyjne><Adres><KodKraju>PL</KodKraju><AdresL1>${esc(s.sellerAddress[0])}</AdresL1><AdresL2>${esc(s.sellerAddress[1])}</AdresL2></Adres></Podmiot1><Podmiot2><DaneIdentyfikacyjne><NIP>${s.buyerNip}</NIP><Nazwa>${esc(s.buyerName)}</Nazwa></DaneIdentyfikacyjne><Adres><KodKraju>PL</KodKraju><AdresL1>ul. Testowa 1</AdresL1><AdresL2>00-001 Warszawa</AdresL2></Adres><JST>2</JST><GV>2</GV></Podmiot2><Fa><KodWaluty>PLN</KodWaluty><P_1>${s.issueDate}</P_1><P_2>${esc(s.number)}</P_2><P_6>${s.issueDate}</P_6>${sums}<P_15>${money(gross)}</P_15><Adnotacje><P_16>2</P_16><P_17>2</P_17><P_18>2</P_18><P_18A>2</P_18A><Zwolnienie><P_19N>1</P_19N></Zwolnienie><NoweSrodkiTransportu><P_22N>1</P_22N></NoweSrodkiTransportu><P_23>2</P_23><PMarzy><P_PMarzyN>1</P_PMarzyN></PMarzy></Adnotacje>${kor}${rows.join('')}${pay}</Fa></Faktura>`;
}

/** Days before `ms` as a Warsaw date. */
const daysBefore = (ms: number, d: number) => warsawDate(ms - d * 86_400_000);

export interface SeedOptions {
  buyerNip: string;
  count: number;
  /** Spread issue dates over this many days back (default 40: this month and the last). */
  spreadDays?: number | undefined;
  /** Make every n-th invoice a correction of the one before (default 0: none). */
  correctionEvery?: number | undefined;
  prefix?: string | undefined;
}

/**
 * Registers `count` received invoices for `buyerNip`. Their permanent-storage dates follow now, one
 * millisecond apart (visible `count` ms later), so none falls below a mark already handed out and
 * no two share a date.
 */
export function seedIncoming(
  sim: Sim,
  o: SeedOptions,
): { ksefNumber: string; invoiceNumber: string; invoiceHash: string }[] {
  const now = sim.now();
  const out: { ksefNumber: string; invoiceNumber: string; invoiceHash: string }[] = [];
  const sessions = new Map<string, ReturnType<typeof newSession>>();
  const prefix = o.prefix ?? `ZAK/${now.toString(36).toUpperCase()}`;
  let prev: { number: string; issueDate: string; ksefNumber: string } | undefined;
  for (let i = 0; i < o.count; i++) {
    const sup = SUPPLIERS[i % SUPPLIERS.length]!;
    let session = sessions.get(sup.nip);
    if (!session) {
      const auth: AuthOp = {
        referenceNumber: sim.ref('AU', now),
        startMs: now,
        method: 'Token',
        contextType: 'Nip',
        contextValue: sup.nip,
        result: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' },
        permissions: ['InvoiceWrite'],
        subject: { type: 'Nip', value: sup.nip },
        authMethod: 'Token',
        redeemed: true,
        revoked: false,
      };
      session = newSession(sim, 'online', auth, undefined, new Uint8Array(16));
      session.closedMs = now;
      sessions.set(sup.nip, session);
    }
    const issueDate = daysBefore(now, (i * 7) % Math.max(1, o.spreadDays ?? 40));
    const number = `${prefix}/${i + 1}`;
    const line = LINES[i % LINES.length]!;
    const second = LINES[(i + 2) % LINES.length]!;
    const corrects =
      o.correctionEvery && prev && (i + 1) % o.correctionEvery === 0
        ? { ...prev, reason: 'Rabat potransakcyjny' }
        : undefined;
    const xml = new TextEncoder().encode(
      incomingFa3({
        sellerNip: sup.nip,
        sellerName: sup.name,
        sellerAddress: [sup.l1, sup.l2],
        buyerNip: o.buyerNip,
        buyerName: 'Nabywca testowy',
        number,
        issueDate,
        lines: corrects
          ? [{ ...line, qty: 1, price: -10 }]
          : [
              { ...line, qty: 1 + (i % 5) },
              { ...second, qty: 2 },
            ],
        bankAccount: '61109010140000071219812874',
        dueDate: daysBefore(now, -14),
        corrects,
      }),
    );
    const invoicingMs = now;
    const permanentMs = now + 1 + i;
    const inv: InvoiceRec = {
      ordinalNumber: session.invoices.length + 1,
      referenceNumber: sim.ref('EE', now),
      sessionReferenceNumber: session.referenceNumber,
      invoiceHash: sha256b64(xml),
      invoicingMs,
      t150: invoicingMs,
      tFinal: invoicingMs,
      result: invoiceStatus(200),
      invoiceNumber: number,
      sellerNip: sup.nip,
      issueDate,
      ksefNumber: ksefNumber(sup.nip, invoicingMs, (n) => sim.random(n)),
      invoicingMode: issueDate < warsawDate(invoicingMs) ? 'Offline' : 'Online',
      permanentMs,
      xml,
      partyNips: [sup.nip, o.buyerNip],
    };
    session.invoices.push(inv);
    sim.store.registry.set(`${sup.nip}|${number}|${corrects ? 'KOR' : 'VAT'}`, {
      ksefNumber: inv.ksefNumber!,
      sessionReferenceNumber: session.referenceNumber,
    });
    out.push({ ksefNumber: inv.ksefNumber!, invoiceNumber: number, invoiceHash: inv.invoiceHash });
    prev = { number, issueDate, ksefNumber: inv.ksefNumber! };
  }
  return out;
}
