/**
 * Backups of the SQLite database: `VACUUM INTO` writes a consistent copy while the server keeps serving
 * (SQLite's online backup); restoring puts such a copy in place of the database file. PostgreSQL is backed
 * up with its own tools (pg_dump, pg_restore).
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Knex } from 'knex';
import { dialectOf, openDatabase } from './database.js';

export class BackupError extends Error {}

function sqlitePath(databaseUrl: string): string {
  if (dialectOf(databaseUrl) !== 'sqlite') {
    throw new BackupError('this database is PostgreSQL: back it up with pg_dump --format=custom and restore it with pg_restore (see README)');
  }
  return resolve(databaseUrl.slice('sqlite:'.length) || './data/fairharbor.sqlite');
}

/** Writes a consistent copy of the open SQLite database to `target`, which must not exist. */
export async function backupSqlite(db: Knex, databaseUrl: string, target: string): Promise<void> {
  sqlitePath(databaseUrl);
  const path = resolve(target);
  if (existsSync(path)) throw new BackupError(`${target} exists already; a backup never overwrites a file`);
  await db.raw('VACUUM INTO ?', [path]);
}

/** Puts a backup in place of the database file. The server must be stopped; the backup is checked first. */
export async function restoreSqlite(databaseUrl: string, backup: string): Promise<void> {
  const path = sqlitePath(databaseUrl);
  const source = resolve(backup);
  if (!existsSync(source)) throw new BackupError(`${backup} does not exist`);
  const check = openDatabase(`sqlite:${source}`);
  try {
    const [integrity] = (await check.raw('PRAGMA integrity_check')) as Array<{ integrity_check: string }>;
    if (integrity?.integrity_check !== 'ok') throw new BackupError(`${backup} is damaged: ${integrity?.integrity_check}`);
    if (!(await check.schema.hasTable('records'))) throw new BackupError(`${backup} is not a fairharbor database`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${backup} is not a SQLite database: ${(error as Error).message}`);
  } finally {
    await check.destroy();
  }
  // Copied beside the database, then renamed over it: the database is the old one or the restored one, never half of each.
  const incoming = `${path}.restoring`;
  copyFileSync(source, incoming);
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(incoming, path);
}
