import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex, { type Knex } from 'knex';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(databaseUrl: string): Dialect {
  return databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** knex settings for a DATABASE_URL: `sqlite:PATH` or `postgres://…`. */
export function knexConfig(databaseUrl: string): Knex.Config {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const filename = resolve(databaseUrl.slice('sqlite:'.length) || './data/fairharbor.sqlite');
    return {
      client: 'sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      // One connection: SQLite has a single writer, and queueing in the pool instead of in SQLite's
      // busy handler means no SQLITE_BUSY ever reaches a client.
      pool: {
        min: 1,
        max: 1,
        afterCreate(connection: { exec(sql: string, done: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) {
          connection.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;', (err) => done(err, connection));
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
  }
  return knex(knexConfig(databaseUrl));
}
