/**
 * Property-by-property comparison of a DataCite document with its re-export: every property of the
 * original must be found in the re-export, which may add properties of its own (the accession, the COAR
 * access right, …).
 */
import type { XmlElement } from '../formats/render-fixtures.js';

/** DataCite's wrapper elements: their items are the properties; every other child of `resource` is one itself. */
const WRAPPERS = new Set([
  'creators',
  'titles',
  'subjects',
  'contributors',
  'dates',
  'alternateIdentifiers',
  'relatedIdentifiers',
  'sizes',
  'formats',
  'rightsList',
  'descriptions',
  'geoLocations',
  'fundingReferences',
  'relatedItems',
]);

/** Coordinates are numbers: 41.090 and 41.09 are the same latitude. */
const NUMERIC = new Set(['pointLongitude', 'pointLatitude', 'westBoundLongitude', 'eastBoundLongitude', 'southBoundLatitude', 'northBoundLatitude']);

const isDeclaration = (name: string) => name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:');

function textOf(element: XmlElement): string {
  const text = element.text.trim();
  return NUMERIC.has(element.name) && text !== '' ? String(Number(text)) : text;
}

function isEmpty(element: XmlElement): boolean {
  return textOf(element) === '' && Object.keys(element.attributes).length === 0 && element.children.length === 0;
}

/** The properties of a `<resource>`: one entry per item of a wrapper, and per other child element. */
export function propertiesOf(resource: XmlElement): Array<{ path: string; element: XmlElement }> {
  return resource.children.flatMap((child) =>
    WRAPPERS.has(child.name)
      ? child.children.filter((item) => !isEmpty(item)).map((item) => ({ path: `${child.name}/${item.name}`, element: item }))
      : [{ path: child.name, element: child }],
  );
}

/** Does `exported` state all that `original` does: its attributes, its text, and (recursively) its children? */
function covers(exported: XmlElement, original: XmlElement): boolean {
  if (exported.name !== original.name || textOf(exported) !== textOf(original)) return false;
  const attributesKept = Object.entries(original.attributes).every(([name, value]) => isDeclaration(name) || exported.attributes[name] === value.trim());
  return attributesKept && matchAll(exported.children, original.children.filter((child) => !isEmpty(child))).length === 0;
}

/** The originals that no distinct candidate covers. */
function matchAll(candidates: XmlElement[], originals: XmlElement[]): XmlElement[] {
  const unused = [...candidates];
  return originals.filter((original) => {
    const index = unused.findIndex((candidate) => covers(candidate, original));
    if (index < 0) return true;
    unused.splice(index, 1);
    return false;
  });
}

export function describeElement(element: XmlElement): string {
  const attributes = Object.entries(element.attributes)
    .filter(([name]) => !isDeclaration(name))
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  return `<${element.name}${attributes}>${textOf(element)}${element.children.map(describeElement).join('')}</${element.name}>`;
}

/** The properties of the original resource that the re-exported one lacks, described for a failure message. */
export function missingProperties(original: XmlElement, exported: XmlElement): string[] {
  const originals = propertiesOf(original);
  const exportedProperties = propertiesOf(exported);
  return [...new Set(originals.map((p) => p.path))].flatMap((path) => {
    const at = (properties: typeof originals) => properties.filter((p) => p.path === path).map((p) => p.element);
    return matchAll(at(exportedProperties), at(originals)).map((element) => `${path}: ${describeElement(element)}`);
  });
}

// ---------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------

function isEmptyJson(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmptyJson);
  if (typeof value === 'object') return Object.values(value).every(isEmptyJson);
  return false;
}

/**
 * The paths of `original` whose values `exported` lacks. Lists match item by item in any order; numbers
 * match their text (DataCite writes a year or a coordinate either way); a name given as text matches the
 * object form DataCite also uses (`"publisher": "Dryad"` and `"publisher": {"name": "Dryad"}`).
 */
export function missingJson(original: unknown, exported: unknown, path = ''): string[] {
  if (isEmptyJson(original)) return [];
  if (Array.isArray(original)) {
    const unused = Array.isArray(exported) ? [...exported] : [];
    return original.flatMap((item, i) => {
      if (isEmptyJson(item)) return [];
      const index = unused.findIndex((candidate) => missingJson(item, candidate).length === 0);
      if (index < 0) return [`${path}[${i}]`];
      unused.splice(index, 1);
      return [];
    });
  }
  if (typeof original === 'object') {
    const target = (exported ?? {}) as Record<string, unknown>;
    return Object.entries(original as Record<string, unknown>).flatMap(([key, value]) => missingJson(value, target[key], `${path}.${key}`));
  }
  const candidate = typeof exported === 'object' && exported !== null && 'name' in exported ? (exported as { name: unknown }).name : exported;
  return String(original).trim() === String(candidate ?? '').trim() ? [] : [path];
}
