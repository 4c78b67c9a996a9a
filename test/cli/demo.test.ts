import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { freePort, startCli, stopCli } from '../helpers/cli.js';

interface ListedRecord {
  accession: string;
  status: string;
  titles: Array<{ title: string }>;
  access: { level: string };
}

describe('fairharbor demo', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let base: string;
  let curatorToken: string;
  const demoFiles = readdirSync('demo/records').filter((f) => f.endsWith('.json')).sort();
  const demoRecords = demoFiles.map((file) => ({ file, body: JSON.parse(readFileSync(`demo/records/${file}`, 'utf8')) }));

  before(async () => {
    database = await freshDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const started = await startCli(['demo', '--database', database.url, '--port', String(port)], {}, /submitter token: +\S+/);
    child = started.child;
    curatorToken = /curator token: +(\S+)/.exec(started.output())![1]!;
  });
  after(async () => {
    await stopCli(child);
    await database.drop();
  });

  it('serves /health', async () => {
    expect((await fetch(`${base}/health`)).status).to.equal(200);
  });

  it('lists exactly the public demo records to an anonymous caller', async () => {
    const page = await (await fetch(`${base}/api/v1/records?page[size]=100`)).json();
    const titles = (page.data as ListedRecord[]).map((r) => r.titles[0]!.title).sort();
    const withdrawn = JSON.parse(readFileSync('demo/withdrawals.json', 'utf8')).map((w: { record: string }) => w.record);
    const expected = demoRecords
      .filter(({ file, body }) => body.status !== 'draft' && body.access?.level !== 'private' && !withdrawn.includes(file))
      .filter(({ body }) => !body.access?.releaseDate || body.access.releaseDate <= new Date().toISOString().slice(0, 10))
      .map(({ body }) => body.titles[0].title)
      .sort();
    expect(titles).to.deep.equal(expected);
    expect(titles.length).to.be.greaterThan(8);
    for (const record of page.data as ListedRecord[]) {
      expect(record.status).to.equal('released');
      expect(record.access.level).to.not.equal('private');
    }
  });

  it('holds the real examples with their DOIs and the other demo states for curators', async () => {
    const dryad = await fetch(`${base}/api/v1/records?q=${encodeURIComponent('10.5061/dryad.8515')}`);
    expect((await dryad.json()).data).to.have.length(1);
    const all = await (await fetch(`${base}/api/v1/records?page[size]=100`, { headers: { Authorization: `Bearer ${curatorToken}` } })).json();
    const statuses = new Set((all.data as ListedRecord[]).map((r) => r.status));
    // The scheduled demo record stays scheduled only until its release date comes.
    const today = new Date().toISOString().slice(0, 10);
    const stillScheduled = demoRecords.some(({ body }) => body.status !== 'draft' && body.access?.releaseDate > today);
    expect([...statuses].sort()).to.deep.equal(stillScheduled ? ['draft', 'released', 'scheduled', 'withdrawn'] : ['draft', 'released', 'withdrawn']);
    expect(all.data).to.have.length(demoFiles.length);
    const levels = new Set((all.data as ListedRecord[]).map((r) => r.access.level));
    expect([...levels].sort()).to.deep.equal(['controlled', 'private', 'public', 'registered']);
  });
});
