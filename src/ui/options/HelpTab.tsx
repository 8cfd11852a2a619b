/**
 * "Pomoc": how to get each credential the extension needs. Written in our own words;
 * the taxpayer-application addresses are the official ones per environment (each environment
 * needs its own token: a TEST token does not work on DEMO or PROD). Long prose lives here rather
 * than in the key/value string tables, one block per language.
 */
import { KSEF_ENVS, KSEF_TAXPAYER_APPS } from '../../core/env';
import type { KsefEnv, Lang } from '../../messaging';

/** The taxpayer application per environment (declared in src/core/env.ts). */
export const TAXPAYER_APPS = KSEF_TAXPAYER_APPS;

interface HelpText {
  tokenTitle: string;
  tokenIntro: string;
  envNames: Record<KsefEnv, string>;
  envNotes: Record<KsefEnv, string>;
  appLink: string;
  steps: string[];
  testShortcut: string;
  baseTitle: string;
  baseSteps: string[];
  offlineTitle: string;
  offlineSteps: string[];
  statusTitle: string;
  statusText: string[];
}

const HELP: Record<Lang, HelpText> = {
  pl: {
    tokenTitle: 'Jak zdobyć token KSeF',
    tokenIntro:
      'Token to hasło, którym rozszerzenie loguje się do KSeF w Twoim imieniu. Każde środowisko ma własną aplikację podatnika i własne tokeny: token z TEST nie zadziała w DEMO ani w PROD.',
    envNames: {
      test: 'Środowisko testowe (TEST)',
      demo: 'Środowisko przedprodukcyjne (DEMO)',
      prod: 'Środowisko produkcyjne (PROD)',
    },
    envNotes: {
      test: 'Do próbowania bez konsekwencji. Dane są widoczne dla innych testujących: używaj fikcyjnych.',
      demo: 'Ostatnia próba przed produkcją, z prawdziwym logowaniem. Nadal tylko dane fikcyjne.',
      prod: 'Prawdziwe faktury, prawnie wiążące.',
    },
    appLink: 'Aplikacja podatnika:',
    steps: [
      'Otwórz aplikację podatnika KSeF dla środowiska, którego chcesz używać (adresy powyżej).',
      'Zaloguj się Profilem Zaufanym, podpisem kwalifikowanym albo pieczęcią elektroniczną firmy, w kontekście NIP-u sprzedawcy.',
      'Przejdź do zarządzania tokenami i utwórz nowy token.',
      'Nadaj mu nazwę, po której go rozpoznasz (np. „Base — rozszerzenie”), i zaznacz co najmniej uprawnienia do wystawiania faktur i przeglądania faktur.',
      'Skopiuj wyświetlony token od razu: KSeF pokazuje go tylko raz. Wklej go w zakładce Połączenie w polu „Token KSeF” i zapisz.',
      'Kliknij „Sprawdź połączenie”: rozszerzenie zaloguje się do KSeF i powie, czy token działa.',
    ],
    testShortcut:
      'W środowisku testowym zamiast tokenu możesz wpisać słowo „test”: rozszerzenie zaloguje się wtedy certyfikatem testowym, który samo wystawi dla podanego NIP-u.',
    baseTitle: 'Token API Base',
    baseSteps: [
      'W panelu Base otwórz Konto → Moje konto → API.',
      'Wygeneruj token (albo skopiuj istniejący) i wklej go w polu „Token API Base”.',
      'Token daje pełny dostęp do konta Base: rozszerzenie przechowuje go zaszyfrowany i nigdy go nie wyświetla.',
    ],
    offlineTitle: 'Certyfikat Offline i klucz prywatny',
    offlineSteps: [
      'Certyfikat Offline jest potrzebny tylko dla faktur wysyłanych do KSeF później niż w dniu wystawienia: podpisuje się nim drugi kod QR.',
      'W aplikacji podatnika wybierz certyfikaty KSeF, złóż wniosek o certyfikat typu Offline i ustal hasło do klucza.',
      'Aplikacja zapisze na dysku plik klucza prywatnego (.key). Zachowaj go: KSeF nie przechowuje kluczy i nie da się go pobrać ponownie.',
      'W zakładce Przekazywanie dokumentów wczytaj listę certyfikatów, wybierz nowy certyfikat, wskaż plik .key, wpisz hasło i kliknij „Wczytaj klucz”.',
    ],
    statusTitle: 'Co dzieje się po wysłaniu faktury',
    statusText: [
      '„W przetwarzaniu”: KSeF przyjął plik, ale jeszcze nie nadał numeru. Nic nie trzeba robić; rozszerzenie sprawdza status samo, najpierw po kilku minutach, potem co 60 minut. Nie wysyłaj tej faktury ponownie.',
      '„Zaakceptowana”: faktura ma numer KSeF i kody QR; wydruk z kodami znajdziesz przy fakturze na liście.',
      '„Odrzucona”: KSeF podał powód. Popraw fakturę w Base i wyślij ją ponownie.',
    ],
  },
  en: {
    tokenTitle: 'How to get a KSeF token',
    tokenIntro:
      'The token is the password the extension uses to log in to KSeF on your behalf. Each environment has its own taxpayer application and its own tokens: a TEST token does not work on DEMO or PROD.',
    envNames: {
      test: 'Test environment (TEST)',
      demo: 'Pre-production environment (DEMO)',
      prod: 'Production environment (PROD)',
    },
    envNotes: {
      test: 'For trying things out. Data are visible to other testers: use fictitious data.',
      demo: 'The last rehearsal before production, with real login. Still fictitious data only.',
      prod: 'Real invoices, legally binding.',
    },
    appLink: 'Taxpayer application:',
    steps: [
      'Open the KSeF taxpayer application of the environment you want to use (addresses above).',
      "Log in with Profil Zaufany, a qualified signature or the company's electronic seal, in the context of the seller's NIP.",
      'Go to token management and create a new token.',
      'Give it a name you will recognise (e.g. "Base — extension") and grant at least the permissions to issue and to view invoices.',
      'Copy the token at once: KSeF shows it only once. Paste it on the Connection tab into "KSeF token" and save.',
      'Click "Check connection": the extension logs in to KSeF and tells you whether the token works.',
    ],
    testShortcut:
      'On TEST you may type the word "test" instead of a token: the extension then logs in with a test certificate it issues itself for the given NIP.',
    baseTitle: 'Base API token',
    baseSteps: [
      'In the Base panel open Account → My account → API.',
      'Generate a token (or copy the existing one) and paste it into "Base API token".',
      'The token gives full access to the Base account: the extension stores it encrypted and never shows it.',
    ],
    offlineTitle: 'Offline certificate and private key',
    offlineSteps: [
      'The Offline certificate is needed only for invoices sent to KSeF later than the day they were issued: it signs their second QR code.',
      'In the taxpayer application open KSeF certificates, request an Offline-type certificate and set a password for its key.',
      'The application saves the private key file (.key) to disk. Keep it: KSeF does not hold keys and it cannot be downloaded again.',
      'On the Document transfer tab load the certificate list, choose the new certificate, pick the .key file, type the password and click "Load the key".',
    ],
    statusTitle: 'What happens after an invoice is sent',
    statusText: [
      '"Processing": KSeF took the file but has not assigned a number yet. Nothing to do; the extension checks by itself, first after a few minutes, then every 60 minutes. Do not send the invoice again.',
      '"Accepted": the invoice has a KSeF number and QR codes; the print with the codes is next to the invoice in the list.',
      '"Rejected": KSeF gave the reason. Fix the invoice in Base and send it again.',
    ],
  },
};

export function HelpTab(p: { lang: Lang }) {
  const h = HELP[p.lang];
  return (
    <article class="help">
      <h2>{h.tokenTitle}</h2>
      <p>{h.tokenIntro}</p>
      <dl class="env-list">
        {KSEF_ENVS.map((env) => (
          <div key={env} class={`env-item env-${env}`}>
            <dt>{h.envNames[env]}</dt>
            <dd>
              {h.envNotes[env]} {h.appLink}{' '}
              <a href={TAXPAYER_APPS[env]} target="_blank" rel="noopener noreferrer">
                {TAXPAYER_APPS[env]}
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <ol>
        {h.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p class="alert alert-info">{h.testShortcut}</p>
      <h2>{h.baseTitle}</h2>
      <ol>
        {h.baseSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <h2>{h.offlineTitle}</h2>
      <ol>
        {h.offlineSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <h2>{h.statusTitle}</h2>
      {h.statusText.map((s) => (
        <p key={s}>{s}</p>
      ))}
    </article>
  );
}
