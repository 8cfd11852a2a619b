/**
 * A minimal, deterministic XML writer for FA(3): elements in the order they are added (the caller
 * follows the XSD sequence), two-space indent, LF line ends, UTF-8 without BOM.
 */
export type XmlNode = { name: string; attrs?: Record<string, string>; text?: string; children?: XmlNode[] };

/** Drops what XML 1.0 forbids: C0 controls except TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
export function stripInvalidXmlChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const bad =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff;
    if (!bad) out += ch;
  }
  return out;
}

/** xsd:token semantics: what the schema will see anyway, so lengths are checked on the same value. */
export function collapse(s: string): string {
  return stripInvalidXmlChars(s)
    .replace(/[\t\r\n ]+/g, ' ')
    .trim();
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

export function el(name: string, content?: string | XmlNode[], attrs?: Record<string, string>): XmlNode {
  if (typeof content === 'string') return { name, text: content, ...(attrs ? { attrs } : {}) };
  return { name, children: content ?? [], ...(attrs ? { attrs } : {}) };
}

function write(n: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = n.attrs
    ? Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('')
    : '';
  if (n.text !== undefined) {
    out.push(`${pad}<${n.name}${attrs}>${escapeText(n.text)}</${n.name}>`);
    return;
  }
  out.push(`${pad}<${n.name}${attrs}>`);
  for (const c of n.children ?? []) write(c, depth + 1, out);
  out.push(`${pad}</${n.name}>`);
}

export function serialize(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
