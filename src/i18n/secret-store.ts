/**
 * The secret store's refusals (src/secrets/store.ts) in each language. Their own module because
 * both the secrets slice and the errors slice word them (a record keeps the code, errors.ts).
 */
import type { Lang } from '../core/lang';
import { fill, type Params, type Texts } from './fill';

export type SecretStoreCode = 'undecryptable' | 'extractable-key' | 'reserved-name' | 'not-configured';
export const SECRET_STORE_CODES: readonly SecretStoreCode[] = [
  'undecryptable',
  'extractable-key',
  'reserved-name',
  'not-configured',
];

const pl: Record<SecretStoreCode, string> = {
  undecryptable:
    'Nie można odszyfrować zapisanego sekretu (dane rozszerzenia zostały uszkodzone lub wyczyszczone). Wpisz token ponownie w ustawieniach.',
  'extractable-key': 'Odmowa zapisu: klucz musi być nieeksportowalny (extractable=false).',
  'reserved-name': 'Nazwa „{name}” jest zarezerwowana.',
  'not-configured':
    'Nie skonfigurowano certyfikatu Offline, więc nie można podpisać kodu KOD II. W ustawieniach wybierz certyfikat Offline i wczytaj jego plik .key.',
};

const en: Record<SecretStoreCode, string> = {
  undecryptable:
    "A stored secret cannot be decrypted (the extension's data was damaged or cleared). Enter the token again in the settings.",
  'extractable-key': 'Refused to store: the key must be non-exportable (extractable=false).',
  'reserved-name': 'The name "{name}" is reserved.',
  'not-configured':
    'No Offline certificate is set up, so KOD II cannot be signed. In the settings choose the Offline certificate and load its .key file.',
};

export const SECRET_STORE_TEXTS: Texts<SecretStoreCode> = { pl, en };

/** A secret-store refusal in `lang`. */
export function secretStoreText(code: SecretStoreCode, lang: Lang, params?: Params): string {
  return fill(SECRET_STORE_TEXTS[lang][code], params ?? {});
}
