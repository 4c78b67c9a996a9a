/**
 * What makes untrusted XML safe to read. Entity declarations are refused before any parser sees the
 * document: an external entity (SYSTEM or PUBLIC) can read local files or reach the network, and internal
 * ones can expand without bound ("billion laughs"); no metadata format needs either. Character references
 * and the five predefined entities are decoded here, once, and characters XML 1.0 does not allow (NUL and
 * the other C0 controls but tab, line feed and carriage return) are dropped, whether written raw or as a
 * reference, so that no stored text holds them.
 */
import { DomainError } from '../../model/errors.js';

/** Throws when the document declares entities or refers to an external DTD; comments and CDATA sections are skipped. */
export function refuseEntityDeclarations(xml: string): void {
  let i = 0;
  while ((i = xml.indexOf('<!', i)) !== -1) {
    const skipped = skipCommentOrCdata(xml, i);
    if (skipped === -1) return; // unterminated: the well-formedness check reports it
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (startsWithKeyword(xml, i + 2, 'ENTITY')) {
      throw new DomainError('bad_request', `line ${lineAt(xml, i)}: the document declares an entity (<!ENTITY …>); entity declarations are refused, never resolved or expanded`);
    }
    if (startsWithKeyword(xml, i + 2, 'DOCTYPE') && hasExternalIdentifier(xml, i)) {
      throw new DomainError('bad_request', `line ${lineAt(xml, i)}: the document type declaration refers to an external DTD (SYSTEM or PUBLIC); it is refused, never fetched`);
    }
    i += 2;
  }
}

/** The offset after a comment or CDATA section starting at `i`; `i` itself when there is none there; -1 when it never ends. */
function skipCommentOrCdata(xml: string, i: number): number {
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
  ] as const) {
    if (!xml.startsWith(open, i)) continue;
    const end = xml.indexOf(close, i + open.length);
    return end === -1 ? -1 : end + close.length;
  }
  return i;
}

function startsWithKeyword(xml: string, i: number, keyword: string): boolean {
  return xml.slice(i, i + keyword.length).toUpperCase() === keyword && !/[\w.:-]/.test(xml.charAt(i + keyword.length));
}

const EXTERNAL_DOCTYPE = /<!DOCTYPE\s+[^\s[>]+\s+(SYSTEM|PUBLIC)\b/iy;

function hasExternalIdentifier(xml: string, i: number): boolean {
  EXTERNAL_DOCTYPE.lastIndex = i;
  return EXTERNAL_DOCTYPE.test(xml);
}

/** The 1-based line of the character at `offset`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Characters XML 1.0 does not allow, and unpaired surrogates. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, '');
}

function isXmlCharacter(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(lt|gt|amp|quot|apos));/g;

/**
 * Text with its character references and predefined entities decoded in one pass, so `&amp;lt;` becomes
 * `&lt;` and no further. A reference to a character XML does not allow is dropped; any other `&name;` is
 * kept as written, since nothing declares it.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name) return PREDEFINED[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    return isXmlCharacter(code) ? String.fromCodePoint(code) : '';
  });
}
