/** Recognising an XML format without parsing the document: by the namespace its metadata element is in. */

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether `text` declares `namespace` and has an element named `localName` (with any prefix): a bare
 * metadata document, or an OAI-PMH response whose metadata is in that namespace, whatever its request
 * claims the metadataPrefix was.
 */
export function declaresElementIn(text: string, namespace: string, localName: string): boolean {
  const declaration = new RegExp(`\\sxmlns(:[\\w.-]+)?\\s*=\\s*["']${escaped(namespace)}["']`);
  const element = new RegExp(`<([\\w.-]+:)?${escaped(localName)}[\\s/>]`);
  return /^\uFEFF?\s*</.test(text) && declaration.test(text) && element.test(text);
}
