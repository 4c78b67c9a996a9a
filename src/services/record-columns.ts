/**
 * The indexed columns of a record, derived from its document: written together with it on every write,
 * so the two never disagree (ADR 1).
 */
import { publicationYearOf, spdxLicenceId } from '../model/facets.js';
import { cstrKey, doiKey } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { sourceSetName } from '../model/source.js';
import type { RecordColumns } from '../store/record-store.js';

function searchText(record: FairRecord): string {
  const parts = [
    record.accession,
    record.doi,
    record.cstr,
    ...record.titles.map((t) => t.title),
    ...record.creators.map((c) => c.name),
    record.publisher.name,
    ...(record.subjects ?? []).map((s) => s.subject),
    ...(record.descriptions ?? []).map((d) => d.description.slice(0, 5_000)),
  ];
  return parts.filter(Boolean).join(' ').toLowerCase();
}

export function columnsFor(record: FairRecord, ownerId: number | null, publicSince: string | null): RecordColumns {
  return {
    accession: record.accession,
    doi_key: record.doi ? doiKey(record.doi) : null,
    cstr_key: record.cstr ? cstrKey(record.cstr) : null,
    status: record.status,
    access_level: record.access.level,
    release_date: record.access.releaseDate ?? null,
    embargo_end: record.access.embargoEnd ?? null,
    public_since: publicSince,
    owner_id: ownerId,
    source_repository: record.source?.repository ?? null,
    source_set: record.source ? sourceSetName(record.source) : null,
    resource_type: record.types.resourceTypeGeneral,
    concept_accession: record.versions.conceptAccession,
    datestamp: record.datestamp,
    created_at: record.created,
    updated_at: record.updated,
    search_text: searchText(record),
    licence_id: spdxLicenceId(record),
    publication_year: publicationYearOf(record),
    document: JSON.stringify(record),
  };
}

/** When the record first became public, after this write: kept once passed, set by a release, null while unreleased. */
export function publicSinceAfter(previous: string | null, record: FairRecord, now: Date): string | null {
  if (previous && previous <= now.toISOString()) return previous;
  if (record.access.level === 'private') return null;
  return record.status === 'released' || record.status === 'scheduled' ? record.datestamp : null;
}

