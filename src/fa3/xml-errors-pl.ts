/**
 * libxml2 speaks English; the user reads Polish. The messages a damaged or hostile XML file
 * produces most often, named by the key of their words in the fa3 slice of src/i18n (the English
 * original is kept next to them for support).
 */
import type { Fa3Key } from '../i18n/fa3';
import type { Params } from '../i18n/fill';
import { fa3Pl } from './problem';

const PARSE: [RegExp, Fa3Key][] = [
  [/^Document is empty/, 'XML_PARSE_EMPTY'],
  [/^Start tag expected/, 'XML_PARSE_NOT_XML'],
  [/^Premature end of data|^EndTag: '<\/' not found|^Couldn't find end of Start Tag/, 'XML_PARSE_TRUNCATED'],
  [/^Opening and ending tag mismatch/, 'XML_PARSE_TAG_MISMATCH'],
  [/^Extra content at the end of the document/, 'XML_PARSE_EXTRA_CONTENT'],
  [/^Excessive depth in document/, 'XML_PARSE_TOO_DEEP'],
  [/^Unsupported encoding/, 'XML_PARSE_ENCODING'],
  [
    /^Input is not proper UTF-8|^Char 0x[0-9A-F]+ out of allowed range|^PCDATA invalid Char value/i,
    'XML_PARSE_BAD_CHARS',
  ],
  [/^Entity '[^']*' not defined/, 'XML_PARSE_UNKNOWN_ENTITY'],
  [/entity amplification|entity reference loop|Detected an entity reference loop/i, 'XML_PARSE_ENTITY_BOMB'],
  [/Empty XML namespace is not allowed|Namespace prefix .* not defined/, 'XML_PARSE_NAMESPACE'],
];

/** The words' key and values for a libxml2 parse error; `detail` is libxml2's original. */
export function parseError(message: string, line: number): { key: Fa3Key; params: Params } {
  const detail = message.trim();
  return { key: PARSE.find(([re]) => re.test(detail))?.[1] ?? 'XML_PARSE_OTHER', params: { line, detail } };
}

/** Polish message for a libxml2 parse error, with the original in brackets. */
export function parseErrorPl(message: string, line: number): string {
  const { key, params } = parseError(message, line);
  return fa3Pl(key, params);
}

/** When libxml2 cannot validate the document at all (its "Invalid input or internal error"). */
export const INTERNAL_XML_ERROR_PL = fa3Pl('XML_INTERNAL');
