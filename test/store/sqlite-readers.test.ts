/**
 * SQLite readers: a statement runs in the calling thread until it has been slow there, then on reader
 * threads, several at once, beside the calling thread; SQLite's errors come as better-sqlite3 reports
 * them; a closed database answers what was asked and no more; an idle thread lets its process end.
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

// A query that keeps its thread busy for a while, as disk reads would: it counts to two million.
const SLOW_QUERY = 'with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000000) select count(*) as counted from n';

describe('SQLite readers', () => {
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
  after(async () => {
    await reader.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a query with its rows, bound to its values', async () => {
    expect(await reader.all('select word from words where word > ? order by word', ['a'])).to.deep.equal([{ word: 'fair' }, { word: 'harbor' }]);
  });

  it('runs a statement that was slow on a reader thread next time, and answers other queries meanwhile', async () => {
    // The first time, in the calling thread: nothing else runs until it is answered.
    const answered: string[] = [];
    const first = reader.all(SLOW_QUERY, []).then(() => answered.push('slow'));
    const meanwhile = reader.all('select word from words where word = ?', ['fair']).then(() => answered.push('quick'));
    await Promise.all([first, meanwhile]);
    expect(answered).to.deep.equal(['slow', 'quick']);

    answered.length = 0;
    const again = reader.all(SLOW_QUERY, []).then(() => answered.push('slow'));
    const quick = reader.all('select word from words where word = ?', ['harbor']).then(() => answered.push('quick'));
    await Promise.all([again, quick]);
    expect(answered).to.deep.equal(['quick', 'slow']);
  });

  it("fails a query with SQLite's message and code, and goes on answering", async () => {
    const failure = await reader.all('select word from nowhere', []).catch((error: { message: string; code?: string }) => error);
    expect(failure).to.include({ code: 'SQLITE_ERROR' });
    expect((failure as Error).message).to.match(/no such table: nowhere/);
    expect(await reader.all('select count(*) as n from words', [])).to.deep.equal([{ n: 2 }]);
  });

  it('answers what was asked before its database closed, then nothing, while other readers go on', async () => {
    const other = sqliteReader(filename);
    await other.all(SLOW_QUERY, []);
    const asked = other.all(SLOW_QUERY, []);
    await other.close();
    expect(await asked).to.deep.equal([{ counted: 2_000_000 }]);
    const refused = await other.all('select 1', []).catch((error: Error) => error);
    expect(refused).to.be.instanceOf(Error);
    expect((refused as Error).message).to.match(/is closed/);
    expect(await reader.all('select count(*) as n from words', [])).to.deep.equal([{ n: 2 }]);
  });

  it('lets a process end once its queries are answered', async () => {
    const module = fileURLToPath(new URL('../../src/store/sqlite-readers.ts', import.meta.url));
    // The slow query's second run is on a reader thread.
    const script = `import { sqliteReader } from ${JSON.stringify(module)};
      const reader = sqliteReader(${JSON.stringify(filename)});
      await reader.all(${JSON.stringify(SLOW_QUERY)}, []);
      console.log(JSON.stringify(await reader.all(${JSON.stringify(SLOW_QUERY)}, [])));`;
    // Without an end of its own, the process would wait for its idle threads until the timeout kills it.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    expect(JSON.parse(stdout)).to.deep.equal([{ counted: 2_000_000 }]);
  });
});
