/** Reviewer links. The token is never stored: only its keyed hash, by which a link is found. */
import type { Knex } from 'knex';

export interface ReviewLinkRow {
  id: number;
  record_id: number;
  token_hash: string;
  label: string | null;
  anonymous: boolean;
  include_files: boolean;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** SQLite hands booleans back as 0 and 1, PostgreSQL as booleans. */
function toRow(row: Record<string, unknown>): ReviewLinkRow {
  return {
    ...(row as unknown as ReviewLinkRow),
    id: Number(row.id),
    record_id: Number(row.record_id),
    created_by: row.created_by == null ? null : Number(row.created_by),
    anonymous: Boolean(row.anonymous),
    include_files: Boolean(row.include_files),
  };
}

export async function insertReviewLink(db: Knex, link: Omit<ReviewLinkRow, 'id' | 'revoked_at'>): Promise<ReviewLinkRow> {
  const [inserted] = await db('review_links').insert(link).returning('id');
  const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
  return { ...link, id, revoked_at: null };
}

export async function findReviewLinkByHash(db: Knex, tokenHash: string): Promise<ReviewLinkRow | undefined> {
  const row = await db('review_links').where({ token_hash: tokenHash }).first();
  return row ? toRow(row) : undefined;
}

export async function reviewLinksOf(db: Knex, recordId: number): Promise<ReviewLinkRow[]> {
  return (await db('review_links').where({ record_id: recordId }).orderBy('id')).map(toRow);
}

export async function revokeReviewLink(db: Knex, recordId: number, id: number, revokedAt: string): Promise<boolean> {
  const changed = await db('review_links').where({ id, record_id: recordId }).whereNull('revoked_at').update({ revoked_at: revokedAt });
  return changed > 0;
}

/** Is there a link to the record that works at `now`? */
export async function hasActiveReviewLink(db: Knex, recordId: number, now: string): Promise<boolean> {
  const row = await db('review_links').where({ record_id: recordId }).whereNull('revoked_at').andWhere('expires_at', '>', now).first('id');
  return row !== undefined;
}
