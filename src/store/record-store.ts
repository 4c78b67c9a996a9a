/**
 * Record queries. A record is kept as its JSON document plus the columns that lists, lookups and
 * visibility need; both are always written together.
 */
import type { Knex } from 'knex';
import type { AccessLevel, FairRecord, RecordStatus } from '../model/schema.js';
import type { ListFilter } from '../policy/visibility.js';

export interface RecordRow {
  id: number;
  accession: string;
  doi_key: string | null;
  cstr_key: string | null;
  status: RecordStatus;
  access_level: AccessLevel;
  release_date: string | null;
  embargo_end: string | null;
  public_since: string | null;
  owner_id: number | null;
  source_repository: string | null;
  source_set: string | null;
  resource_type: string;
  concept_accession: string;
  datestamp: string;
  created_at: string;
  updated_at: string;
  search_text: string;
  /** The first licence stated with an SPDX identifier. */
  licence_id: string | null;
  publication_year: number | null;
  document: string;
  /** Set on imported records: the source name and the record's identifier there. */
  source_key: string | null;
}

/** The columns every write derives from the document; `source_key` is written by imports and detaching only. */
export type RecordColumns = Omit<RecordRow, 'id' | 'source_key' | 'licence_id' | 'publication_year'> & Partial<Pick<RecordRow, 'licence_id' | 'publication_year'>>;

export interface StoredRecord {
  id: number;
  ownerId: number | null;
  publicSince: string | null;
  /** The source record this one mirrors, while it does. */
  sourceKey: string | null;
  record: FairRecord;
}

function toStored(row: RecordRow): StoredRecord {
  const document = typeof row.document === 'string' ? row.document : JSON.stringify(row.document);
  return {
    id: Number(row.id),
    ownerId: row.owner_id == null ? null : Number(row.owner_id),
    publicSince: row.public_since,
    sourceKey: row.source_key ?? null,
    record: JSON.parse(document),
  };
}

export async function insertRecord(db: Knex, columns: RecordColumns & { source_key?: string | null }): Promise<number> {
  const [inserted] = await db('records').insert(columns).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/** Every write to a record is a new revision, which its stored renderings must catch up with. */
export async function updateRecord(db: Knex, id: number, columns: Partial<RecordColumns> & { source_key?: string | null }): Promise<void> {
  await db('records').where({ id }).update({ ...columns, revision: db.raw('revision + 1'), needs_rendering: true });
}

/** No stored key holds NUL (no record may), and PostgreSQL refuses the character in a query outright. */
export function couldBeStored(value: string): boolean {
  return !value.includes('\u0000');
}

export async function findRecordBy(
  db: Knex,
  column: 'accession' | 'doi_key' | 'cstr_key' | 'source_key',
  value: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredRecord | undefined> {
  if (!couldBeStored(value)) return undefined;
  const query = db<RecordRow>('records').where(column, value).first();
  if (options.forUpdate && db.client.config.client === 'pg') query.forUpdate();
  const row = await query;
  return row ? toStored(row as RecordRow) : undefined;
}

export async function findRecordById(db: Knex, id: number): Promise<StoredRecord | undefined> {
  const row = await db<RecordRow>('records').where('id', id).first();
  return row ? toStored(row as RecordRow) : undefined;
}

/** Every version of a concept, oldest first. */
export async function versionsOf(db: Knex, conceptAccession: string): Promise<StoredRecord[]> {
  const rows = (await db<RecordRow>('records').where('concept_accession', conceptAccession).orderBy('id')) as RecordRow[];
  return rows.map(toStored);
}

/** Scheduled records whose release date has come (`today` or earlier). */
export async function dueScheduledRecords(db: Knex, today: string, limit: number): Promise<StoredRecord[]> {
  const rows = (await db<RecordRow>('records').where('status', 'scheduled').andWhere('release_date', '<=', today).orderBy('id').limit(limit)) as RecordRow[];
  return rows.map(toStored);
}

/** The accession of the record holding a DOI or CSTR key, other than the record `exceptId`. */
export async function holderOf(db: Knex, column: 'doi_key' | 'cstr_key', key: string, exceptId?: number): Promise<StoredRecord | undefined> {
  if (!couldBeStored(key)) return undefined;
  const query = db<RecordRow>('records').where(column, key);
  if (exceptId !== undefined) query.whereNot('id', exceptId);
  const row = await query.first();
  return row ? toStored(row as RecordRow) : undefined;
}

/**
 * Takes the next accession serial inside the caller's transaction. The row lock (PostgreSQL) or the
 * single writer (SQLite) serializes concurrent creates, and a rolled-back create gives its number back,
 * so minted accessions have no gaps.
 */
export async function takeNextSerial(trx: Knex.Transaction, name = 'accession'): Promise<number> {
  await trx('sequences').where({ name }).increment('value', 1);
  const row = await trx('sequences').where({ name }).first('value');
  return Number(row.value);
}

export interface ListQuery {
  filter: ListFilter;
  /** Lower-case words that must all occur in the record's searchable text. */
  words: string[];
  status?: RecordStatus;
  /** Today's date, for telling scheduled records whose day has come from those still waiting. */
  today: string;
  accessLevel?: AccessLevel;
  /** Return records with id below this (newest first). */
  beforeId?: number;
  limit: number;
}

/** The SQL form of the visibility rules in policy/visibility.ts; a test checks that the two agree. */
export function applyListFilter(query: Knex.QueryBuilder, filter: ListFilter): void {
  if (filter.kind === 'everything') return;
  const isPublic = (q: Knex.QueryBuilder) =>
    q
      .whereNot('access_level', 'private')
      .andWhere((released) =>
        released.where('status', 'released').orWhere((scheduled) => scheduled.where('status', 'scheduled').andWhere('release_date', '<=', filter.today)),
      );
  switch (filter.kind) {
    case 'public':
      query.where(isPublic);
      return;
    case 'public-or-owned':
      query.where((q) => q.where(isPublic).orWhere('owner_id', filter.ownerId));
      return;
    case 'harvestable':
      query.where((q) =>
        q.where(isPublic).orWhere((tombstone) => tombstone.where('status', 'withdrawn').whereNotNull('public_since').andWhere('public_since', '<=', filter.now)),
      );
  }
}

export async function listRecords(db: Knex, list: ListQuery): Promise<StoredRecord[]> {
  if (!list.words.every(couldBeStored)) return [];
  const query = db<RecordRow>('records').select('*');
  applyListFilter(query, list.filter);
  for (const word of list.words) query.whereRaw("search_text LIKE ? ESCAPE '\\'", [`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  if (list.status === 'released') {
    query.where((q) => q.where('status', 'released').orWhere((s) => s.where('status', 'scheduled').andWhere('release_date', '<=', list.today)));
  } else if (list.status === 'scheduled') {
    query.where('status', 'scheduled').andWhere('release_date', '>', list.today);
  } else if (list.status) {
    query.where('status', list.status);
  }
  if (list.accessLevel) query.where('access_level', list.accessLevel);
  if (list.beforeId !== undefined) query.where('id', '<', list.beforeId);
  const rows = (await query.orderBy('id', 'desc').limit(list.limit)) as RecordRow[];
  return rows.map(toStored);
}
