/**
 * The seller's data (FA(3) Podmiot1) on the "Połączenie" tab: name, two address lines and country,
 * with a button to fill them from Base. Pure view: the tab keeps the values and saves them with
 * the rest of the connection settings.
 */
import type { Settings } from '../../messaging';
import { TextField } from '../components/fields';
import { useLang } from '../use-lang';

export type Seller = Settings['seller'];

export function SellerFields(p: {
  seller: Seller;
  busy: boolean;
  /** The error of a field by its settings path ("seller.name"), or null while it is not to be shown. */
  shown: (field: string) => string | null;
  onField: (key: keyof Seller, field: string) => (v: string) => void;
  onPrefill: () => void;
}) {
  const { t } = useLang();
  const { seller, shown, onField } = p;
  return (
    <fieldset>
      <legend>{t('sellerHeading')}</legend>
      <p>
        <button type="button" class="btn" disabled={p.busy} onClick={p.onPrefill}>
          {t('prefillFromBase')}
        </button>
      </p>
      <TextField
        id="seller.name"
        label={t('sellerName')}
        value={seller.name}
        maxLength={512}
        error={shown('seller.name')}
        onInput={onField('name', 'seller.name')}
      />
      <TextField
        id="seller.addressL1"
        label={t('sellerAddressL1')}
        value={seller.addressL1}
        maxLength={512}
        error={shown('seller.addressL1')}
        onInput={onField('addressL1', 'seller.addressL1')}
      />
      <TextField
        id="seller.addressL2"
        label={t('sellerAddressL2')}
        value={seller.addressL2}
        maxLength={512}
        error={shown('seller.addressL2')}
        onInput={onField('addressL2', 'seller.addressL2')}
      />
      <TextField
        id="seller.countryCode"
        label={t('sellerCountry')}
        value={seller.countryCode}
        maxLength={2}
        error={shown('seller.countryCode')}
        onInput={onField('countryCode', 'seller.countryCode')}
      />
    </fieldset>
  );
}
