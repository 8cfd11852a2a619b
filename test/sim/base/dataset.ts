/**
 * Realistic, fictitious Base invoices in the RAW shape the Base API returns (docs/base.md §1.2, §1.11):
 * snake_case, some numbers as strings, "" for empty values. The demo month covers every case of
 * `makeMonthDataset` generates bulk months deterministically (seeded by the month).
 * All names, NIPs and addresses are invented; NIPs have valid checksums unless a case says otherwise.
 */

export type RawItem = {
  name: string;
  sku: string;
  ean: string;
  price_brutto: number | string;
  price_netto: number | string;
  tax_rate: number | string;
  quantity: number | string;
  is_shipment: number;
  order_product_id: number | string;
};

export type RawInvoice = {
  invoice_id: number;
  order_id: number | string;
  series_id: number | string;
  type: 'normal' | 'correcting';
  number: string;
  sub_id: number;
  month: number;
  year: number;
  postfix: string;
  date_add: number;
  date_sell: number;
  date_pay_to: number;
  currency: string;
  total_price_brutto: number | string;
  total_price_netto: number | string;
  payment: string;
  additional_info: string;
  invoice_fullname: string;
  invoice_company: string;
  invoice_nip: string;
  invoice_address: string;
  invoice_postcode: string;
  invoice_city: string;
  invoice_country: string;
  invoice_country_code: string;
  seller: string;
  issuer: string;
  correcting_to_invoice_id: number;
  correcting_reason: string;
  correcting_items: boolean;
  correcting_data: boolean;
  external_invoice_number: string;
  external_id: string;
  exchange_currency: string;
  exchange_rate: number | string;
  exchange_date: string;
  exchange_info: string;
  gov_id: string;
  gov_date: number;
  gov_status: number;
  items: RawItem[];
};

export type RawSeries = {
  id: number | string;
  type: 'INVOICE' | 'CORRECTION' | 'RECEIPT';
  name: string;
  format: string;
};

/** What a demo invoice is meant to exercise, and whether the FA(3) builder should accept it. */
export type DemoCase = {
  invoiceId: number;
  kind: string;
  /** Expected builder error code when the invoice is deliberately defective. */
  expectError?: string;
  /** Needs the OSS option. */
  oss?: boolean;
  /** Needs an NBP rate (Base did not convert). */
  needsNbp?: boolean;
};

export interface BaseDataset {
  series: RawSeries[];
  invoices: RawInvoice[];
  /** Only for the demo dataset. */
  cases?: DemoCase[];
}

/** The demo seller (fictitious; checksum-valid NIP). Use it as the extension's seller settings. */
export const DEMO_SELLER = {
  nip: '7251266236',
  name: 'Pracownia Łódzka Demo Sp. z o.o.',
  addressL1: 'ul. Piotrkowska 120/4',
  addressL2: '90-006 Łódź',
  countryCode: 'PL',
} as const;

/** The demo seller as the extension's settings hold it: what every test and the demo configure. */
export const DEMO_SELLER_SETTINGS = {
  nip: DEMO_SELLER.nip,
  seller: {
    name: DEMO_SELLER.name,
    addressL1: DEMO_SELLER.addressL1,
    addressL2: DEMO_SELLER.addressL2,
    countryCode: 'PL',
  },
} as const;

const SELLER_TEXT = `${DEMO_SELLER.name}\r\n${DEMO_SELLER.addressL1}\r\n${DEMO_SELLER.addressL2}\r\nNIP: ${DEMO_SELLER.nip}`;

export const DEMO_SERIES: RawSeries[] = [
  { id: '3001', type: 'INVOICE', name: 'FV krajowe', format: '%N/%M/%Y/FV' },
  { id: '3002', type: 'INVOICE', name: 'FV eksport/UE', format: '%N/%M/%Y/EXP' },
  { id: '3003', type: 'INVOICE', name: 'FV OSS', format: '%N/%M/%Y/OSS' },
  { id: '3004', type: 'CORRECTION', name: 'Korekty', format: '%N/%M/%Y/KOR' },
  { id: '3005', type: 'INVOICE', name: 'FV KSeF Base', format: '%N/%M/%Y/BL' },
  { id: '3006', type: 'RECEIPT', name: 'Paragony', format: '%N/%M/%Y/PAR' },
];

const POSTFIX: Record<number, string> = { 3001: 'FV', 3002: 'EXP', 3003: 'OSS', 3004: 'KOR', 3005: 'BL' };

/** Unix seconds for a Warsaw wall-clock time (CET in Nov–Mar, CEST otherwise: last Sunday rules). */
export function warsawUnix(y: number, m: number, d: number, hh = 12, mm = 0): number {
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const summer =
    (m > 3 && m < 10) ||
    (m === 3 && d > lastSunday(3)) ||
    (m === 10 && d < lastSunday(10)) ||
    (m === 3 && d === lastSunday(3) && hh >= 2) ||
    (m === 10 && d === lastSunday(10) && hh < 3);
  return Date.UTC(y, m - 1, d, hh - (summer ? 2 : 1), mm) / 1000;
}

const r2 = (x: number) => Math.round(x * 100 + Number.EPSILON * Math.sign(x) * 100) / 100;
const grosz = (x: number) => Math.round(Number((x * 100).toFixed(6)));

type ItemSpec = {
  name: string;
  gross?: number;
  net?: number;
  rate: number;
  qty?: number;
  sku?: string;
  ean?: string;
  ship?: boolean;
};

/** Items plus totals the way Base presents them: `gross` specs sum from gross (art. 106e ust. 7),
 * `net` specs from net; specials (-1 ZW, -0.02 NP, -0.03 OO) are untaxed. */
function makeItems(
  specs: ItemSpec[],
  opId: number,
  mode: 'gross' | 'net',
): { items: RawItem[]; gross: number; net: number } {
  const items: RawItem[] = [];
  const byRate = new Map<number, { g: number; n: number }>();
  specs.forEach((s, i) => {
    const rate = Math.max(s.rate, 0);
    const qty = s.qty ?? 1;
    const net = s.net ?? r2((s.gross ?? 0) / (1 + rate / 100));
    const gross = s.gross ?? r2(net * (1 + rate / 100));
    items.push({
      name: s.name,
      sku: s.sku ?? '',
      ean: s.ean ?? '',
      price_brutto: gross,
      price_netto: Number(net.toFixed(4)),
      tax_rate: s.rate,
      quantity: qty,
      is_shipment: s.ship ? 1 : 0,
      order_product_id: s.ship ? 0 : opId * 10 + i,
    });
    const b = byRate.get(s.rate) ?? { g: 0, n: 0 };
    b.g += grosz(gross) * qty;
    b.n += grosz(net) * qty;
    byRate.set(s.rate, b);
  });
  let g = 0;
  let n = 0;
  for (const [rate, b] of byRate) {
    const rr = Math.max(rate, 0);
    if (mode === 'gross') {
      const vat = Math.sign(b.g) * Math.round((Math.abs(b.g) * rr) / (100 + rr));
      g += b.g;
      n += b.g - vat;
    } else {
      const vat = Math.sign(b.n) * Math.round((Math.abs(b.n) * rr) / 100);
      n += b.n;
      g += b.n + vat;
    }
  }
  return { items, gross: g / 100, net: n / 100 };
}

type Buyer = Pick<
  RawInvoice,
  | 'invoice_fullname'
  | 'invoice_company'
  | 'invoice_nip'
  | 'invoice_address'
  | 'invoice_postcode'
  | 'invoice_city'
  | 'invoice_country'
  | 'invoice_country_code'
>;

const buyer = (
  company: string,
  fullname: string,
  nip: string,
  address: string,
  postcode: string,
  city: string,
  country: string,
  cc: string,
): Buyer => ({
  invoice_company: company,
  invoice_fullname: fullname,
  invoice_nip: nip,
  invoice_address: address,
  invoice_postcode: postcode,
  invoice_city: city,
  invoice_country: country,
  invoice_country_code: cc,
});

interface Spec {
  id: number;
  series: number;
  day: number;
  hh?: number;
  mm?: number;
  sellDay?: number | undefined;
  payDays?: number;
  buyer: Buyer;
  items: ItemSpec[];
  mode?: 'gross' | 'net';
  payment?: string | undefined;
  currency?: string;
  exchange?: { rate: number; date: string; table: string };
  correcting?: { of: number; reason: string };
  gov?: { status: number; id: string };
  info?: string;
  /** Applied last, to make a deliberately defective record. */
  patch?: Partial<RawInvoice>;
}

function makeInvoice(s: Spec, seq: Map<number, number>, year: number, month: number): RawInvoice {
  const sub = (seq.get(s.series) ?? 0) + 1;
  seq.set(s.series, sub);
  const { items, gross, net } = makeItems(s.items, s.id, s.mode ?? 'gross');
  const dateAdd = warsawUnix(year, month, s.day, s.hh ?? 11, s.mm ?? 15);
  const inv: RawInvoice = {
    invoice_id: s.id,
    order_id: String(7_000_000 + s.id),
    series_id: String(s.series),
    type: s.correcting ? 'correcting' : 'normal',
    number: `${sub}/${String(month).padStart(2, '0')}/${year}/${POSTFIX[s.series] ?? 'FV'}`,
    sub_id: sub,
    month,
    year,
    postfix: POSTFIX[s.series] ?? 'FV',
    date_add: dateAdd,
    date_sell: s.sellDay === 0 ? 0 : warsawUnix(year, month, s.sellDay ?? s.day, 9, 0),
    date_pay_to: s.payDays ? dateAdd + s.payDays * 86400 : 0,
    currency: s.currency ?? 'PLN',
    total_price_brutto: gross,
    total_price_netto: net,
    payment: s.payment ?? 'Przelew',
    additional_info: s.info ?? '',
    ...s.buyer,
    seller: SELLER_TEXT,
    issuer: 'Marta Wiśniewska',
    correcting_to_invoice_id: s.correcting?.of ?? 0,
    correcting_reason: s.correcting?.reason ?? '',
    correcting_items: !!s.correcting,
    correcting_data: false,
    external_invoice_number: '',
    external_id: '',
    exchange_currency: s.exchange ? 'PLN' : '',
    exchange_rate: s.exchange ? s.exchange.rate : '',
    exchange_date: s.exchange?.date ?? '',
    exchange_info: s.exchange?.table ?? '',
    gov_id: s.gov?.id ?? '',
    gov_date: s.gov ? dateAdd + 3600 : 0,
    gov_status: s.gov?.status ?? 0,
    items,
  };
  return { ...inv, ...(s.patch ?? {}) };
}

const PL_B2B = [
  buyer('Nowak Serwis Sp. z o.o.', 'Anna Nowak', '5261297912', 'ul. Prosta 12/4', '00-850', 'Warszawa', 'Polska', 'PL'),
  buyer(
    'Kowalczyk i Syn s.c.',
    'Piotr Kowalczyk',
    'PL 113-126-62-36',
    'ul. Grochowska 5',
    '04-186',
    'Warszawa',
    'Polska',
    'PL',
  ),
  buyer(
    'Żabiński Meble Sp. j.',
    'Łukasz Żabiński',
    '679-125-83-17',
    'os. Centrum C 7',
    '31-929',
    'Kraków',
    'Polska',
    'PL',
  ),
  buyer(
    'Gdańska Hurtownia Elektryczna S.A.',
    '',
    '5831313750',
    'ul. Grunwaldzka 411',
    '80-309',
    'Gdańsk',
    'Polska',
    'PL',
  ),
  buyer(
    'Biuro Rachunkowe „Księga” Ewa Dąbrowska',
    'Ewa Dąbrowska',
    '8921606753',
    'ul. Szeroka 2',
    '87-100',
    'Toruń',
    'Polska',
    'PL',
  ),
  buyer('Ogrody Śląskie Sp. z o.o.', '', '6341258317', 'ul. Korfantego 11', '40-004', 'Katowice', 'Polska', 'PL'),
];

const PL_B2C = [
  buyer('', 'Katarzyna Wójcik', '', 'ul. Lipowa 3/12', '15-427', 'Białystok', 'Polska', 'PL'),
  buyer('', 'Jan Zieliński', '', 'ul. Ogrodowa 8', '61-821', 'Poznań', 'Polska', 'PL'),
  buyer('', 'Małgorzata Szymańska', '', 'ul. Słoneczna 44', '20-601', 'Lublin', 'Polska', 'PL'),
  buyer('', 'Tomasz Lewandowski', '', 'al. Niepodległości 101', '02-626', 'Warszawa', 'Polska', 'PL'),
  buyer('', 'Zofia Kamińska', '', '', '', '', '', 'PL'),
];

const SHIP = (gross: number, name = 'Kurier DPD'): ItemSpec => ({ name, gross, rate: 23, ship: true });
const SHIP_SPECIAL = (gross: number, rate: number, name = 'Wysyłka'): ItemSpec => ({ name, gross, rate, ship: true });

/** KSeF numbers of the invoices Base's own integration sent (fictitious, format per the XSD). */
export const DEMO_GOV_IDS = {
  accepted: '7251266236-20261103-0A1B2C3D4E5F-A7',
  sent: '7251266236-20261104-1F2E3D4C5B6A-3C',
  offline: '7251266236-20261105-00AA11BB22CC-5D',
} as const;

/** The demo month (November 2026): about 50 invoices over several series, every case the FA(3) builder distinguishes (src/fa3/README.md). */
export function makeDemoDataset(): BaseDataset {
  const Y = 2026;
  const M = 11;
  const seq = new Map<number, number>();
  const specs: Spec[] = [];
  const cases: DemoCase[] = [];
  let id = 48_300_000;
  const add = (kind: string, s: Omit<Spec, 'id'>, extra: Omit<DemoCase, 'invoiceId' | 'kind'> = {}) => {
    id += 1;
    specs.push({ ...s, id });
    cases.push({ invoiceId: id, kind, ...extra });
    return id;
  };

  // Base's own KSeF integration already owns these (gov_status 2 Accepted, 1 Sent, 5 Offline).
  const govAccepted = add('base-ksef-accepted', {
    series: 3005,
    day: 3,
    buyer: PL_B2B[0]!,
    payDays: 14,
    items: [
      { name: 'Wiertarka udarowa X200', gross: 615, rate: 23, qty: 2, sku: 'WX200', ean: '5901234123457' },
      SHIP(18.45),
    ],
    gov: { status: 2, id: DEMO_GOV_IDS.accepted },
  });
  add('base-ksef-sent', {
    series: 3005,
    day: 4,
    buyer: PL_B2B[1]!,
    items: [{ name: 'Szlifierka kątowa 125 mm', gross: 249.99, rate: 23, sku: 'SK125' }],
    gov: { status: 1, id: DEMO_GOV_IDS.sent },
  });
  add('base-ksef-offline', {
    series: 3005,
    day: 5,
    buyer: PL_B2C[0]!,
    payment: 'Blik',
    items: [{ name: 'Zestaw wierteł 19 szt.', gross: 59.9, rate: 23 }, SHIP(12.99, 'InPost Paczkomat')],
    gov: { status: 5, id: DEMO_GOV_IDS.offline },
  });

  // Domestic B2B with NIP, 23 % with shipping, some priced net (B2B price lists), long names, many lines.
  for (let i = 0; i < 12; i++) {
    const b = PL_B2B[i % PL_B2B.length]!;
    const net = i % 3 === 0;
    add(net ? 'pl-b2b-net' : 'pl-b2b', {
      series: 3001,
      day: 2 + i,
      buyer: b,
      payDays: i % 2 ? 7 : 14,
      mode: net ? 'net' : 'gross',
      payment: ['Przelew', 'Przelew 14 dni', 'Karta płatnicza', 'Przelew'][i % 4],
      items: net
        ? [
            { name: 'Przewód YDYp 3x2,5 mm² (krążek 100 m)', net: 389.5, rate: 23, qty: 3 + i, sku: `YDY-${i}` },
            { name: 'Puszka podtynkowa fi60', net: 0.87, rate: 23, qty: 150 },
            { name: 'Transport paletowy', net: 120, rate: 23, ship: true },
          ]
        : [
            {
              name: `Regał magazynowy RM-${180 + i} ocynk`,
              gross: 329 + i * 10.33,
              rate: 23,
              qty: 1 + (i % 4),
              sku: `RM${180 + i}`,
              ean: '5907512345675',
            },
            { name: 'Półka dodatkowa 90×40 cm', gross: 45.5, rate: 23, qty: 4 },
            SHIP(i % 2 ? 0 : 36.9),
          ],
    });
  }
  add('pl-b2b-long-names-many-lines', {
    series: 3001,
    day: 16,
    buyer: PL_B2B[3]!,
    payDays: 30,
    items: Array.from({ length: 60 }, (_, k) => ({
      name: `Złączka wciskowa „Ø${16 + (k % 5) * 4} mm” — kolano 90°, mosiądz CW617N, do rur PEX/AL/PEX, seria ${k + 1} (opakowanie zbiorcze, cena za sztukę) ${'ąęłńóśźż'.repeat(8)}`,
      gross: Number((1.23 + k * 0.37).toFixed(2)),
      rate: 23,
      qty: 1 + (k % 7),
      sku: `ZW-${String(k).padStart(3, '0')}`,
    })),
  });

  // B2C without NIP: mixed 23/8/5 %, cash on delivery, card, BLIK; one created at 00:30 Warsaw time.
  const b2cItems: ItemSpec[][] = [
    [
      { name: 'Kawa ziarnista Brazylia 1 kg', gross: 74.99, rate: 5 },
      { name: 'Młynek ręczny', gross: 129, rate: 23 },
      SHIP(14.99, 'InPost Paczkomat'),
    ],
    [
      { name: 'Książka „Ogród przez cały rok”', gross: 49.9, rate: 5 },
      { name: 'Nasiona pomidora Malinowy Ożarowski', gross: 4.99, rate: 8, qty: 6 },
    ],
    [
      { name: 'Herbata zielona Sencha 100 g', gross: 18.5, rate: 5, qty: 3 },
      { name: 'Czajnik żeliwny 0,8 l', gross: 159, rate: 23 },
      SHIP(19.9, 'Poczta Polska'),
    ],
    [
      { name: 'Sekator nożycowy', gross: 89.99, rate: 23 },
      { name: 'Rękawice ogrodowe', gross: 12.49, rate: 23, qty: 2 },
    ],
  ];
  const payments = ['Za pobraniem', 'Karta płatnicza', 'Blik', 'Przelewy24', 'Gotówka'];
  for (let i = 0; i < 10; i++) {
    add('pl-b2c', {
      series: 3001,
      day: 2 + i * 2,
      hh: i === 0 ? 0 : 10 + (i % 8),
      mm: i === 0 ? 30 : 5,
      sellDay: i === 0 ? 1 : undefined,
      buyer: PL_B2C[i % PL_B2C.length]!,
      payment: payments[i % payments.length],
      items: b2cItems[i % b2cItems.length]!,
    });
  }

  // EU business buyers with a VAT ID: intra-Community supply at 0 % (WDT).
  add('eu-wdt', {
    series: 3002,
    day: 6,
    buyer: buyer(
      'Müller Handel GmbH',
      'Jürgen Müller',
      'DE123456789',
      'Hauptstraße 5',
      '10115',
      'Berlin',
      'Niemcy',
      'DE',
    ),
    payDays: 30,
    mode: 'net',
    items: [{ name: 'Regał magazynowy RM-200', net: 540, rate: 0, qty: 10 }, SHIP_SPECIAL(350, 0, 'Transport DE')],
  });
  add('eu-wdt', {
    series: 3002,
    day: 9,
    buyer: buyer('Novák s.r.o.', '', 'CZ12345678', 'Václavské náměstí 1', '110 00', 'Praha', 'Czechy', 'CZ'),
    payDays: 14,
    mode: 'net',
    items: [{ name: 'Półka dodatkowa 90×40 cm', net: 37, rate: 0, qty: 40 }],
  });
  add('eu-wdt-greece', {
    series: 3002,
    day: 12,
    buyer: buyer('Papadopoulos A.E.', '', 'EL094259216', 'Odos Ermou 10', '105 63', 'Athina', 'Grecja', 'GR'),
    payDays: 14,
    mode: 'net',
    items: [{ name: 'Regał narożny', net: 410, rate: 0, qty: 2 }],
  });

  // Non-EU export at 0 % (EX).
  add('export-ex', {
    series: 3002,
    day: 7,
    buyer: buyer(
      'Smith Tools Ltd',
      'John Smith',
      'GB123456789',
      '221B Baker Street',
      'NW1 6XE',
      'London',
      'Wielka Brytania',
      'GB',
    ),
    payment: 'PayPal',
    mode: 'net',
    items: [{ name: 'Wiertarka udarowa X200', net: 500, rate: 0, qty: 4 }, SHIP_SPECIAL(180, 0, 'Transport UK')],
  });
  add('export-ex', {
    series: 3002,
    day: 13,
    buyer: buyer('Acme Hardware Inc.', '', '', '1200 Market St', '94103', 'San Francisco', 'USA', 'US'),
    payment: 'PayPal',
    mode: 'net',
    items: [{ name: 'Zestaw wierteł 19 szt.', net: 48.7, rate: 0, qty: 25 }],
  });
  add('export-ex', {
    series: 3002,
    day: 18,
    buyer: buyer('Fjord Bygg AS', '', 'NO912345678MVA', 'Storgata 3', '0155', 'Oslo', 'Norwegia', 'NO'),
    mode: 'net',
    items: [{ name: 'Sekator nożycowy', net: 73.16, rate: 0, qty: 12 }],
  });

  // OSS distance sales to consumers in DE (19 %) and FR (20 %, 5.5 % books), in EUR.
  add(
    'oss-de',
    {
      series: 3003,
      day: 8,
      currency: 'EUR',
      payment: 'PayPal',
      buyer: buyer('', 'Lena Schmidt', '', 'Lindenweg 7', '80331', 'München', 'Niemcy', 'DE'),
      items: [
        { name: 'Kaffeemühle manuell', gross: 35.7, rate: 19 },
        { name: 'Kaffeebohnen Brasilien 1 kg', gross: 21.4, rate: 7 },
        SHIP_SPECIAL(5.95, 19, 'Versand DHL'),
      ],
    },
    { oss: true },
  );
  add(
    'oss-fr',
    {
      series: 3003,
      day: 10,
      currency: 'EUR',
      payment: 'Karta płatnicza',
      buyer: buyer('', 'Élodie Lefèvre', '', '12 rue de la Paix', '75002', 'Paris', 'Francja', 'FR'),
      items: [
        { name: 'Théière en fonte 0,8 l', gross: 42, rate: 20 },
        { name: 'Livre « Le jardin toute l’année »', gross: 12.66, rate: 5.5 },
      ],
    },
    { oss: true },
  );
  add(
    'oss-de',
    {
      series: 3003,
      day: 20,
      currency: 'EUR',
      payment: 'PayPal',
      buyer: buyer('', 'Max Weber', '', 'Bahnhofstr. 1', '01067', 'Dresden', 'Niemcy', 'DE'),
      items: [{ name: 'Gartenschere', gross: 23.8, rate: 19, qty: 2 }],
    },
    { oss: true },
  );

  // EUR invoices to a Polish business: Base converted one (exchange_*), the other needs NBP.
  add('eur-base-rate', {
    series: 3001,
    day: 14,
    currency: 'EUR',
    buyer: PL_B2B[5]!,
    payDays: 14,
    mode: 'net',
    exchange: { rate: 4.2711, date: '2026-11-13', table: '221/A/NBP/2026' },
    items: [
      { name: 'Szklarnia poliwęglanowa 3×4 m', net: 1200, rate: 23 },
      { name: 'Montaż szklarni', net: 300, rate: 8 },
    ],
  });
  add(
    'eur-nbp-rate',
    {
      series: 3001,
      day: 17,
      currency: 'EUR',
      buyer: PL_B2B[4]!,
      payDays: 14,
      mode: 'net',
      items: [{ name: 'Licencja oprogramowania magazynowego (12 mies.)', net: 990, rate: 23 }],
    },
    { needsNbp: true },
  );

  // ZW / NP / OO items.
  add('zw-training', {
    series: 3001,
    day: 15,
    buyer: PL_B2B[4]!,
    payDays: 7,
    items: [
      { name: 'Szkolenie BHP dla pracowników (usługa zwolniona)', gross: 800, rate: -1 },
      { name: 'Materiały szkoleniowe', gross: 61.5, rate: 23 },
    ],
  });
  add('np-service-eu', {
    series: 3002,
    day: 16,
    buyer: buyer(
      'Müller Handel GmbH',
      'Jürgen Müller',
      'DE123456789',
      'Hauptstraße 5',
      '10115',
      'Berlin',
      'Niemcy',
      'DE',
    ),
    payDays: 30,
    mode: 'net',
    items: [{ name: 'Usługa projektowa: aranżacja magazynu', net: 2500, rate: -0.02 }],
  });
  add('np-outside', {
    series: 3002,
    day: 19,
    buyer: buyer('Acme Hardware Inc.', '', '', '1200 Market St', '94103', 'San Francisco', 'USA', 'US'),
    mode: 'net',
    items: [{ name: 'Montaż regałów w magazynie klienta (poza UE)', net: 4000, rate: -0.02 }],
  });
  add('oo-reverse-charge', {
    series: 3001,
    day: 21,
    buyer: PL_B2B[3]!,
    payDays: 14,
    mode: 'net',
    items: [{ name: 'Złom miedziany (odwrotne obciążenie)', net: 3150, rate: -0.03 }],
  });

  // Corrections: of an invoice Base's integration sent (KSeF number from gov_id), and of one of ours.
  add('correction-of-base-ksef', {
    series: 3004,
    day: 22,
    buyer: PL_B2B[0]!,
    correcting: { of: govAccepted, reason: 'Zwrot towaru' },
    items: [{ name: 'Wiertarka udarowa X200', gross: -615, rate: 23 }],
  });
  const ours = specs.find((s) => s.series === 3001 && s.buyer === PL_B2B[1])!.id;
  add('correction-of-extension-invoice', {
    series: 3004,
    day: 23,
    buyer: PL_B2B[1]!,
    correcting: { of: ours, reason: 'Rabat posprzedażowy' },
    items: [{ name: 'Rabat 5% do faktury', gross: -49.35, rate: 23 }],
  });

  // Deliberately defective records: the builder must refuse them with a specific error.
  add(
    'bad-buyer-nip',
    {
      series: 3001,
      day: 24,
      buyer: buyer('Pomyłka Handel Sp. z o.o.', '', '5261297913', 'ul. Krzywa 1', '00-001', 'Warszawa', 'Polska', 'PL'),
      items: [{ name: 'Wiertarka udarowa X200', gross: 615, rate: 23 }],
    },
    { expectError: 'BUYER_NIP_INVALID' },
  );
  add('no-items', { series: 3001, day: 24, buyer: PL_B2C[1]!, items: [] }, { expectError: 'ITEMS_EMPTY' });
  add(
    'totals-mismatch',
    {
      series: 3001,
      day: 25,
      buyer: PL_B2C[2]!,
      items: [{ name: 'Sekator nożycowy', gross: 89.99, rate: 23 }],
      patch: { total_price_brutto: '99.99', total_price_netto: '81.29' },
    },
    { expectError: 'TOTALS_MISMATCH' },
  );
  add(
    'oss-rate-without-oss',
    {
      series: 3001,
      day: 26,
      currency: 'EUR',
      buyer: buyer('', 'Paul Martin', '', '3 rue Victor Hugo', '69002', 'Lyon', 'Francja', 'FR'),
      items: [{ name: 'Théière en fonte 0,8 l', gross: 42, rate: 20 }],
    },
    { expectError: 'ITEM_RATE_UNSUPPORTED' },
  );

  // Quirks: numbers as strings, "" empty numerics, no sale date.
  add('pl-b2b-string-numbers', {
    series: 3001,
    day: 27,
    sellDay: 0,
    buyer: PL_B2B[2]!,
    payDays: 14,
    items: [{ name: 'Biurko dębowe 160 cm', gross: 1599, rate: 23 }, SHIP(79, 'Transport meblowy')],
    patch: { total_price_brutto: '1678.00', total_price_netto: '1364.23', date_pay_to: 0 },
  });

  const invoices = specs.map((s) => makeInvoice(s, seq, Y, M));
  // Stringify the item numbers of the "string numbers" case, as Base sometimes does.
  const quirky = invoices.find((i) => i.invoice_id === id)!;
  quirky.items = quirky.items.map((it) => ({
    ...it,
    price_brutto: String(it.price_brutto),
    price_netto: String(it.price_netto),
    tax_rate: String(it.tax_rate),
    quantity: String(it.quantity),
    order_product_id: String(it.order_product_id),
  }));
  return { series: DEMO_SERIES.map((s) => ({ ...s })), invoices, cases };
}

/** Deterministic PRNG (mulberry32) so a generated month is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS: ItemSpec[] = [
  { name: 'Wiertarka udarowa X200', gross: 615, rate: 23, sku: 'WX200' },
  { name: 'Kawa ziarnista Brazylia 1 kg', gross: 74.99, rate: 5 },
  { name: 'Nasiona pomidora Malinowy Ożarowski', gross: 4.99, rate: 8 },
  { name: 'Regał magazynowy RM-180', gross: 329, rate: 23, sku: 'RM180' },
  { name: 'Książka „Ogród przez cały rok”', gross: 49.9, rate: 5 },
  { name: 'Sekator nożycowy', gross: 89.99, rate: 23 },
  { name: 'Rękawice ogrodowe', gross: 12.49, rate: 23 },
  { name: 'Herbata zielona Sencha 100 g', gross: 18.5, rate: 5 },
];

/** `count` valid domestic invoices (B2B and B2C) spread over `month` ("YYYY-MM"), ids from 50,000,000. */
export function makeMonthDataset(month: string, count: number): BaseDataset {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM, got ${month}`);
  const Y = Number(m[1]);
  const M = Number(m[2]);
  const days = new Date(Date.UTC(Y, M, 0)).getUTCDate();
  const rnd = mulberry32(Y * 100 + M);
  const seq = new Map<number, number>();
  const invoices: RawInvoice[] = [];
  for (let i = 0; i < count; i++) {
    const b2b = rnd() < 0.4;
    const n = 1 + Math.floor(rnd() * 4);
    const items: ItemSpec[] = [];
    for (let k = 0; k < n; k++) {
      const p = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!;
      items.push({ ...p, qty: 1 + Math.floor(rnd() * 3) });
    }
    if (rnd() < 0.7) items.push(SHIP(rnd() < 0.5 ? 14.99 : 19.9));
    const day = 1 + Math.floor((i * days) / Math.max(count, 1));
    const spec: Spec = {
      id: 50_000_000 + i + 1,
      series: 3001,
      day,
      hh: 8 + Math.floor(rnd() * 12),
      mm: Math.floor(rnd() * 60),
      buyer: b2b ? PL_B2B[i % PL_B2B.length]! : PL_B2C[i % PL_B2C.length]!,
      payDays: b2b ? 14 : 0,
      payment: b2b ? 'Przelew' : payments2[i % payments2.length],
      items,
    };
    invoices.push(makeInvoice(spec, seq, Y, M));
  }
  return { series: DEMO_SERIES.map((s) => ({ ...s })), invoices };
}

const payments2 = ['Za pobraniem', 'Karta płatnicza', 'Blik', 'Przelewy24'];

/** Totals the way the demo data computes them (per rate, from gross), for invoices added at run time. */
export function totalsOfItems(items: RawItem[]): { gross: number; net: number } {
  const byRate = new Map<number, number>();
  for (const it of items) {
    const r = Number(it.tax_rate);
    byRate.set(r, (byRate.get(r) ?? 0) + grosz(Number(it.price_brutto)) * Number(it.quantity));
  }
  let g = 0;
  let n = 0;
  for (const [rate, b] of byRate) {
    const rr = Math.max(rate, 0);
    const vat = Math.sign(b) * Math.round((Math.abs(b) * rr) / (100 + rr));
    g += b;
    n += b - vat;
  }
  return { gross: g / 100, net: n / 100 };
}
