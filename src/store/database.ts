import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { sqliteReader, type SqliteReader } from './sqlite-readers.js';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(databaseUrl: string): Dialect {
  return databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

interface SqliteConnection {
  exec(sql: string): void;
  prepare(sql: string): unknown;
}

/** Statements kept prepared per connection; the hot queries of paging and lookups are a handful of texts. */
const PREPARED_STATEMENTS_KEPT = 500;

/**
 * knex prepares every statement it runs, and preparing costs more than running the small queries that
 * paging and lookups make; so each connection keeps its recent statements prepared (SQLite prepares a
 * kept statement again by itself when the schema changes).
 */
function reusePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const kept = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (kept.size >= PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(sql, statement);
    }
    return statement;
  };
}

/** knex settings for a DATABASE_URL: `sqlite:PATH` or `postgres://…`. */
export function knexConfig(databaseUrl: string): Knex.Config {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const filename = resolve(databaseUrl.slice('sqlite:'.length) || './data/fairharbor.sqlite');
    return {
      // better-sqlite3 runs each statement in the calling thread: a few microseconds a query, where a hop
      // through libuv's thread pool (node-sqlite3) costs a few hundred.
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      // One connection: SQLite has a single writer, and queueing in the pool instead of in SQLite's
      // busy handler means no SQLITE_BUSY ever reaches a client.
      pool: {
        min: 1,
        max: 1,
        afterCreate(connection: SqliteConnection, done: (err: Error | null, c: unknown) => void) {
          try {
            // 8 kB pages (for new files only): stored renderings of 2–3 kB fill them, where 4 kB pages hold one and waste the rest.
            connection.exec('PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;');
            reusePreparedStatements(connection);
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
    };
  }
  return { client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } };
}

export function openDatabase(databaseUrl: string): Knex {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const path = databaseUrl.slice('sqlite:'.length) || './data/fairharbor.sqlite';
    mkdirSync(dirname(resolve(path)), { recursive: true });
    return withSqliteReader(knex(knexConfig(databaseUrl)), resolve(path));
  }
  return knex(knexConfig(databaseUrl));
}

const readers = new WeakMap<Knex, Pick<SqliteReader, 'all'>>();

/**
 * knex spends tens of microseconds around each query (its pool, its runner, promises), several times
 * what SQLite takes to look a record up by key; and knex's single connection reads in the server's own
 * thread, one page at a time. Lookups that answer requests by the thousand run on read-only connections
 * of their own instead (sqlite-readers.ts): in the server's thread while their pages are in memory, on
 * reader threads once they wait for the disk; closed with the database. In WAL mode they read the last
 * committed state, as a request outside a transaction reads through knex.
 */
function withSqliteReader(db: Knex, filename: string): Knex {
  const reader = sqliteReader(filename);
  readers.set(db, {
    // As knex binds for SQLite: booleans as 0 and 1, dates as milliseconds.
    all: (sql, bindings) => reader.all(sql, bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value instanceof Date ? value.valueOf() : value))),
  });
  // knex's destroy() ends its client's; the reader goes with it.
  const client = db.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    await reader.close();
    return destroy(callback);
  };
  return db;
}

/** The read-only reader of a SQLite database opened here, when `db` is not inside a transaction (which must see its own writes). */
export function sqliteReaderOf(db: Knex): Pick<SqliteReader, 'all'> | undefined {
  return db.isTransaction ? undefined : readers.get(db);
}
