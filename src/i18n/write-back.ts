/** The write-back slice: the options section that puts the KSeF number (and the stamped PDF) into Base. */
import type { Texts } from './fill';

export type WriteBackKey =
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

const pl: Record<WriteBackKey, string> = {
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
};

const en: Record<WriteBackKey, string> = {
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
};

export const WRITE_BACK_TEXTS: Texts<WriteBackKey> = { pl, en };
