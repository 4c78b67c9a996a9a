/**
 * File URLs only for callers who may download now. Every JSON API answer carrying records passes through
 * here, so registered, controlled and embargoed files are described (name, size, checksum, format) but
 * never linked for a caller who may not fetch them.
 */
import type { Knex } from 'knex';
import type { FairRecord } from '../model/schema.js';
import { canDownload, type AccessGrant, type DownloadFacts } from '../policy/downloads.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { approvedAccessUntil } from '../store/access-request-store.js';

export interface RecordForCaller {
  recordId: number;
  facts: DownloadFacts;
  record: FairRecord;
}

/** The caller's approved access to each of the given controlled records they do not own. */
export async function grantsOf(db: Knex, principal: Principal, items: Array<Pick<RecordForCaller, 'recordId' | 'facts'>>): Promise<Map<number, AccessGrant>> {
  if (principal.kind !== 'account' || isStaff(principal)) return new Map();
  const candidates = items.filter((item) => item.facts.accessLevel === 'controlled' && item.facts.ownerId !== principal.accountId).map((item) => item.recordId);
  const until = await approvedAccessUntil(db, principal.accountId, candidates);
  return new Map([...until].map(([recordId, accessUntil]) => [recordId, { requesterId: principal.accountId, accessUntil }]));
}

function withoutFileUrls(record: FairRecord): FairRecord {
  if (!record.files?.some((file) => file.url !== undefined)) return record;
  return { ...record, files: record.files.map(({ url: _url, ...file }) => file) };
}

export async function withFileAccess(db: Knex, principal: Principal, items: RecordForCaller[], now: Date): Promise<FairRecord[]> {
  const grants = await grantsOf(db, principal, items);
  return items.map((item) => (canDownload(principal, item.facts, now, grants.get(item.recordId)) ? item.record : withoutFileUrls(item.record)));
}
