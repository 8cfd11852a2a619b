/**
 * The cause of a failed FA(3) build in a seller's words, to lead the reason with ("Błędny NIP
 * nabywcy", "Brak pozycji", "Włącz OSS w zakładce Przekazywanie dokumentów"); the builder's full
 * explanation follows, and the format's name comes last. All of it in the UI language: each
 * problem is worded from its key and parameters; a record stored before problems carried
 * parameters (or one with a code the fa3 slice does not know) shows its stored Polish message.
 */
import { causeText, fixAndResendText } from '../i18n/causes';
import { fa3Text, isFa3Key } from '../i18n/fa3';
import type { Lang } from '../messaging';
import type { BuildProblem } from '../outbox/types';

function detailText(p: BuildProblem, lang: Lang): string {
  const key = p.key ?? p.code;
  return p.params && isFa3Key(key) ? fa3Text(key, lang, p.params) : p.message;
}

/** "Błędny NIP nabywcy. <the builder's explanations> (Faktura nie przeszła kontroli formatu FA(3).)" */
export function buildFailedReason(problems: readonly BuildProblem[], lang: Lang): string | undefined {
  if (problems.length === 0) return undefined;
  const causes = [...new Set(problems.map((p) => causeText(p.code, lang)).filter((c): c is string => Boolean(c)))];
  const details = problems
    .map((p) =>
      detailText(p, lang)
        .trim()
        .replace(/([^.!?])$/, '$1.'),
    )
    .join(' ');
  const tail = fixAndResendText(lang);
  const head = causes.length ? `${causes.join('; ')}. ` : '';
  return `${head}${details} ${tail}`;
}
