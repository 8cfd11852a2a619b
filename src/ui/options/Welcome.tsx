/** The first-run welcome on the options page: what to configure, in what order. */
import type { Lang } from '../../messaging';

const STEPS: Record<Lang, { title: string; steps: string[] }> = {
  pl: {
    title: 'Witaj! Trzy kroki do pierwszej faktury w KSeF',
    steps: [
      'Połączenie: wybierz środowisko, wklej token KSeF (jak go wygenerować: zakładka Pomoc), podaj NIP firmy i token API Base (Konto → Moje konto → API), uzupełnij dane sprzedawcy i kliknij „Zapisz” — rozszerzenie od razu sprawdzi połączenie.',
      'Serie numeracji: zaznacz serie faktur, które mają trafiać do KSeF.',
      'Przekazywanie dokumentów: włącz automatyczną wysyłkę, OSS i certyfikat Offline, jeśli ich potrzebujesz.',
      'Gotowe: na liście faktur w Base kliknij ikonę KSeF przy fakturze albo wyślij cały miesiąc w zakładce „Eksport dokumentów”.',
    ],
  },
  en: {
    title: 'Welcome! Three steps to your first invoice in KSeF',
    steps: [
      'Connection: choose the environment, paste the KSeF token (how to get one: the Help tab), enter the company NIP and the Base API token (Account → My account → API), fill in the seller data and click "Save": the extension checks the connection at once.',
      'Numbering series: tick the invoice series that go to KSeF.',
      'Document transfer: turn on auto-send, OSS and the Offline certificate if you need them.',
      'Done: click the KSeF icon beside an invoice in the Base list, or send a whole month in the "Document export" tab.',
    ],
  },
};

export function Welcome(p: { lang: Lang }) {
  const w = STEPS[p.lang];
  return (
    <section class="alert alert-info welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">{w.title}</h2>
      <ol>
        {w.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </section>
  );
}
