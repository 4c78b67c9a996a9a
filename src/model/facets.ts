/** The facet values of a record that search counts and filters by, derived from its document. */
import type { FairRecord } from './schema.js';

type FacetSource = Pick<FairRecord, 'rightsList' | 'publicationYear'>;

/** The first licence stated with an SPDX identifier, as SPDX spells it; null when none is stated. */
export function spdxLicenceId(record: Partial<FacetSource>): string | null {
  for (const rights of record.rightsList ?? []) {
    if (rights.rightsIdentifier && (rights.rightsIdentifierScheme ?? '').trim().toLowerCase() === 'spdx') return rights.rightsIdentifier;
  }
  return null;
}

export function publicationYearOf(record: Partial<FacetSource>): number | null {
  const year = Number(record.publicationYear);
  return Number.isInteger(year) && year > 0 ? year : null;
}
