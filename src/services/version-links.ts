/**
 * Keeps the versions of a concept pointing at each other, through public versions only: each names the
 * newest public version as latest and its public neighbours as previous and next, so no version leaks one
 * the public cannot see. Run whenever a version becomes public; the versions whose public view changes get
 * a new datestamp (DESIGN invariant 2).
 */
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { FairRecord } from '../model/schema.js';
import { isHarvestable, isPublic } from '../policy/visibility.js';
import { updateRecord, versionsOf, type StoredRecord } from '../store/record-store.js';
import { queueDoiRegistration } from './doi-queue.js';
import { columnsFor } from './record-columns.js';

function factsOf(stored: StoredRecord) {
  const { record } = stored;
  return { status: record.status, accessLevel: record.access.level, releaseDate: record.access.releaseDate, publicSince: stored.publicSince };
}

const numberOf = (stored: StoredRecord) => stored.record.versions.versionNumber;

/** The versions block a version should have, given the versions the public can see. */
function linksFor(version: StoredRecord, publicVersions: StoredRecord[]): FairRecord['versions'] {
  const number = numberOf(version);
  const previous = publicVersions.filter((v) => numberOf(v) < number).at(-1);
  const next = publicVersions.find((v) => numberOf(v) > number);
  const latest = publicVersions.at(-1);
  return {
    conceptAccession: version.record.versions.conceptAccession,
    versionNumber: number,
    ...(latest ? { latestAccession: latest.record.accession } : {}),
    ...(previous ? { previousAccession: previous.record.accession } : {}),
    ...(next ? { nextAccession: next.record.accession } : {}),
  };
}

function sameLinks(a: FairRecord['versions'], b: FairRecord['versions']): boolean {
  return a.latestAccession === b.latestAccession && a.previousAccession === b.previousAccession && a.nextAccession === b.nextAccession;
}

export async function linkVersions(trx: Knex, config: Config, conceptAccession: string, now: Date): Promise<void> {
  const versions = await versionsOf(trx, conceptAccession);
  if (versions.length < 2) return;
  const publicVersions = versions.filter((v) => isPublic(factsOf(v), now)).sort((a, b) => numberOf(a) - numberOf(b));
  for (const version of versions) {
    const links = linksFor(version, publicVersions);
    if (sameLinks(links, version.record.versions)) continue;
    const seenByPublic = isHarvestable(factsOf(version), now);
    const datestamp = seenByPublic && version.record.datestamp < now.toISOString() ? now.toISOString() : version.record.datestamp;
    const updated: FairRecord = { ...version.record, versions: links, datestamp };
    await updateRecord(trx, version.id, columnsFor(updated, version.ownerId, version.publicSince));
    await queueDoiRegistration(trx, config, version, updated, now);
  }
}
