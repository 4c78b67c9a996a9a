/**
 * XML read into elements with their namespaces resolved, so that readers match elements by namespace and
 * local name whatever prefixes a source chose, and ignore elements of other vocabularies mixed in.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../../model/errors.js';

export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI; empty for an element in no namespace. */
  namespace: string;
  /** Attribute values by local name for unprefixed attributes, by qualified name (`xml:lang`) for the others. */
  attributes: Record<string, string>;
  /** Text and child elements in document order. */
  content: Array<string | XmlElement>;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The document element of `text`; a byte order mark before the XML declaration is allowed. */
export function parseXml(text: string): XmlElement {
  const xml = text.replace(/^\uFEFF/, '');
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    throw new DomainError('bad_request', `not well-formed XML (line ${check.err.line}, column ${check.err.col}): ${check.err.msg}`);
  }
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find((node) => !('#text' in node));
  if (!root) throw new DomainError('bad_request', 'the XML document has no element');
  return toElement(root, { xml: XML_NAMESPACE });
}

function toElement(node: OrderedNode, inScope: Record<string, string>): XmlElement {
  const qualifiedName = Object.keys(node).find((key) => key !== ':@')!;
  const rawAttributes = node[':@'] ?? {};
  const namespaces = { ...inScope };
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns') namespaces[''] = value;
    else if (name.startsWith('xmlns:')) namespaces[name.slice('xmlns:'.length)] = value;
    else attributes[name] = value;
  }
  const [prefix, name] = qualifiedName.includes(':') ? (qualifiedName.split(':', 2) as [string, string]) : ['', qualifiedName];
  const content = (node[qualifiedName] as OrderedNode[]).map((child) => ('#text' in child ? String(child['#text']) : toElement(child, namespaces)));
  return { name, namespace: namespaces[prefix] ?? '', attributes, content };
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.content.filter((item): item is XmlElement => typeof item !== 'string');
}

/** The element's own text, its children's left out. */
export function ownText(element: XmlElement): string {
  return element.content.filter((item): item is string => typeof item === 'string').join('');
}

/** Every element below `root` (itself included) that `matches`, not looking inside the ones found. */
export function findElements(root: XmlElement, matches: (element: XmlElement) => boolean): XmlElement[] {
  if (matches(root)) return [root];
  return childElements(root).flatMap((child) => findElements(child, matches));
}
