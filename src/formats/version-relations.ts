/**
 * The relations between the versions of a concept, from the record's versions block: every format states
 * them as it states the record's own related identifiers.
 */
import type { FairRecord } from '../model/schema.js';
import { landingPageUrl, type RenderContext } from './format.js';

type RelatedIdentifier = NonNullable<FairRecord['relatedIdentifiers']>[number];

/** The concept of all versions, resolving to the newest public one (like a concept DOI). */
export function conceptUrl(record: FairRecord, context: RenderContext): string {
  return `${landingPageUrl(context, record.versions.conceptAccession)}/latest`;
}

/** Whether the record has other versions that anyone can see. */
export function hasPublicVersions(record: FairRecord): boolean {
  const { versions } = record;
  return Boolean(versions.previousAccession || versions.nextAccession || (versions.latestAccession && versions.latestAccession !== record.accession));
}

export function versionRelations(record: FairRecord, context: RenderContext): RelatedIdentifier[] {
  const { versions } = record;
  if (!hasPublicVersions(record)) return [];
  const url = (accession: string): RelatedIdentifier['relatedIdentifier'] => landingPageUrl(context, accession);
  const related: RelatedIdentifier[] = [];
  const resourceTypeGeneral = record.types.resourceTypeGeneral;
  if (versions.previousAccession) related.push({ relatedIdentifier: url(versions.previousAccession), relatedIdentifierType: 'URL', relationType: 'IsNewVersionOf', resourceTypeGeneral });
  if (versions.nextAccession) related.push({ relatedIdentifier: url(versions.nextAccession), relatedIdentifierType: 'URL', relationType: 'IsPreviousVersionOf', resourceTypeGeneral });
  related.push({ relatedIdentifier: conceptUrl(record, context), relatedIdentifierType: 'URL', relationType: 'IsVersionOf', resourceTypeGeneral });
  return related;
}
