/**
 * "Numer KSeF w Base" (off by default): after acceptance the KSeF number goes into an order extra
 * field the seller picks, so Base's e-mail templates and order list can show it.
 */
import { useState } from 'preact/hooks';
import type { Lang } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { Loaded } from './loaded';

type Key = 'heading' | 'intro' | 'enable' | 'load' | 'field' | 'choose' | 'noFields' | 'saved' | 'off' | 'current';

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
  },
};

export function WriteBackSection(p: { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const x = TEXT[lang];
  const current = p.loaded.settings.ksefNumberToBase ?? null;
  const [fields, setFields] = useState<{ id: string; name: string; kind: string }[] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [on, setOn] = useState(current !== null);

  const save = async (value: { fieldId: string; fieldName: string } | null) => {
    setBusy(true);
    setNote(null);
    try {
      const { settings } = await platform.send('settings.save', { patch: { ksefNumberToBase: value } });
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
      setFields(r.fields.filter((f) => f.kind !== 'file'));
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="writeback-heading" data-testid="writeback">
      <h2 id="writeback-heading">{x.heading}</h2>
      <p>{x.intro}</p>
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
          {x.enable}
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
          <Notice kind="warning">{x.noFields}</Notice>
        ) : (
          <div class="form-group">
            <label for="writebackField">{x.field}</label>
            <select
              id="writebackField"
              class="form-control"
              disabled={busy}
              value={current?.fieldId ?? ''}
              onChange={(e) => {
                const id = (e.currentTarget as HTMLSelectElement).value;
                const f = fields.find((g) => g.id === id);
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
    </section>
  );
}
