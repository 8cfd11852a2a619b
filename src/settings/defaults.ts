import type { Settings } from '../messaging';

/** What a fresh install starts with: TEST environment (safe), Polish UI, nothing sent automatically. */
export const DEFAULT_SETTINGS: Settings = {
  env: 'test',
  nip: '',
  seller: { name: '', addressL1: '', addressL2: '', countryCode: 'PL' },
  autoSend: false,
  oss: false,
  enabledSeries: null,
  rateRules: { euVatBuyerZero: '0 WDT', nonEuZero: '0 EX', exemption: null },
  offlineCertificate: null,
  uiLang: 'pl',
  ksefNumberToBase: null,
  stampedPdfToBase: null,
};
