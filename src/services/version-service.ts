/**
 * New versions of a released record (the journal policy's data update: "the author shall initiate the
 * creation of a new version"). A version is a record of its own, with its own identifiers, sharing the
 * concept accession of the first; it starts from the newest version's metadata, without its identifiers
 * and files, as a draft unless the request says otherwise, and goes through the same release rules.
 */
import jsonMergePatch from 'json-merge-patch';
import { DomainError, ValidationError } from '../model/errors.js';
import type { FairRecord } from '../model/schema.js';
import { validateRecordInput } from '../model/validate.js';
import type { Principal } from '../policy/principal.js';
import { canCreateVersion, canView, effectiveStatus, isHarvestable, isPublic } from '../policy/visibility.js';
import { versionsOf, type StoredRecord } from '../store/record-store.js';
import type { ServiceContext } from './context.js';
import { editableView, loadVisible, presentRecord, requireAccount, storeNewRecord, visibilityFacts } from './record-service.js';

function newest(versions: StoredRecord[]): StoredRecord {
  return versions.reduce((a, b) => (b.record.versions.versionNumber > a.record.versions.versionNumber ? b : a));
}

function isUnreleased(stored: StoredRecord, now: Date): boolean {
  const status = effectiveStatus({ status: stored.record.status, releaseDate: stored.record.access.releaseDate }, now);
  return status === 'draft' || status === 'scheduled';
}

/** The newest version's metadata, to be edited into the next one: no accession, identifiers, files or status. */
function startingPoint(record: FairRecord, versionNumber: number): Record<string, unknown> {
  const { accession: _a, doi: _d, cstr: _c, files: _f, status: _s, ...metadata } = editableView(record);
  return { ...metadata, version: String(versionNumber), status: 'draft' };
}

export async function createVersion(context: ServiceContext, principal: Principal, accession: string, patch: unknown = {}): Promise<FairRecord> {
  requireAccount(principal);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ValidationError([{ field: '', rule: 'type', message: 'the new version is given as a JSON merge patch: a JSON object' }]);
  }
  const now = context.now();
  const source = await loadVisible(context.db, principal, accession, now);
  if (!canCreateVersion(principal, visibilityFacts(source))) {
    throw new DomainError('forbidden', `only the owner of record ${accession} or a curator may make a new version of it`);
  }
  if (presentRecord(source.record, now).status !== 'released') {
    throw new DomainError('conflict', `record ${accession} is not released: change it instead of making a new version`);
  }
  const concept = source.record.versions.conceptAccession;
  const existing = await versionsOf(context.db, concept);
  const first = existing.find((version) => version.record.accession === concept);
  // The concept is named by its first version: while that is private, naming it would reveal it.
  if (!first || !isHarvestable(visibilityFacts(first), now)) {
    throw new DomainError('conflict', `the first version of record ${accession} is not public: change it in place, or make it public first`);
  }
  const basis = newest(existing);
  const versionNumber = basis.record.versions.versionNumber + 1;
  const input = validateRecordInput(jsonMergePatch.apply(startingPoint(presentRecord(basis.record, now), versionNumber), patch));

  return storeNewRecord(context, principal, input, async (trx) => {
    const versions = await versionsOf(trx, concept);
    const unreleased = versions.find((version) => isUnreleased(version, now));
    if (unreleased) {
      throw new DomainError('conflict', `version ${unreleased.record.accession} of ${concept} is not released yet: change or release it before making another`, undefined, {
        unreleased: unreleased.record.accession,
      });
    }
    if (newest(versions).id !== basis.id) throw new DomainError('conflict', `another version of ${concept} was made meanwhile; retry`);
    const publicVersions = versions.filter((version) => isPublic(visibilityFacts(version), now));
    const latestPublic = publicVersions.length > 0 ? newest(publicVersions).record.accession : undefined;
    return () => ({
      conceptAccession: concept,
      versionNumber,
      ...(latestPublic ? { latestAccession: latestPublic, previousAccession: latestPublic } : {}),
    });
  });
}

export interface VersionSummary {
  accession: string;
  versionNumber: number;
  version?: string;
  status: FairRecord['status'];
  doi?: string;
  cstr?: string;
  created: string;
}

/** The versions of a record's concept that the caller may see, oldest first. */
export async function listVersions(context: ServiceContext, principal: Principal, accession: string): Promise<VersionSummary[]> {
  const now = context.now();
  const record = await loadVisible(context.db, principal, accession, now);
  const versions = await versionsOf(context.db, record.record.versions.conceptAccession);
  const visible: VersionSummary[] = [];
  for (const version of versions) {
    if (!canView(principal, visibilityFacts(version), now)) continue;
    const shown = presentRecord(version.record, now);
    visible.push({
      accession: shown.accession,
      versionNumber: shown.versions.versionNumber,
      ...(shown.version ? { version: shown.version } : {}),
      status: shown.status,
      ...(shown.doi ? { doi: shown.doi } : {}),
      ...(shown.cstr ? { cstr: shown.cstr } : {}),
      created: shown.created,
    });
  }
  return visible.sort((a, b) => a.versionNumber - b.versionNumber);
}

/** The newest version of a record's concept that the caller may see: where the concept's URL leads. */
export async function latestVersionOf(context: ServiceContext, principal: Principal, accession: string): Promise<string> {
  const now = context.now();
  const record = await loadVisible(context.db, principal, accession, now);
  const visible = (await versionsOf(context.db, record.record.versions.conceptAccession)).filter(
    (version) => canView(principal, visibilityFacts(version), now) && presentRecord(version.record, now).status === 'released',
  );
  return visible.length > 0 ? newest(visible).record.accession : record.record.accession;
}
