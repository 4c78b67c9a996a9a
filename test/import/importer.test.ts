/**
 * Importing as mirrors: identity on re-import, unchanged content left alone, read-only until detached,
 * deletions at the source, failures reported while the rest is stored — over the API and the command line.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createToken } from '../../src/services/auth-service.js';
import { runCli } from '../helpers/cli.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';

const DRYAD = readFileSync('test/fixtures/examples/datacite/datacite-10.5061-dryad.8515.json', 'utf8');
const DATACITE_XML = readFileSync('test/fixtures/schemas/datacite-examples/datacite-example-dataset-v4.xml', 'utf8');

/** A page of DataCite DOIs: `count` good ones, and the positions given made invalid. */
function dataCitePage(count: number, bad: number[]): string {
  const attributes = JSON.parse(DRYAD).data.attributes;
  const data = Array.from({ length: count }, (_, i) => ({
    id: `10.5061/batch.${i}`,
    type: 'dois',
    attributes: { ...attributes, doi: `10.5061/batch.${i}`, titles: bad.includes(i) ? [] : [{ title: `Batch record ${i}` }] },
  }));
  return JSON.stringify({ data });
}

describe('importing records as mirrors of their source', () => {
  let server: TestServer;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let curator: string;
  let submitter: string;

  before(async () => {
    server = await startTestServer({}, { now: () => clock, background: false });
    curator = (await createToken(server.running.services, 'curator', 'mirror-curator')).token;
    submitter = (await createToken(server.running.services, 'submitter', 'mirror-submitter')).token;
  });
  after(() => server.stop());

  const importBody = (body: string | Uint8Array, query = '', token = curator, type = 'application/json') =>
    fetch(`${server.url}/api/v1/import${query}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body: body as BodyInit });
  const summaryOf = async (response: Response) => {
    expect(response.status, await response.clone().text()).to.be.oneOf([200, 422]);
    return response.json();
  };
  const recordOfDoi = async (doi: string) => {
    const response = await fetch(`${server.url}/api/v1/resolve?id=${encodeURIComponent(doi)}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    return response.json();
  };

  it('stores a DataCite record as a mirror that keeps its DOI and where it came from', async () => {
    const summary = await summaryOf(await importBody(DRYAD, '?source=dryad'));
    expect(summary).to.deep.equal({ stored: 1, updated: 0, unchanged: 0, withdrawn: 0, failed: [] });
    const record = await recordOfDoi('10.5061/dryad.8515');
    expect(record.doi).to.equal('10.5061/dryad.8515');
    expect(record.source).to.include({ name: 'dryad', originalIdentifier: '10.5061/dryad.8515', harvestDate: clock.toISOString() });
    expect(record.rightsList.length).to.be.greaterThan(0);
  });

  it('leaves an unchanged record and its datestamp alone on re-import, and updates a changed one', async () => {
    const before = await recordOfDoi('10.5061/dryad.8515');
    clock = new Date('2026-03-03T09:00:00.000Z');
    expect(await summaryOf(await importBody(DRYAD, '?source=dryad'))).to.include({ stored: 0, unchanged: 1 });
    const same = await recordOfDoi('10.5061/dryad.8515');
    expect(same.datestamp).to.equal(before.datestamp);
    expect(same.accession).to.equal(before.accession);

    const changed = JSON.parse(DRYAD);
    changed.data.attributes.titles = [{ title: 'Data from: a corrected title' }];
    clock = new Date('2026-03-04T09:00:00.000Z');
    expect(await summaryOf(await importBody(JSON.stringify(changed), '?source=dryad'))).to.include({ stored: 0, updated: 1 });
    const updated = await recordOfDoi('10.5061/dryad.8515');
    expect(updated.accession, 'never a duplicate').to.equal(before.accession);
    expect(updated.titles[0].title).to.equal('Data from: a corrected title');
    expect(updated.datestamp).to.equal('2026-03-04T09:00:00.000Z');
  });

  it('keeps a mirror read-only until a curator detaches it', async () => {
    const { accession } = await recordOfDoi('10.5061/dryad.8515');
    const refused = await server.request('PATCH', `/api/v1/records/${accession}`, { token: ADMIN_TOKEN, json: { version: '9' } });
    expect(refused.status).to.equal(409);
    expect((await refused.json()).error.message).to.contain('/detach');
    expect((await server.request('POST', `/api/v1/records/${accession}/detach`, { token: submitter })).status).to.equal(403);
    expect((await server.request('POST', `/api/v1/records/${accession}/detach`, { token: curator })).status).to.equal(200);
    expect((await server.request('PATCH', `/api/v1/records/${accession}`, { token: ADMIN_TOKEN, json: { version: '9' } })).status).to.equal(200);
  });

  it('stores every good record of a batch and reports each bad one by its source identifier', async () => {
    const summary = await summaryOf(await importBody(dataCitePage(10, [2, 5, 7]), '?source=batch'));
    expect(summary.stored).to.equal(7);
    expect(summary.failed.map((f: { sourceIdentifier: string }) => f.sourceIdentifier)).to.deep.equal(['10.5061/batch.2', '10.5061/batch.5', '10.5061/batch.7']);
    expect(summary.failed[0].reason).to.match(/titles/);
    const stored = await (await server.request('GET', '/api/v1/records?q=batch+record&page[size]=50', { token: ADMIN_TOKEN })).json();
    expect(stored.data).to.have.length(7);
    // The batch was tried whole, rolled back at the first bad record and imported record by record: the
    // attempt left nothing behind, not even the accession numbers it had taken.
    const serials = stored.data.map((record: { accession: string }) => Number(/\d+$/.exec(record.accession)![0])).sort((a: number, b: number) => a - b);
    expect(serials.at(-1) - serials[0], serials.join(' ')).to.equal(6);
  });

  it('reads DataCite XML, detecting the format', async () => {
    const summary = await summaryOf(await importBody(DATACITE_XML, '?source=examples', curator, 'application/xml'));
    expect(summary).to.include({ stored: 1 });
  });

  it('refuses bytes that are not UTF-8, naming where, and stores nothing', async () => {
    const bytes = Buffer.concat([Buffer.from('{"data": {"attributes": {"titles": [{"title": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}}}')]);
    const response = await importBody(bytes, '?source=broken');
    expect(response.status).to.equal(422);
    const summary = await response.json();
    expect(summary.failed[0].reason).to.match(/^request body: invalid UTF-8 at byte 5\d$/);
  });

  it('answers anonymous callers with 401, submitters with 403, an unknown format with 400', async () => {
    expect((await fetch(`${server.url}/api/v1/import`, { method: 'POST', body: DRYAD })).status).to.equal(401);
    expect((await importBody(DRYAD, '', submitter)).status).to.equal(403);
    expect((await importBody(DRYAD, '?format=word')).status).to.equal(400);
  });
});

describe('fairharbor import', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { background: false });
  });
  after(() => server.stop());

  it('imports files and directories, prints the summary, and exits 1 when a record failed', async () => {
    const env = { DATABASE_URL: server.database.url };
    const ok = await runCli(['import', 'test/fixtures/examples/datacite/datacite-10.5061-dryad.8515.json', '--source', 'dryad'], env);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.contain('stored 1, updated 0, unchanged 0, withdrawn 0, failed 0');
    const again = await runCli(['import', 'test/fixtures/examples/datacite', '--format', 'datacite-json', '--source', 'dryad'], env);
    expect(again.stdout).to.contain('stored 0, updated 0, unchanged 1');
    const bad = await runCli(['import', 'package.json', '--format', 'datacite-xml'], env);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.match(/failed package\.json: /);
  });
});
