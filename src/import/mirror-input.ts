/**
 * What an imported record is stored as: the reader's record with where it came from. Pure, so that the
 * reader thread can build and validate it ahead of the import (see prepareItem).
 */
import type { FieldProblem } from '../model/errors.js';
import { recordInputProblems } from '../model/validate.js';
import type { ImportItem, ImportSource } from '../services/import-service.js';

/** The identity of a mirror: its source's name and its identifier there. */
export function sourceKey(sourceName: string, sourceIdentifier: string): string {
  return `${sourceName}:${sourceIdentifier}`;
}

export function sourceNameOf(item: ImportItem, source: ImportSource): string {
  const read = (item.record?.source as { name?: unknown } | undefined)?.name;
  return source.name ?? (typeof read === 'string' && read ? read : 'import');
}

/** The record as it will be stored: the reader's record, with where it came from. */
export function mirrorInput(item: ImportItem, source: ImportSource, name: string, harvestDate: string): Record<string, unknown> {
  const record = item.record!;
  const read = (record.source ?? {}) as Record<string, unknown>;
  return {
    ...record,
    source: {
      ...read,
      repository: read.repository ?? source.repository ?? name,
      name,
      ...(source.baseUrl && !read.baseUrl ? { baseUrl: source.baseUrl } : {}),
      originalIdentifier: read.originalIdentifier ?? item.sourceIdentifier,
      ...((item.sourceDatestamp ?? read.datestamp) ? { datestamp: item.sourceDatestamp ?? read.datestamp } : {}),
      ...((read.metadataNamespace ?? source.metadataNamespace) ? { metadataNamespace: read.metadataNamespace ?? source.metadataNamespace } : {}),
      harvestDate,
    },
  };
}

/**
 * An item made ready for the importer ahead of its import: its source name, and its record as a mirror's
 * input (harvested at the moment given) with the problems validation finds in it. The importer then only
 * looks the mirror up and stores it.
 */
export interface PreparedItem extends Omit<ImportItem, 'record'> {
  sourceName: string;
  /** Absent when the item has no record (`error`, `deleted`). */
  mirror?: { input: Record<string, unknown>; problems: FieldProblem[] };
}

export function prepareItem(item: ImportItem, source: ImportSource, harvestDate: string): PreparedItem {
  const { record: _record, ...header } = item;
  const sourceName = sourceNameOf(item, source);
  if (!item.record || item.error || item.deleted) return { ...header, sourceName };
  const input = mirrorInput(item, source, sourceName, harvestDate);
  return { ...header, sourceName, mirror: { input, problems: recordInputProblems(input, 'source') } };
}
