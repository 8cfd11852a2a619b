/**
 * The summary slice: the popup's warning lines (src/pipeline/summary.ts), each counted with the
 * plural form its language wants (src/i18n/plural.ts).
 */
import type { Lang } from '../core/lang';
import { fill, type Params, type Texts } from './fill';
import { pluralForm } from './plural';

/** Warnings with a count, one key per plural form. */
export type CountedWarning = 'noCert' | 'rejected' | 'otherContext' | 'overdue';

export type SummaryKey = `${CountedWarning}.${'one' | 'few' | 'many'}` | 'notConfigured';

const pl: Record<SummaryKey, string> = {
  'noCert.one':
    '{n} faktura wysłana w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.',
  'noCert.few':
    '{n} faktury wysłane w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.',
  'noCert.many':
    '{n} faktur wysłanych w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.',
  'rejected.one': '{n} faktura odrzucona przez KSeF: popraw i wyślij ponownie.',
  'rejected.few': '{n} faktury odrzucone przez KSeF: popraw i wyślij ponownie.',
  'rejected.many': '{n} faktur odrzuconych przez KSeF: popraw i wyślij ponownie.',
  'otherContext.one':
    '{n} faktura z innych ustawień ({where}) w toku lub do sprawdzenia: ich wynik jest sprawdzany w tamtym środowisku.',
  'otherContext.few':
    '{n} faktury z innych ustawień ({where}) w toku lub do sprawdzenia: ich wynik jest sprawdzany w tamtym środowisku.',
  'otherContext.many':
    '{n} faktur z innych ustawień ({where}) w toku lub do sprawdzenia: ich wynik jest sprawdzany w tamtym środowisku.',
  'overdue.one':
    '{n} faktura nie trafiła do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.',
  'overdue.few':
    '{n} faktury nie trafiły do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.',
  'overdue.many':
    '{n} faktur nie trafiło do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.',
  notConfigured: 'Rozszerzenie nie jest skonfigurowane: podaj NIP sprzedawcy w ustawieniach.',
};

const en: Record<SummaryKey, string> = {
  'noCert.one':
    '{n} invoice sent offline without an Offline certificate: no KOD II. Add the certificate in the settings.',
  'noCert.few':
    '{n} invoices sent offline without an Offline certificate: no KOD II. Add the certificate in the settings.',
  'noCert.many':
    '{n} invoices sent offline without an Offline certificate: no KOD II. Add the certificate in the settings.',
  'rejected.one': '{n} invoice rejected by KSeF: fix it and send it again.',
  'rejected.few': '{n} invoices rejected by KSeF: fix them and send them again.',
  'rejected.many': '{n} invoices rejected by KSeF: fix them and send them again.',
  'otherContext.one':
    '{n} invoice from other settings ({where}) in progress or to check: its outcome is checked in that environment.',
  'otherContext.few':
    '{n} invoices from other settings ({where}) in progress or to check: their outcome is checked in that environment.',
  'otherContext.many':
    '{n} invoices from other settings ({where}) in progress or to check: their outcome is checked in that environment.',
  'overdue.one':
    '{n} invoice did not reach KSeF in time (the end of the next working day after issue): send it as soon as possible.',
  'overdue.few':
    '{n} invoices did not reach KSeF in time (the end of the next working day after issue): send them as soon as possible.',
  'overdue.many':
    '{n} invoices did not reach KSeF in time (the end of the next working day after issue): send them as soon as possible.',
  notConfigured: 'The extension is not configured: enter the seller NIP in the settings.',
};

export const SUMMARY_TEXTS: Texts<SummaryKey> = { pl, en };

/** A warning about `n` invoices in `lang`, in the plural form `n` takes. */
export function countedWarning(what: CountedWarning, n: number, lang: Lang, params?: Params): string {
  return fill(SUMMARY_TEXTS[lang][`${what}.${pluralForm(n, lang)}`], { ...params, n });
}

export function summaryText(key: SummaryKey, lang: Lang): string {
  return SUMMARY_TEXTS[lang][key];
}
