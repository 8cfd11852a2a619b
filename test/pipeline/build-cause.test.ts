/** A failed build leads with its cause in a seller's words, the details follow, the format's name last. */
import { describe, expect, it } from 'vitest';
import { buildFailedReason } from '../../src/pipeline/build-cause';

describe('build failure reason', () => {
  it('leads with the cause', () => {
    const nip = {
      code: 'BUYER_NIP_INVALID',
      message: 'NIP nabywcy „5261297913” jest niepoprawny (wymagane 10 cyfr z poprawną cyfrą kontrolną).',
    };
    expect(buildFailedReason([nip], 'pl')).toBe(
      'Błędny NIP nabywcy. NIP nabywcy „5261297913” jest niepoprawny (wymagane 10 cyfr z poprawną cyfrą kontrolną). Popraw i wyślij ponownie (faktura nie przeszła kontroli formatu FA(3)).',
    );
    const items = { code: 'ITEMS_EMPTY', message: 'Faktura nie ma żadnych pozycji. Dodaj pozycje w Base.' };
    expect(buildFailedReason([items], 'pl')?.startsWith('Brak pozycji. ')).toBe(true);
    const oss = { code: 'ITEM_RATE_UNSUPPORTED', message: 'stawka 19% nie jest polską stawką VAT' };
    expect(
      buildFailedReason([oss], 'pl')?.startsWith(
        'Stawka VAT innego kraju: włącz OSS w zakładce Przekazywanie dokumentów. ',
      ),
    ).toBe(true);
    expect(buildFailedReason([nip, items], 'en')?.startsWith("Wrong buyer's NIP; No items. ")).toBe(true);
    expect(buildFailedReason([], 'pl')).toBeUndefined();
  });
});
