/**
 * The settings the pages edit and the worker reads (chrome.storage.local). Types only; re-exported
 * by src/messaging.ts.
 */

import type { KsefEnv } from '../core/env';
import type { Lang } from '../core/lang';
import type { KsefOutage } from '../time/deadlines';

/** Non-secret settings (chrome.storage.local). Secrets live encrypted in IndexedDB. */
export interface Settings {
  env: KsefEnv;
  /** Seller NIP (10 digits, checksum-valid). '' until configured. */
  nip: string;
  /** Seller data for Podmiot1. */
  seller: { name: string; addressL1: string; addressL2: string; countryCode: string };
  /** "Przekazuj faktury automatycznie". */
  autoSend: boolean;
  /** "Przekaż oznaczenie OSS". */
  oss: boolean;
  /** Numbering series that are sent; null until the user has seen the list (then all are on). */
  enabledSeries: string[] | null;
  /** VAT-rate rules for FA(3) (0% kinds, exemption basis). */
  rateRules: RateRulesSettings;
  /** What the Ministry announced (first and last day, kind): invoices issued then may be sent later. */
  ksefOutages?: KsefOutage[];
  /** Per numbering series (Base `series_id`): split payment and the VAT-margin scheme. */
  seriesRules?: Record<string, SeriesRules>;
  /** Chosen Offline certificate (from KSeF's list); the key itself is in the secret store. */
  offlineCertificate: { serialNumber: string; name: string; validFrom: string; validTo: string } | null;
  uiLang: Lang;
  /** After acceptance, write the KSeF number into this order extra field in Base (off: null/absent). */
  ksefNumberToBase?: { fieldId: string; fieldName: string } | null;
  /** After acceptance, upload the stamped PDF (KSeF number, QR) into this order file extra field (off: null/absent). */
  stampedPdfToBase?: { fieldId: string; fieldName: string } | null;
}

export interface RateRulesSettings {
  /** 0% to an EU buyer with a VAT id: intra-community supply (WDT) by default. */
  euVatBuyerZero: '0 WDT' | '0 KR';
  /** 0% to a buyer outside the EU: export (EX) by default. */
  nonEuZero: '0 EX' | '0 KR';
  /** Basis of a VAT exemption (`zw`), required by FA(3) P_19A/B/C. */
  exemption: { kind: 'P_19A' | 'P_19B' | 'P_19C'; text: string } | null;
}

/** FA(3) rules of one numbering series (Serie numeracji). */
export interface SeriesRules {
  /** "Mechanizm podzielonej płatności" (P_18A): over 15,000 PLN gross, on every invoice, or never (default). */
  splitPayment?: 'never' | 'over-15000' | 'always';
  /** "Procedura marży": travel agencies, used goods, works of art, collectors' items and antiques. */
  margin?: 'travel' | 'used' | 'art' | 'antiques';
}
