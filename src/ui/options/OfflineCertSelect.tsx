/**
 * The Offline certificate chooser of the "Przekazywanie dokumentów" tab: loads the seller's Offline
 * certificates from KSeF and lists them, keeping the saved choice visible even when KSeF's list is
 * not there. The chosen serial belongs to the key form, which sends it with the key.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang, OfflineCertificateInfo, Settings } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice, SelectField } from '../components/fields';
import { formatDateTime } from '../components/format';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

/** A certificate's validity dates are shown as days; the time of day adds nothing to the choice. */
export function certDay(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang).slice(0, 10);
}

export function OfflineCertSelect(p: {
  settings: Settings;
  serial: string;
  onSerial: (serial: string) => void;
  error: string | null;
}) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const { settings, serial } = p;
  const [certs, setCerts] = useState<OfflineCertificateInfo[] | null>(null);
  const [certsError, setCertsError] = useState<string | null>(null);

  const loadCerts = () => {
    setCertsError(null);
    platform.send('certs.listOffline', {}).then(
      (r) => {
        setCerts(r.certificates);
        // With exactly one certificate there is nothing to choose.
        if (!serial && r.certificates.length === 1 && r.certificates[0]) p.onSerial(r.certificates[0].serialNumber);
      },
      (e: unknown) => setCertsError(errorText(e, t)),
    );
  };
  // Deliberate dependencies: the list is loaded once when the tab opens
  useEffect(loadCerts, [platform]);

  const day = (iso: string) => certDay(iso, lang);
  const options = [{ value: '', label: t('certChoose') }];
  for (const c of certs ?? [])
    options.push({
      value: c.serialNumber,
      label: t('certOption', { serial: c.serialNumber, name: c.name, from: day(c.validFrom), to: day(c.validTo) }),
    });
  // The saved choice stays visible even before (or without) KSeF's list.
  if (settings.offlineCertificate && !options.some((o) => o.value === settings.offlineCertificate?.serialNumber))
    options.push({
      value: settings.offlineCertificate.serialNumber,
      label: t('certOption', {
        serial: settings.offlineCertificate.serialNumber,
        name: settings.offlineCertificate.name,
        from: day(settings.offlineCertificate.validFrom),
        to: day(settings.offlineCertificate.validTo),
      }),
    });

  return (
    <div class={`form-group${p.error ? ' has-error' : ''}`}>
      <SelectField
        id="certSerial"
        label={t('certSerialLabel')}
        value={serial}
        options={options}
        onChange={p.onSerial}
      />
      {p.error && <p class="help-block field-error">{p.error}</p>}
      {certsError && <Notice kind="danger">{t('certsLoadFailed', { message: certsError })}</Notice>}
      {certs && certs.length === 0 && <Notice kind="info">{t('certsEmpty')}</Notice>}
      <button type="button" class="btn btn-xs" onClick={loadCerts}>
        {t('certsLoad')}
      </button>
    </div>
  );
}
