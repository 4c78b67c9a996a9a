/**
 * When a record may be released and how its access may change: the release rules of the seeds'
 * policies, as pure functions the record service applies on every write.
 */
import type { FieldProblem } from '../model/errors.js';
import type { AccessLevel, FairRecord, RecordInput } from '../model/schema.js';

/** BioImage Archive policy 4: a release date may be up to two years from the time of submission. */
export const MAX_YEARS_BEFORE_RELEASE = 2;

/** The last release date a record submitted at `submitted` may have. */
export function latestReleaseDate(submitted: string): string {
  const limit = new Date(submitted);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_YEARS_BEFORE_RELEASE);
  return limit.toISOString().slice(0, 10);
}

export function releaseDateProblem(releaseDate: string, submitted: string): FieldProblem | undefined {
  const latest = latestReleaseDate(submitted);
  if (releaseDate <= latest) return undefined;
  return {
    field: '/access/releaseDate',
    rule: 'maximum',
    message: `${releaseDate} is more than ${MAX_YEARS_BEFORE_RELEASE} years after submission (${submitted.slice(0, 10)}); the latest release date is ${latest}`,
  };
}

/** How much each level keeps from the public: metadata and files, metadata only, nothing. */
const RESTRICTION: Record<AccessLevel, number> = { public: 0, registered: 1, controlled: 2, private: 3 };

/**
 * CNGBdb 2.1: data cannot be taken back once public (已公开的数据不能再申请变更数据管理形式为受控或私有). What
 * harvesters and users have received stays theirs, so a record that has been public may open further but
 * never close; only withdrawal remains.
 */
export function accessChangeProblem(from: AccessLevel, to: AccessLevel, hasBeenPublic: boolean): FieldProblem | undefined {
  if (!hasBeenPublic || RESTRICTION[to] <= RESTRICTION[from]) return undefined;
  return {
    field: '/access/level',
    rule: 'one-way',
    message: `the record has been public as ${from}; it cannot become ${to}. A public record can only be withdrawn`,
  };
}

/** Relations by which a dataset points at the article that publishes it. */
const PUBLICATION_RELATIONS = new Set(['IsSupplementTo', 'IsReferencedBy', 'IsCitedBy', 'IsDescribedBy', 'IsDocumentedBy', 'IsPublishedIn']);

/** STOmicsDB art. 11: a project is released when its publication is detected, i.e. a related journal article is recorded. */
export function citesJournalArticle(record: Pick<RecordInput | FairRecord, 'relatedIdentifiers'>): boolean {
  return (record.relatedIdentifiers ?? []).some((related) => related.resourceTypeGeneral === 'JournalArticle' && PUBLICATION_RELATIONS.has(related.relationType));
}
