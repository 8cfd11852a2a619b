/**
 * The help slice: the options page's Help tab (how to get each credential, what the statuses mean)
 * and the first-run welcome. Lists are numbered keys, shown in order by the views.
 */
import type { Texts } from './fill';

export type HelpKey =
  | 'tokenTitle'
  | 'tokenIntro'
  | 'env.test'
  | 'env.demo'
  | 'env.prod'
  | 'envNote.test'
  | 'envNote.demo'
  | 'envNote.prod'
  | 'appLink'
  | 'step1'
  | 'step2'
  | 'step3'
  | 'step4'
  | 'step5'
  | 'step6'
  | 'testShortcut'
  | 'baseTitle'
  | 'baseStep1'
  | 'baseStep2'
  | 'baseStep3'
  | 'offlineTitle'
  | 'offlineStep1'
  | 'offlineStep2'
  | 'offlineStep3'
  | 'offlineStep4'
  | 'statusTitle'
  | 'status1'
  | 'status2'
  | 'status3'
  | 'welcomeTitle'
  | 'welcome1'
  | 'welcome2'
  | 'welcome3'
  | 'welcome4';

const pl: Record<HelpKey, string> = {
  tokenTitle: 'Jak zdobyć token KSeF',
  tokenIntro:
    'Token to hasło, którym rozszerzenie loguje się do KSeF w Twoim imieniu. Każde środowisko ma własną aplikację podatnika i własne tokeny: token z TEST nie zadziała w DEMO ani w PROD.',
  'env.test': 'Środowisko testowe (TEST)',
  'env.demo': 'Środowisko przedprodukcyjne (DEMO)',
  'env.prod': 'Środowisko produkcyjne (PROD)',
  'envNote.test': 'Do próbowania bez konsekwencji. Dane są widoczne dla innych testujących: używaj fikcyjnych.',
  'envNote.demo': 'Ostatnia próba przed produkcją, z prawdziwym logowaniem. Nadal tylko dane fikcyjne.',
  'envNote.prod': 'Prawdziwe faktury, prawnie wiążące.',
  appLink: 'Aplikacja podatnika:',
  step1: 'Otwórz aplikację podatnika KSeF dla środowiska, którego chcesz używać (adresy powyżej).',
  step2:
    'Zaloguj się Profilem Zaufanym, podpisem kwalifikowanym albo pieczęcią elektroniczną firmy, w kontekście NIP-u sprzedawcy.',
  step3: 'Przejdź do zarządzania tokenami i utwórz nowy token.',
  step4:
    'Nadaj mu nazwę, po której go rozpoznasz (np. „Base — rozszerzenie”), i zaznacz co najmniej uprawnienia do wystawiania faktur i przeglądania faktur.',
  step5:
    'Skopiuj wyświetlony token od razu: KSeF pokazuje go tylko raz. Wklej go w zakładce Połączenie w polu „Token KSeF” i zapisz.',
  step6: 'Kliknij „Sprawdź połączenie”: rozszerzenie zaloguje się do KSeF i powie, czy token działa.',
  testShortcut:
    'W środowisku testowym zamiast tokenu możesz wpisać słowo „test”: rozszerzenie zaloguje się wtedy certyfikatem testowym, który samo wystawi dla podanego NIP-u.',
  baseTitle: 'Token API Base',
  baseStep1: 'W panelu Base otwórz Konto → Moje konto → API.',
  baseStep2: 'Wygeneruj token (albo skopiuj istniejący) i wklej go w polu „Token API Base”.',
  baseStep3:
    'Token daje pełny dostęp do konta Base: rozszerzenie przechowuje go zaszyfrowany i nigdy go nie wyświetla.',
  offlineTitle: 'Certyfikat Offline i klucz prywatny',
  offlineStep1:
    'Certyfikat Offline jest potrzebny tylko dla faktur wysyłanych do KSeF później niż w dniu wystawienia: podpisuje się nim drugi kod QR.',
  offlineStep2:
    'W aplikacji podatnika wybierz certyfikaty KSeF, złóż wniosek o certyfikat typu Offline i ustal hasło do klucza.',
  offlineStep3:
    'Aplikacja zapisze na dysku plik klucza prywatnego (.key). Zachowaj go: KSeF nie przechowuje kluczy i nie da się go pobrać ponownie.',
  offlineStep4:
    'W zakładce Przekazywanie dokumentów wczytaj listę certyfikatów, wybierz nowy certyfikat, wskaż plik .key, wpisz hasło i kliknij „Wczytaj klucz”.',
  statusTitle: 'Co dzieje się po wysłaniu faktury',
  status1:
    '„W przetwarzaniu”: KSeF przyjął plik, ale jeszcze nie nadał numeru. Nic nie trzeba robić; rozszerzenie sprawdza status samo, najpierw po kilku minutach, potem co 60 minut. Nie wysyłaj tej faktury ponownie.',
  status2: '„Zaakceptowana”: faktura ma numer KSeF i kody QR; wydruk z kodami znajdziesz przy fakturze na liście.',
  status3: '„Odrzucona”: KSeF podał powód. Popraw fakturę w Base i wyślij ją ponownie.',
  welcomeTitle: 'Witaj! Trzy kroki do pierwszej faktury w KSeF',
  welcome1:
    'Połączenie: wybierz środowisko, wklej token KSeF (jak go wygenerować: zakładka Pomoc), podaj NIP firmy i token API Base (Konto → Moje konto → API), uzupełnij dane sprzedawcy i kliknij „Zapisz” — rozszerzenie od razu sprawdzi połączenie.',
  welcome2: 'Serie numeracji: zaznacz serie faktur, które mają trafiać do KSeF.',
  welcome3: 'Przekazywanie dokumentów: włącz automatyczną wysyłkę, OSS i certyfikat Offline, jeśli ich potrzebujesz.',
  welcome4:
    'Gotowe: na liście faktur w Base kliknij ikonę KSeF przy fakturze albo wyślij cały miesiąc w zakładce „Eksport dokumentów”.',
};

const en: Record<HelpKey, string> = {
  tokenTitle: 'How to get a KSeF token',
  tokenIntro:
    'The token is the password the extension uses to log in to KSeF on your behalf. Each environment has its own taxpayer application and its own tokens: a TEST token does not work on DEMO or PROD.',
  'env.test': 'Test environment (TEST)',
  'env.demo': 'Pre-production environment (DEMO)',
  'env.prod': 'Production environment (PROD)',
  'envNote.test': 'For trying things out. Data are visible to other testers: use fictitious data.',
  'envNote.demo': 'The last rehearsal before production, with real login. Still fictitious data only.',
  'envNote.prod': 'Real invoices, legally binding.',
  appLink: 'Taxpayer application:',
  step1: 'Open the KSeF taxpayer application of the environment you want to use (addresses above).',
  step2:
    "Log in with Profil Zaufany, a qualified signature or the company's electronic seal, in the context of the seller's NIP.",
  step3: 'Go to token management and create a new token.',
  step4:
    'Give it a name you will recognise (e.g. "Base — extension") and grant at least the permissions to issue and to view invoices.',
  step5: 'Copy the token at once: KSeF shows it only once. Paste it on the Connection tab into "KSeF token" and save.',
  step6: 'Click "Check connection": the extension logs in to KSeF and tells you whether the token works.',
  testShortcut:
    'On TEST you may type the word "test" instead of a token: the extension then logs in with a test certificate it issues itself for the given NIP.',
  baseTitle: 'Base API token',
  baseStep1: 'In the Base panel open Account → My account → API.',
  baseStep2: 'Generate a token (or copy the existing one) and paste it into "Base API token".',
  baseStep3: 'The token gives full access to the Base account: the extension stores it encrypted and never shows it.',
  offlineTitle: 'Offline certificate and private key',
  offlineStep1:
    'The Offline certificate is needed only for invoices sent to KSeF later than the day they were issued: it signs their second QR code.',
  offlineStep2:
    'In the taxpayer application open KSeF certificates, request an Offline-type certificate and set a password for its key.',
  offlineStep3:
    'The application saves the private key file (.key) to disk. Keep it: KSeF does not hold keys and it cannot be downloaded again.',
  offlineStep4:
    'On the Document transfer tab load the certificate list, choose the new certificate, pick the .key file, type the password and click "Load the key".',
  statusTitle: 'What happens after an invoice is sent',
  status1:
    '"Processing": KSeF took the file but has not assigned a number yet. Nothing to do; the extension checks by itself, first after a few minutes, then every 60 minutes. Do not send the invoice again.',
  status2:
    '"Accepted": the invoice has a KSeF number and QR codes; the print with the codes is next to the invoice in the list.',
  status3: '"Rejected": KSeF gave the reason. Fix the invoice in Base and send it again.',
  welcomeTitle: 'Welcome! Three steps to your first invoice in KSeF',
  welcome1:
    'Connection: choose the environment, paste the KSeF token (how to get one: the Help tab), enter the company NIP and the Base API token (Account → My account → API), fill in the seller data and click "Save": the extension checks the connection at once.',
  welcome2: 'Numbering series: tick the invoice series that go to KSeF.',
  welcome3: 'Document transfer: turn on auto-send, OSS and the Offline certificate if you need them.',
  welcome4:
    'Done: click the KSeF icon beside an invoice in the Base list, or send a whole month in the "Document export" tab.',
};

export const HELP_TEXTS: Texts<HelpKey> = { pl, en };
