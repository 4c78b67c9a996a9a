import type { FairRecord } from './schema.js';

/** The short name of an imported record's source: the one it was given, or one made from the repository's name. */
export function sourceSetName(source: NonNullable<FairRecord['source']>): string {
  if (source.name) return source.name;
  const slug = source.repository
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'unnamed';
}
