/**
 * The private-key file picker of the Offline key form. A bare `<input type="file">` rather than a
 * TextField, so it carries its own label, error and hint markup in the same shape as the others.
 */
import { useLang } from '../use-lang';

export function KeyFileField(p: { error: string | null; onFile: (input: HTMLInputElement) => void }) {
  const { t } = useLang();
  return (
    <div class={`form-group${p.error ? ' has-error' : ''}`}>
      <label for="keyFile">{t('keyFileLabel')}</label>
      <input
        id="keyFile"
        name="keyFile"
        type="file"
        accept=".key,.pem,.der,.p8,.pk8"
        aria-describedby="keyFile-hint"
        aria-invalid={p.error ? 'true' : undefined}
        onChange={(e) => p.onFile(e.currentTarget as HTMLInputElement)}
      />
      {p.error && <p class="help-block field-error">{p.error}</p>}
      <p class="help-block" id="keyFile-hint">
        {t('keyFileHint')}
      </p>
    </div>
  );
}
