/** What the source readers share: parts of a record without empty values, errors that say where a source is at fault, and items of records read one by one. */
import { DomainError } from '../../model/errors.js';
import type { RecordInput } from '../../model/schema.js';
import type { ImportItem } from '../import-item.js';
import type { XmlElement } from './xml-tree.js';

type Source = NonNullable<RecordInput['source']>;

/**
 * A record input as a reader gives it: its source says what the document says about where the record
 * came from (its identifier and datestamp there, the licence as stated); the importer names the source.
 */
export type ReadRecord = Omit<RecordInput, 'source'> & { source?: Partial<Source> };

/** `object` without its undefined values, so that a record holds only what its source stated. */
export function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** DataCite's lists are optional and left out rather than kept empty. */
export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** A source record that cannot be read, at `path` (an element path such as `resource/creators/creator[2]`, or a field path). */
export function unreadable(path: string, message: string): DomainError {
  return new DomainError('invalid_record', `${path}: ${message}`, path);
}

export function trimmed(text: string | undefined): string | undefined {
  const value = text?.trim();
  return value ? value : undefined;
}

/** A four-digit year, as DataCite writes publicationYear. */
export function yearOf(text: string | number | undefined, path: string): number {
  const year = String(text ?? '').trim();
  if (!/^\d{4}$/.test(year)) throw unreadable(path, `${JSON.stringify(text ?? null)} is not a four-digit year`);
  return Number(year);
}

/** A decimal coordinate, written as a number or as text. */
export function coordinateOf(value: string | number | undefined, path: string): number {
  const text = String(value ?? '').trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw unreadable(path, `${JSON.stringify(value ?? null)} is not a number`);
  return Number(text);
}

/** One source record read into an item: a record it cannot read becomes the item's error, and the other records are still read. */
export function itemOf(sourceIdentifier: string, read: () => Record<string, unknown>, header: Omit<ImportItem, 'sourceIdentifier'> = {}): ImportItem {
  try {
    return { sourceIdentifier, ...header, record: read() };
  } catch (error) {
    if (error instanceof DomainError) return { sourceIdentifier, ...header, error: error.message };
    throw error;
  }
}

/**
 * The records of a document that is not an OAI-PMH response, each read on its own, named by `identify`
 * (a DOI, say) or else by their position (`resource[2]`), which also names them in error messages.
 */
export function itemsOfElements(
  elements: XmlElement[],
  name: string,
  read: (element: XmlElement, path: string) => Record<string, unknown>,
  identify: (element: XmlElement) => string | undefined,
): ImportItem[] {
  return elements.map((element, i) => {
    const path = elements.length > 1 ? `${name}[${i + 1}]` : name;
    return itemOf(identify(element) ?? path, () => read(element, path));
  });
}
