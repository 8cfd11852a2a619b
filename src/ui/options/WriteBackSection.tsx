/**
 * "Numer KSeF w Base" (off by default): after acceptance the KSeF number goes into an order extra
 * field the seller picks, so Base's e-mail templates and order list can show it; optionally (also off)
 * the stamped PDF goes into an order file field (src/background/base-writeback.ts).
 */
import { useState } from 'preact/hooks';
import type { Lang } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { Loaded } from './loaded';

type Key =
  | 'heading'
  | 'intro'
  | 'enable'
  | 'load'
  | 'field'
  | 'choose'
  | 'noFields'
  | 'saved'
  | 'off'
  | 'current'
  | 'pdfIntro'
  | 'pdfEnable'
  | 'pdfField'
  | 'pdfNoFields';

const TEXT: Record<Lang, Record<Key, string>> = {
  pl: {
    heading: 'Numer KSeF w Base',
    intro:
      'Po przyjęciu faktury przez KSeF rozszerzenie może wpisać jej numer KSeF w wybrane pole dodatkowe zamówienia w Base. Wtedy szablony e-maili i lista zamówień Base mogą go pokazać. Rozszerzenie nigdy nie podmienia pliku faktury w Base (numer faktury widziany przez kupującego się nie zmienia). Zapisy liczą się do limitu zapytań API Base; nieudane są ponawiane i nie wstrzymują wysyłki do KSeF.',
    enable: 'Wpisuj numer KSeF w pole dodatkowe zamówienia',
    load: 'Wczytaj pola dodatkowe z Base',
    field: 'Pole dodatkowe zamówienia',
    choose: '— wybierz pole —',
    noFields:
      'Konto Base nie ma pól dodatkowych zamówień. Dodaj pole tekstowe w Base (Zamówienia → Ustawienia → Pola dodatkowe) i wczytaj listę ponownie.',
    saved: 'Zapisano.',
    off: 'Wyłączone.',
    current: 'Teraz: pole „{name}”.',
    pdfIntro:
      'Opcjonalnie rozszerzenie może też wgrać do zamówienia PDF faktury z numerem KSeF i kodem QR (ten sam, który daje „Pobierz PDF z KSeF”), w wybrane pole dodatkowe typu „plik”. Plik trafia tylko do tego pola zamówienia; faktura w Base zostaje bez zmian. Base przyjmuje pliki do 2 MB. Wgrania liczą się do limitu API Base; nieudane są ponawiane i nie wstrzymują wysyłki do KSeF.',
    pdfEnable: 'Wgrywaj PDF z numerem KSeF i kodem QR w pole plikowe zamówienia',
    pdfField: 'Pole plikowe zamówienia',
    pdfNoFields:
      'Konto Base nie ma pól dodatkowych typu „plik”. Dodaj takie pole w Base (Zamówienia → Ustawienia → Pola dodatkowe) i wczytaj listę ponownie.',
  },
  en: {
    heading: 'KSeF number in Base',
    intro:
      "After KSeF accepts an invoice, the extension can write its KSeF number into an order extra field in Base you choose, so Base's e-mail templates and order list can show it. The extension never replaces the invoice file in Base (the invoice number the buyer sees does not change). The writes count against Base's API limit; failed ones are retried and never hold up sending to KSeF.",
    enable: 'Write the KSeF number into an order extra field',
    load: 'Load the extra fields from Base',
    field: 'Order extra field',
    choose: '— choose a field —',
    noFields:
      'The Base account has no order extra fields. Add a text field in Base (Orders → Settings → Extra fields) and load the list again.',
    saved: 'Saved.',
    off: 'Off.',
    current: 'Now: the "{name}" field.',
    pdfIntro:
      'Optionally the extension can also upload the invoice PDF with the KSeF number and QR code (the one "Download PDF from KSeF" gives) into an order extra field of the "file" type you choose. The file only goes into that order field; the invoice in Base stays as it is. Base takes files up to 2 MB. The uploads count against Base\'s API limit; failed ones are retried and never hold up sending to KSeF.',
    pdfEnable: 'Upload the PDF with the KSeF number and QR code into an order file field',
    pdfField: 'Order file field',
    pdfNoFields:
      'The Base account has no extra fields of the "file" type. Add one in Base (Orders → Settings → Extra fields) and load the list again.',
  },
};

type Setting = 'ksefNumberToBase' | 'stampedPdfToBase';
type Props = { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void };

export function WriteBackSection(p: Props) {
  const { lang } = useLang();
  const x = TEXT[lang];
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
  const x = TEXT[lang];
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
      {on && current && <p>{x.current.replace('{name}', current.fieldName)}</p>}
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
