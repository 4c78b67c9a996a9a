/**
 * The SQLite reader threads: queries run beside the server's thread, several at once, with SQLite's
 * errors as better-sqlite3 reports them; a closed database answers no more; an idle thread lets its process end.
 */
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sqliteReader, type SqliteReader } from '../../src/store/sqlite-readers.js';

// A query that keeps its thread busy for a while: it counts to ten million.
const SLOW_QUERY = 'with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000000) select count(*) as counted from n';

describe('SQLite reader threads', () => {
  let directory: string;
  let filename: string;
  let reader: SqliteReader;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'fairharbor-readers-'));
    filename = join(directory, 'readers.sqlite');
    const database = new Database(filename);
    database.exec("pragma journal_mode = wal; create table words (word text primary key); insert into words values ('harbor'), ('fair');");
    database.close();
    reader = sqliteReader(filename);
  });
  after(() => {
    reader.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a query with its rows, bound to its values', async () => {
    expect(await reader.all('select word from words where word > ? order by word', ['a'])).to.deep.equal([{ word: 'fair' }, { word: 'harbor' }]);
  });

  it('answers other queries while one is still running', async () => {
    const answered: string[] = [];
    const slow = reader.all(SLOW_QUERY, []).then(() => answered.push('slow'));
    const quick = reader.all('select word from words where word = ?', ['fair']).then(() => answered.push('quick'));
    await Promise.all([slow, quick]);
    expect(answered).to.deep.equal(['quick', 'slow']);
  });

  it("fails a query with SQLite's message and code, and goes on answering", async () => {
    const failure = await reader.all('select word from nowhere', []).catch((error: { message: string; code?: string }) => error);
    expect(failure).to.include({ code: 'SQLITE_ERROR' });
    expect((failure as Error).message).to.match(/no such table: nowhere/);
    expect(await reader.all('select count(*) as n from words', [])).to.deep.equal([{ n: 2 }]);
  });

  it('reads nothing once its database is closed, while other databases are still read', async () => {
    const other = sqliteReader(filename);
    other.close();
    const refused = await other.all('select 1', []).catch((error: Error) => error);
    expect(refused).to.be.instanceOf(Error);
    expect((refused as Error).message).to.match(/is closed/);
    expect(await reader.all('select count(*) as n from words', [])).to.deep.equal([{ n: 2 }]);
  });

  it('lets a process end once its queries are answered', async () => {
    const module = fileURLToPath(new URL('../../src/store/sqlite-readers.ts', import.meta.url));
    const script = `import { sqliteReader } from ${JSON.stringify(module)}; console.log(JSON.stringify(await sqliteReader(${JSON.stringify(filename)}).all('select count(*) as n from words', [])));`;
    // Without an end of its own, the process would wait for its idle threads until the timeout kills it.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    expect(JSON.parse(stdout)).to.deep.equal([{ n: 2 }]);
  });
});
