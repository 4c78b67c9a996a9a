/** What the source readers share: parts of a record without empty values, and errors that say where a source is at fault. */
import { DomainError } from '../../model/errors.js';

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
