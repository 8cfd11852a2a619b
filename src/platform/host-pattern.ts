/** `https://api.nbp.pl/*` → `api.nbp.pl`: the part of a match pattern a user reads. Pure, so the
 * pages' unit tests can render it without the extension APIs. */
export function hostOfPattern(pattern: string): string {
  return pattern.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '');
}
