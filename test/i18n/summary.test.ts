/** The popup's warning lines: words in src/i18n/summary.ts, the plural form chosen by the UI language. */
import { describe, expect, it } from 'vitest';
import { pluralForm } from '../../src/i18n/plural';
import { type CountedWarning, countedWarning, SUMMARY_TEXTS } from '../../src/i18n/summary';
import { popupLists } from '../../src/pipeline/summary';

const plPlural = (n: number, one: string, few: string, many: string) => ({ one, few, many })[pluralForm(n, 'pl')];

import { live, newWorld, pipelineFor, summary } from '../pipeline/fakes';
import { polishIn } from './polish';

const WARNINGS: CountedWarning[] = ['noCert', 'rejected', 'otherContext', 'overdue'];

describe('summary warnings', () => {
  it('read in Polish as before, with the Polish plural', () => {
    // The sentences as the summary built them before their words moved into src/i18n.
    const before = (n: number) => ({
      noCert: `${n} ${plPlural(n, 'faktura wysłana', 'faktury wysłane', 'faktur wysłanych')} w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.`,
      rejected: `${n} ${plPlural(n, 'faktura odrzucona', 'faktury odrzucone', 'faktur odrzuconych')} przez KSeF: popraw i wyślij ponownie.`,
      otherContext: `${n} ${plPlural(n, 'faktura', 'faktury', 'faktur')} z innych ustawień (TEST, NIP 5265877635) w toku lub do sprawdzenia: ich wynik jest sprawdzany w tamtym środowisku.`,
      overdue: `${n} ${plPlural(n, 'faktura nie trafiła', 'faktury nie trafiły', 'faktur nie trafiło')} do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.`,
    });
    for (const n of [1, 2, 4, 5, 12, 22, 25, 112])
      for (const what of WARNINGS)
        expect(countedWarning(what, n, 'pl', { where: 'TEST, NIP 5265877635' })).toBe(before(n)[what]);
  });

  it('read in English with no Polish, singular for one and plural otherwise, with the count and place', () => {
    for (const what of WARNINGS)
      for (const n of [1, 2, 5, 22]) {
        const text = countedWarning(what, n, 'en', { where: 'TEST, NIP 5265877635' });
        expect(text.startsWith(`${n} ${n === 1 ? 'invoice ' : 'invoices '}`), text).toBe(true);
        expect(polishIn(text), text).toBeNull();
        if (what === 'otherContext') expect(text).toContain('(TEST, NIP 5265877635)');
      }
    expect(countedWarning('rejected', 1, 'en')).toBe('1 invoice rejected by KSeF: fix it and send it again.');
    expect(countedWarning('rejected', 3, 'en')).toBe('3 invoices rejected by KSeF: fix them and send them again.');
    expect(polishIn(SUMMARY_TEXTS.en.notConfigured)).toBeNull();
  });

  it('the popup lists warn in the UI language', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.rejectNumbers.add('FV/12/2026').add('FV/13/2026');
    w.base.add(
      summary(11, { issueDate: '2026-11-10' }),
      summary(12, { issueDate: '2026-11-29' }),
      summary(13, { issueDate: '2026-11-29' }),
    );
    const { pipeline, store } = await pipelineFor(w);
    for (const id of ['11', '12', '13']) await pipeline.sendInvoice(id, { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const en = await popupLists(store, w.settings, 'en', { today: '2026-11-29' });
    expect(en.warnings).toEqual([
      '1 invoice sent offline without an Offline certificate: no KOD II. Add the certificate in the settings.',
      '2 invoices rejected by KSeF: fix them and send them again.',
    ]);
    const pl = await popupLists(store, w.settings, 'pl', { today: '2026-11-29' });
    expect(pl.warnings[1]).toBe('2 faktury odrzucone przez KSeF: popraw i wyślij ponownie.');
    const unset = await popupLists(store, { ...w.settings, nip: '' }, 'en', { today: '2026-11-29' });
    expect(unset.warnings[0]).toBe('The extension is not configured: enter the seller NIP in the settings.');
  });
});
