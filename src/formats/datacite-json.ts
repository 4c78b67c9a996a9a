/**
 * DataCite REST API JSON: the `attributes` of a DOI as api.datacite.org returns them with
 * `?publisher=true&affiliation=true`, told from the same DataCite view of the record as the XML (its
 * accession and CSTR, source, release date and access right included). DataCite's `container` is left
 * out: DataCite guesses it from series text, and the properties it is made from are all here.
 */
import type { FairRecord } from '../model/schema.js';
import {
  dataCiteAlternateIdentifiers,
  dataCiteDates,
  dataCiteRelatedIdentifiers,
  dataCiteRightsList,
  DATACITE_NAMESPACE,
} from './datacite-xml.js';
import { dataCiteTypes } from './datacite-types.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { withSpdxDetails } from './spdx-rights.js';

export const DATACITE_JSON_MEDIA_TYPE = 'application/vnd.datacite.datacite+json';

type Person = FairRecord['creators'][number];

/** DataCite's states: a withdrawn DOI stays registered but leaves the index, with the reason given. */
function stateOf(record: FairRecord): 'draft' | 'registered' | 'findable' {
  switch (record.status) {
    case 'released':
      return 'findable';
    case 'withdrawn':
      return 'registered';
    default:
      return 'draft';
  }
}

/** DataCite always lists a person's identifiers and affiliations, if only as empty lists. */
function person<T extends Person>(p: T): T {
  return { ...p, nameIdentifiers: p.nameIdentifiers ?? [], affiliation: p.affiliation ?? [] };
}

function identity(record: FairRecord) {
  return {
    ...(record.doi ? { doi: record.doi } : {}),
    identifiers: dataCiteAlternateIdentifiers(record).map((a) => ({ identifier: a.alternateIdentifier, identifierType: a.alternateIdentifierType })),
    creators: record.creators.map(person),
    titles: record.titles,
    publisher: record.publisher,
    publicationYear: record.publicationYear,
  };
}

function common(record: FairRecord, context: RenderContext) {
  return {
    url: landingPageUrl(context, record.accession),
    schemaVersion: DATACITE_NAMESPACE,
    state: stateOf(record),
  };
}

/** What remains of a withdrawn record, with the withdrawal as DataCite states it: a date, a state and a reason. */
function withdrawnAttributes(record: FairRecord, context: RenderContext): Record<string, unknown> {
  return {
    ...identity(record),
    dates: dataCiteDates(record),
    types: dataCiteTypes(record.types),
    ...common(record, context),
    ...(record.tombstone ? { reason: record.tombstone.reason } : {}),
  };
}

/** The attributes in the order DataCite serializes them; lists are always present, absent single values left out. */
export function dataCiteAttributes(record: FairRecord, context: RenderContext): Record<string, unknown> {
  if (record.status === 'withdrawn') return withdrawnAttributes(record, context);
  return {
    ...identity(record),
    subjects: record.subjects ?? [],
    contributors: (record.contributors ?? []).map(person),
    dates: dataCiteDates(record),
    ...(record.language ? { language: record.language } : {}),
    types: dataCiteTypes(record.types),
    relatedIdentifiers: dataCiteRelatedIdentifiers(record, context),
    relatedItems: record.relatedItems ?? [],
    sizes: record.sizes ?? [],
    formats: record.formats ?? [],
    ...(record.version ? { version: record.version } : {}),
    rightsList: dataCiteRightsList(record, context).map(withSpdxDetails),
    descriptions: record.descriptions ?? [],
    geoLocations: record.geoLocations ?? [],
    fundingReferences: record.fundingReferences ?? [],
    ...common(record, context),
  };
}

export const dataCiteJsonFormat: OutputFormat = {
  name: 'datacite-json',
  mediaTypes: [DATACITE_JSON_MEDIA_TYPE],
  contentType: DATACITE_JSON_MEDIA_TYPE,
  extension: 'json',
  render: (record, context) => JSON.stringify(dataCiteAttributes(record, context), null, 2),
};
