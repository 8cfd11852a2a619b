import { PANEL_MATCHES } from './hosts';

/** Turns a Chrome match pattern (`https://*.base.com/*`) into a RegExp over full URLs. */
function patternToRegExp(pattern: string): RegExp {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`bad match pattern ${pattern}`);
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const hostRe = host.startsWith('*.') ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = esc(path).replace(/\*/g, '.*');
  return new RegExp(`^${scheme}://${hostRe}(?::\\d+)?${pathRe}$`);
}

const PANEL_RES = PANEL_MATCHES.map(patternToRegExp);

/** True when `url` is a page the content script runs on (same rule as the manifest). */
export function isPanelUrl(url: string): boolean {
  return PANEL_RES.some((re) => re.test(url));
}
