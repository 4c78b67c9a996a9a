/**
 * XML building with the safeguards every output needs: characters that XML 1.0 forbids (C0 controls,
 * U+FFFE, U+FFFF, lone surrogates) are dropped by xmlbuilder2 itself, so no stored text can make a
 * response ill-formed (DESIGN invariant 6).
 */
import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export type { XMLBuilder };

const SAFE = { invalidCharReplacement: '' } as const;

/**
 * Stored text, ready for `.txt()` or `.att()`. xmlbuilder2 leaves an "&" alone when it starts something
 * shaped like an entity or a character reference (`&nbsp;`, `&amp;`, `&#1;`), assuming the text was escaped
 * already. Stored text never is, so that "&" is escaped here first: "&nbsp;" copied from HTML comes out as
 * the literal text, not as an undefined entity that would make the document ill-formed.
 */
export function xmlText(value: string): string {
  return value.replace(/&(?=[A-Za-z]+;|#\d+;)/g, '&amp;');
}

/** A new document; serialize with `serializeDocument`. */
export function xmlDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8', ...SAFE });
}

/** A new fragment, for XML that is embedded in a larger document; serialize with `serializeFragment`. */
export function xmlFragment(): XMLBuilder {
  return fragment(SAFE);
}

export function serializeDocument(document: XMLBuilder): string {
  return document.end({ headless: false, prettyPrint: false });
}

export function serializeFragment(node: XMLBuilder): string {
  return node.end({ headless: true, prettyPrint: false });
}

/** The XML declaration in front of a serialized fragment makes it a standalone document. */
export function asDocument(fragmentXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${fragmentXml}`;
}

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
