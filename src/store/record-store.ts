/**
 * Record queries. A record is kept as its JSON document plus the columns that lists, lookups and
 * visibility need; both are always written together.
 */
import type { Knex } from 'knex';
import type Database from 'better-sqlite3';
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

/** The record of a lookup by a unique key: its one row, if any. */
function storedOf(rows: RecordRow[]): StoredRecord | undefined {
  return rows[0] ? toStored(rows[0]) : undefined;
}

/**
 * Inside a SQLite transaction, the statements of record writes (and the lookups they make first) run
 * straight on the transaction's better-sqlite3 connection, each prepared once. knex's builder, runner and
 * promises cost several times what SQLite takes to look a key up, which an import pays per record.
 * Outside a transaction the connection belongs to the pool, and PostgreSQL needs knex's client: there
 * they go through knex.
 */
interface TransactionStatements {
  all<Row>(sql: string, bindings: readonly unknown[]): Row[];
  run(sql: string, bindings: readonly unknown[]): Database.RunResult;
}

const statementsByTransaction = new WeakMap<Knex, TransactionStatements>();

function statementsOn(trx: Knex, connection: Database.Database): TransactionStatements {
  const statement = (method: string, sql: string, bindings: readonly unknown[]): Database.Statement => {
    // As knex announces the queries it runs, for whoever listens (logs, tests of query plans).
    trx.client.emit('query', { method, sql, bindings });
    // The connection keeps its statements prepared (database.ts): each is prepared once.
    return connection.prepare(sql);
  };
  return {
    all: <Row>(sql: string, bindings: readonly unknown[]) => statement('select', sql, bindings).all(...bindings) as Row[],
    run: (sql, bindings) => statement('run', sql, bindings).run(...bindings),
  };
}

/** The statements of `db` when it is a SQLite transaction still open; otherwise undefined, and knex runs them. */
async function sqliteTransactionStatements(db: Knex): Promise<TransactionStatements | undefined> {
  if (!db.isTransaction || db.client.config.client !== 'better-sqlite3' || (db as Knex.Transaction).isCompleted()) return undefined;
  let statements = statementsByTransaction.get(db);
  if (!statements) {
    // A transaction's client hands out the one connection the transaction holds.
    statements = statementsOn(db, (await db.client.acquireConnection()) as Database.Database);
    statementsByTransaction.set(db, statements);
  }
  return statements;
}

/** Every column an insert writes, in the order of the statement's values. */
const INSERTED_COLUMNS = [
  'accession',
  'doi_key',
  'cstr_key',
  'status',
  'access_level',
  'release_date',
  'embargo_end',
  'public_since',
  'owner_id',
  'source_repository',
  'source_set',
  'resource_type',
  'concept_accession',
  'datestamp',
  'created_at',
  'updated_at',
  'search_text',
  'licence_id',
  'publication_year',
  'document',
  'source_key',
] as const satisfies ReadonlyArray<keyof RecordRow>;

// The new row's id comes from the statement's result: with RETURNING, SQLite takes about twice as long.
const INSERT_SQL = `insert into records (${INSERTED_COLUMNS.join(', ')}) values (${INSERTED_COLUMNS.map(() => '?').join(', ')})`;

export async function insertRecord(db: Knex, columns: RecordColumns & { source_key?: string | null }): Promise<number> {
  const statements = await sqliteTransactionStatements(db);
  if (statements) return Number(statements.run(INSERT_SQL, INSERTED_COLUMNS.map((column) => columns[column] ?? null)).lastInsertRowid);
  const [inserted] = await db('records').insert(columns).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/** Every write to a record is a new revision, which its stored renderings must catch up with. */
export async function updateRecord(db: Knex, id: number, columns: Partial<RecordColumns> & { source_key?: string | null }): Promise<void> {
  const statements = await sqliteTransactionStatements(db);
  if (statements) {
    // Column names come from RecordColumns, never from a caller's data; as with knex, an undefined value leaves its column alone.
    const names = (Object.keys(columns) as Array<keyof typeof columns>).filter((name) => columns[name] !== undefined);
    const sql = `update records set ${names.map((name) => `${name} = ?, `).join('')}revision = revision + 1, needs_rendering = 1 where id = ?`;
    statements.run(sql, [...names.map((name) => columns[name]), id]);
    return;
  }
  await db('records').where({ id }).update({ ...columns, revision: db.raw('revision + 1'), needs_rendering: true });
}

/**
 * For a process that writes records in bulk and does nothing else (`fairharbor import`): SQLite keeps
 * each statement's journal in memory instead of in a temporary file. An insert into records is a
 * statement SQLite must be able to undo alone (its full-text trigger writes a second table), so it
 * journals every page it changes, a dozen index pages of 8 kB; written to a file, that is a third of
 * the insert, in system calls.
 */
export async function journalStatementsInMemory(db: Knex): Promise<void> {
  if (db.client.config.client === 'better-sqlite3') await db.raw('PRAGMA temp_store = MEMORY');
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
  const statements = await sqliteTransactionStatements(db);
  if (statements) return storedOf(statements.all<RecordRow>(`select * from records where ${column} = ?`, [value]));
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
  const statements = await sqliteTransactionStatements(db);
  if (statements) {
    const rows = exceptId === undefined ? statements.all<RecordRow>(`select * from records where ${column} = ?`, [key]) : statements.all<RecordRow>(`select * from records where ${column} = ? and id <> ?`, [key, exceptId]);
    return storedOf(rows);
  }
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
  const statements = await sqliteTransactionStatements(trx);
  if (statements) {
    // Two statements: with RETURNING, SQLite takes several times as long.
    statements.run('update sequences set value = value + 1 where name = ?', [name]);
    return Number(statements.all<{ value: number }>('select value from sequences where name = ?', [name])[0]!.value);
  }
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
