/**
 * XML read into elements with their namespaces resolved, so that readers match elements by namespace and
 * local name whatever prefixes a source chose, and ignore elements of other vocabularies mixed in. Every
 * document passes the guards of xml-guards.ts first: no entity is ever declared, resolved or expanded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../../model/errors.js';
import { decodeReferences, refuseEntityDeclarations, withoutForbiddenCharacters } from './xml-guards.js';

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

/** How deep elements may nest; metadata documents, OAI-PMH envelope included, need a dozen levels. */
export const MAX_XML_DEPTH = 100;

const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // References are decoded by decodeReferences, once; the parser expands nothing.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  maxNestedTags: MAX_XML_DEPTH,
});

/** The document element of `text`; a byte order mark before the XML declaration is allowed. */
export function parseXml(text: string): XmlElement {
  const xml = withoutForbiddenCharacters(text.replace(/^\uFEFF/, ''));
  refuseEntityDeclarations(xml);
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    throw new DomainError('bad_request', `not well-formed XML (line ${check.err.line}, column ${check.err.col}): ${check.err.msg}`);
  }
  const root = parse(xml).find((node) => !('#text' in node));
  if (!root) throw new DomainError('bad_request', 'the XML document has no element');
  return toElement(root, new Map([['xml', XML_NAMESPACE]]));
}

function parse(xml: string): OrderedNode[] {
  try {
    return parser.parse(xml) as OrderedNode[];
  } catch (error) {
    const message = (error as Error).message;
    if (/nested tags/i.test(message)) throw new DomainError('bad_request', `elements are nested more than ${MAX_XML_DEPTH} deep`);
    throw new DomainError('bad_request', `not well-formed XML: ${message}`);
  }
}

function toElement(node: OrderedNode, inScope: ReadonlyMap<string, string>): XmlElement {
  const qualifiedName = Object.keys(node).find((key) => key !== ':@')!;
  const namespaces = new Map(inScope);
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, raw] of Object.entries(node[':@'] ?? {})) {
    const value = decodeReferences(raw);
    if (name === 'xmlns') namespaces.set('', value);
    else if (name.startsWith('xmlns:')) namespaces.set(name.slice('xmlns:'.length), value);
    else attributes[name] = value;
  }
  const [prefix, name] = qualifiedName.includes(':') ? (qualifiedName.split(':', 2) as [string, string]) : ['', qualifiedName];
  const content = (node[qualifiedName] as OrderedNode[]).map((child) => contentOf(child, namespaces));
  return { name, namespace: namespaces.get(prefix) ?? '', attributes, content };
}

function contentOf(child: OrderedNode, namespaces: ReadonlyMap<string, string>): string | XmlElement {
  if ('#text' in child) return decodeReferences(String(child['#text']));
  if (CDATA in child) return (child[CDATA] as OrderedNode[]).map((part) => String(part['#text'] ?? '')).join('');
  return toElement(child, namespaces);
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
