/**
 * kill -9 at random moments: an import leaves only whole records (committed batches), and running it again
 * completes it with no duplicates; a server killed mid-harvest comes back and the harvester carries on
 * with its resumption token.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { writeDataCitePages } from '../../bench/synthetic.js';
import { openDatabase } from '../../src/store/database.js';
import { CLI, freePort, runCli, startCli, stopCli } from '../helpers/cli.js';
import { freshDatabase, onPostgres, type TestDatabase } from '../helpers/database.js';
import { parseOai, tokenOf } from '../helpers/oai.js';
import { ADMIN_TOKEN, minimalRecord } from '../helpers/server.js';

/** 20 in npm test; `npm run soak` kills many more. */
const KILLS = Number(process.env.FAIRHARBOR_SOAK_KILLS ?? 20);
const RECORDS = Math.max(4000, KILLS * 200);

/** Every stored record is whole: its document reads, and agrees with the columns written beside it. */
async function assertWholeRecords(db: Knex): Promise<number> {
  const rows = await db('records').select('accession', 'doi_key', 'source_key', 'document', 'search_text');
  for (const row of rows) {
    const document = typeof row.document === 'string' ? JSON.parse(row.document) : row.document;
    expect(document.accession).to.equal(row.accession);
    expect(row.source_key).to.match(/^import:10\.99999\/bench\.\d+$/);
    expect(row.doi_key).to.equal(document.doi.toLowerCase());
    expect(row.search_text).to.contain(document.titles[0].title.toLowerCase().split(' ')[0]);
  }
  const distinct = await db('records').countDistinct({ n: 'source_key' }).first();
  expect(Number(distinct!.n)).to.equal(rows.length);
  if (!onPostgres) await assertSqliteIntact(db.client.config.connection.filename, rows.length);
  return rows.length;
}

/**
 * The file as a restarted server finds it, read through a new connection: a connection kept open across
 * another process's crash reports FTS5 structure it cached before as corrupt in PRAGMA integrity_check,
 * although its queries and FTS5's own check read the index correctly.
 */
async function assertSqliteIntact(filename: string, records: number): Promise<void> {
  const fresh = openDatabase(`sqlite:${filename}`);
  try {
    expect((await fresh.raw('PRAGMA integrity_check'))[0].integrity_check).to.equal('ok');
    await fresh.raw("INSERT INTO records_fts(records_fts) VALUES('integrity-check')");
    expect(Number((await fresh.raw('SELECT count(*) AS n FROM records_fts'))[0].n)).to.equal(records);
  } finally {
    await fresh.destroy();
  }
}

describe('crash safety', function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let db: Knex;
  let directory: string;

  beforeEach(async () => {
    database = await freshDatabase();
    expect((await runCli(['migrate'], { DATABASE_URL: database.url })).code).to.equal(0);
    db = openDatabase(database.url);
    directory = mkdtempSync(join(tmpdir(), 'fairharbor-crash-'));
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it(`an import killed ${KILLS} times leaves whole records, and a last run completes it without duplicates`, async () => {
    const pages = join(directory, 'pages');
    writeDataCitePages(pages, RECORDS, 500);
    for (let run = 0; run < KILLS; run++) {
      const before = Number((await db('records').count({ n: '*' }).first())!.n);
      // Each run dies once it has stored a few more records than the last: at a moment of its own choosing.
      const killAt = Math.min(RECORDS - 1, before + 1 + ((run * 7919) % 113));
      const child = spawn(process.execPath, [...CLI, 'import', '--format', 'datacite-json', pages], { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' }, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      for (;;) {
        if (child.exitCode !== null) break;
        if (Number((await db('records').count({ n: '*' }).first())!.n) >= killAt) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      await exited;
      const stored = await assertWholeRecords(db);
      expect(stored).to.be.at.least(before);
    }
    const last = await runCli(['import', '--format', 'datacite-json', pages], { DATABASE_URL: database.url });
    expect(last.code, last.stderr).to.equal(0);
    const [, stored, updated, unchanged] = /stored (\d+), updated (\d+), unchanged (\d+), withdrawn 0, failed 0/.exec(last.stdout)!.map(Number);
    expect(updated).to.equal(0);
    expect(stored! + unchanged!).to.equal(RECORDS);
    expect(unchanged).to.be.greaterThan(0);
    expect(await assertWholeRecords(db)).to.equal(RECORDS);
  });

  it('a server killed mid-harvest comes back, and the harvester carries on with its token', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: database.url, PORT: String(port), FAIRHARBOR_ADMIN_TOKEN: ADMIN_TOKEN, OAI_PAGE_SIZE: '10', OAI_ID_PAGE_SIZE: '10', BASE_URL: 'http://localhost:8080', LOG_LEVEL: 'info' };
    const url = `http://127.0.0.1:${port}`;
    let server = await startCli(['serve'], env, /fairharbor is serving/);
    const accessions: string[] = [];
    for (let i = 0; i < 35; i++) {
      const response = await fetch(`${url}/api/v1/records`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(minimalRecord({ titles: [{ title: `Record ${i}` }] })) });
      expect(response.status).to.equal(201);
      accessions.push((await response.json()).accession);
    }
    const harvested: string[] = [];
    const take = (xml: string) => {
      const list = parseOai(xml).ListIdentifiers;
      expect(list, xml.slice(0, 500)).to.not.equal(undefined);
      harvested.push(...list.header.map((header: any) => String(header.identifier).split(':').pop()));
      return tokenOf(list)?.value;
    };
    let token = take(await (await fetch(`${url}/oai?verb=ListIdentifiers&metadataPrefix=oai_dc`)).text());
    token = take(await (await fetch(`${url}/oai?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token!)}`)).text());
    server.child.removeAllListeners('exit');
    const killed = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await killed;
    server = await startCli(['serve'], env, /fairharbor is serving/);
    try {
      while (token) token = take(await (await fetch(`${url}/oai?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`)).text());
    } finally {
      await stopCli(server.child);
    }
    expect(harvested).to.deep.equal(accessions);
  });
});
