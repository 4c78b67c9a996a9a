/** Access requests for controlled records. Rows are only ever added and decided, never deleted. */
import type { Knex } from 'knex';
import type { AccessRequestStatus } from '../model/access-request-schema.js';

export interface AccessRequestRow {
  id: number;
  record_id: number;
  requester_id: number;
  /** The requester's account name, joined from accounts. */
  requester_account: string;
  purpose: string;
  requester_name: string;
  requester_institution: string;
  status: AccessRequestStatus;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  access_until: string | null;
  created_at: string;
}

export type NewAccessRequest = Pick<AccessRequestRow, 'record_id' | 'requester_id' | 'purpose' | 'requester_name' | 'requester_institution' | 'created_at'>;
export type AccessRequestOutcome = Pick<AccessRequestRow, 'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'access_until'>;

function toRow(row: Record<string, unknown>): AccessRequestRow {
  return {
    ...(row as unknown as AccessRequestRow),
    id: Number(row.id),
    record_id: Number(row.record_id),
    requester_id: Number(row.requester_id),
    decided_by: row.decided_by == null ? null : Number(row.decided_by),
  };
}

function withRequester(db: Knex) {
  return db('access_requests as r').join('accounts as a', 'a.id', 'r.requester_id').select('r.*', 'a.name as requester_account');
}

export async function insertAccessRequest(db: Knex, request: NewAccessRequest): Promise<number> {
  const [inserted] = await db('access_requests').insert({ ...request, status: 'pending' }).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

export async function findAccessRequest(db: Knex, recordId: number, id: number): Promise<AccessRequestRow | undefined> {
  const row = await withRequester(db).where({ 'r.id': id, 'r.record_id': recordId }).first();
  return row ? toRow(row) : undefined;
}

/** A record's requests, oldest first; only those of one requester when `requesterId` is given. */
export async function accessRequestsOf(db: Knex, recordId: number, requesterId?: number): Promise<AccessRequestRow[]> {
  const query = withRequester(db).where('r.record_id', recordId).orderBy('r.id');
  if (requesterId !== undefined) query.andWhere('r.requester_id', requesterId);
  return (await query).map(toRow);
}

/** Settles a pending request; false if it was no longer pending. */
export async function settleAccessRequest(db: Knex, id: number, outcome: AccessRequestOutcome): Promise<boolean> {
  const changed = await db('access_requests').where({ id, status: 'pending' }).update(outcome);
  return changed > 0;
}

/** The latest end of an approved access period of one requester, for each of the given records that has one. */
export async function approvedAccessUntil(db: Knex, requesterId: number, recordIds: number[]): Promise<Map<number, string>> {
  if (recordIds.length === 0) return new Map();
  const rows: Array<{ record_id: unknown; access_until: string }> = await db('access_requests')
    .where({ requester_id: requesterId, status: 'approved' })
    .whereIn('record_id', recordIds)
    .groupBy('record_id')
    .select('record_id', db.raw('max(access_until) as access_until'));
  return new Map(rows.map((row) => [Number(row.record_id), row.access_until]));
}
