/**
 * "Numer KSeF w Base" (off by default): after acceptance the KSeF number goes into an order extra
 * field the seller picks, so Base's e-mail templates and order list can show it; optionally (also off)
 * the stamped PDF goes into an order file field (src/background/base-writeback.ts).
 */
import { useState } from 'preact/hooks';
import { fill } from '../../i18n/fill';
import { WRITE_BACK_TEXTS } from '../../i18n/write-back';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { Loaded } from './loaded';

type Setting = 'ksefNumberToBase' | 'stampedPdfToBase';
type Props = { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void };

export function WriteBackSection(p: Props) {
  const { lang } = useLang();
  const x = WRITE_BACK_TEXTS[lang];
  return (
    <section aria-labelledby="writeback-heading" data-testid="writeback">
      <h2 id="writeback-heading">{x.heading}</h2>
      <p>{x.intro}</p>
      <FieldChoice {...p} setting="ksefNumberToBase" enable={x.enable} field={x.field} noFields={x.noFields} />
      <p data-testid="writeback-pdf-intro">{x.pdfIntro}</p>
      <FieldChoice {...p} setting="stampedPdfToBase" enable={x.pdfEnable} field={x.pdfField} noFields={x.pdfNoFields} />
    </section>
  );
}

/**
 * One switch and the order extra field it writes to: the KSeF number goes into a non-file field,
 * the stamped PDF only into a field of Base's `file` type.
 */
function FieldChoice(p: Props & { setting: Setting; enable: string; field: string; noFields: string }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const x = WRITE_BACK_TEXTS[lang];
  const current = p.loaded.settings[p.setting] ?? null;
  const [fields, setFields] = useState<{ id: string; name: string; kind: string }[] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [on, setOn] = useState(current !== null);
  const id = `${p.setting}Field`;

  const save = async (value: { fieldId: string; fieldName: string } | null) => {
    setBusy(true);
    setNote(null);
    try {
      const { settings } = await platform.send('settings.save', { patch: { [p.setting]: value } });
      p.onChange({ settings });
      setNote({ ok: true, text: value ? x.saved : x.off });
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await platform.send('base.orderExtraFields', {});
      // A KSeF number is text; file fields take files only.
      setFields(r.fields.filter((f) => (f.kind === 'file') === (p.setting === 'stampedPdfToBase')));
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={`writeback-${p.setting}`}>
      <div class="checkbox">
        <label>
          <input
            type="checkbox"
            checked={on}
            disabled={busy}
            onChange={(e) => {
              const checked = (e.currentTarget as HTMLInputElement).checked;
              setOn(checked);
              if (checked) void load();
              else {
                setFields(null);
                if (current) void save(null);
              }
            }}
          />{' '}
          {p.enable}
        </label>
      </div>
      {on && current && <p>{fill(x.current, { name: current.fieldName })}</p>}
      {current && fields === null && (
        <button type="button" class="btn btn-xs" disabled={busy} onClick={() => void load()}>
          {x.load}
        </button>
      )}
      {on &&
        fields !== null &&
        (fields.length === 0 ? (
          <Notice kind="warning">{p.noFields}</Notice>
        ) : (
          <div class="form-group">
            <label for={id}>{p.field}</label>
            <select
              id={id}
              class="form-control"
              disabled={busy}
              value={current?.fieldId ?? ''}
              onChange={(e) => {
                const fieldId = (e.currentTarget as HTMLSelectElement).value;
                const f = fields.find((g) => g.id === fieldId);
                if (f) void save({ fieldId: f.id, fieldName: f.name });
              }}
            >
              <option value="">{x.choose}</option>
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      {note && <Notice kind={note.ok ? 'success' : 'danger'}>{note.text}</Notice>}
    </div>
  );
}
