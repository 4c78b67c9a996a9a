import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { parseHarvestDate, sourceDatestamp } from '../../src/import/oai-datestamps.js';
import { OaiClient, retryAfterMs, SourceUnavailable } from '../../src/import/oai-client.js';
import { harvestSource, type HarvestOptions, type HarvestRun } from '../../src/import/oai-harvester.js';
import { OaiProtocolError } from '../../src/import/oai-response.js';
import type { FairRecord } from '../../src/model/schema.js';
import type { Principal } from '../../src/policy/principal.js';
import { createToken } from '../../src/services/auth-service.js';
import { loadDemo } from '../../src/services/demo-loader.js';
import { ensureHarvestSource, sourceNameFor } from '../../src/services/harvest-source-service.js';
import { CLI, runCli } from '../helpers/cli.js';
import { oaiError, recorded, startOaiFixtureServer, type FixtureOptions, type OaiFixtureServer } from '../helpers/oai-fixture-server.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The OAI-PMH harvesting client, against recorded Zenodo responses replayed by a fixture server
 * (test/fixtures/examples/oai-pmh: ListRecords pages 1, 2 (with a deleted record) and 3, Identify,
 * ListMetadataFormats, error documents, arXiv's 503), and against another fairharbor serving the demo.
 * Nothing sleeps for real: the sleeper is injected and records what it was asked to wait.
 */

const CURATOR: Principal = { kind: 'account', accountId: 0, name: 'harvest test', role: 'curator' };

const RECORDED_PAGES = [
  recorded('zenodo_ListRecords_oai_dc_page1_2026.xml'),
  recorded('zenodo_ListRecords_oai_dc_resumed_with_deleted_2026.xml'),
  recorded('zenodo_ListRecords_oai_dc_last_page_no_token_2026.xml'),
];
const DELETED = ['oai:zenodo.org:8433364'];
/** The source as it was before Zenodo deleted that record. */
const PAGES_BEFORE_DELETION = RECORDED_PAGES.map((page) => page.replace('<header status="deleted">', '<header>'));
const LIVE = [
  'oai:zenodo.org:20565714',
  'oai:zenodo.org:20589672',
  'oai:zenodo.org:20590449',
  'oai:zenodo.org:8321258',
  'oai:zenodo.org:8333281',
  'oai:zenodo.org:8433301',
  'oai:zenodo.org:8435639',
  'oai:zenodo.org:8435696',
];

/** The `<record>` elements of the recorded pages, by header identifier. */
function recordedRecord(identifier: string, pages = PAGES_BEFORE_DELETION): string {
  for (const page of pages) {
    const found = page.match(/<record>[\s\S]*?<\/record>/g)?.find((record) => record.includes(`<identifier>${identifier}</identifier>`));
    if (found) return found;
  }
  throw new Error(`no recorded record ${identifier}`);
}

/** A one-page list holding these records, in the envelope of a recorded page. */
function pageOf(records: string[]): string {
  return RECORDED_PAGES[2]!.replace(/<ListRecords>[\s\S]*<\/ListRecords>/, `<ListRecords>${records.join('')}</ListRecords>`);
}

interface Mirror {
  originalIdentifier: string;
  accession: string;
  status: string;
  title: string;
}

async function mirrorsOf(server: TestServer, source: string): Promise<Mirror[]> {
  const rows: Array<{ document: string; source_key: string }> = await server.running.services.db('records').whereLike('source_key', `${source}:%`).select('document', 'source_key');
  return rows
    .map((row) => JSON.parse(row.document) as FairRecord)
    .map((record) => ({ originalIdentifier: record.source!.originalIdentifier!, accession: record.accession, status: record.status, title: record.titles[0]!.title }))
    .sort((a, b) => a.originalIdentifier.localeCompare(b.originalIdentifier));
}

const live = (mirrors: Mirror[]) => mirrors.filter((m) => m.status !== 'withdrawn').map((m) => m.originalIdentifier).sort();
const withdrawn = (mirrors: Mirror[]) => mirrors.filter((m) => m.status === 'withdrawn').map((m) => m.originalIdentifier).sort();

describe('OAI-PMH harvesting client', function () {
  this.timeout(120_000);

  describe('requests', () => {
    it('reads Retry-After in seconds and as an HTTP date', () => {
      const now = new Date('2026-03-01T10:00:00Z');
      expect(retryAfterMs('10', now)).to.equal(10_000);
      expect(retryAfterMs('Sun, 01 Mar 2026 10:02:00 GMT', now)).to.equal(120_000);
      expect(retryAfterMs('Sun, 01 Mar 2026 09:00:00 GMT', now)).to.equal(0);
      expect(retryAfterMs('soon', now)).to.equal(undefined);
      expect(retryAfterMs(null, now)).to.equal(undefined);
    });

    function scriptedFetch(replies: Array<Response | Error>): { fetch: typeof fetch; urls: string[] } {
      const urls: string[] = [];
      return {
        urls,
        fetch: (async (url: string | URL | Request) => {
          urls.push(String(url));
          const reply = replies.shift();
          if (!reply) throw new Error('no more replies scripted');
          if (reply instanceof Error) throw reply;
          return reply;
        }) as typeof fetch,
      };
    }
    const identify = () => new Response(recorded('zenodo_Identify_2026.xml'), { status: 200 });

    it('waits out a 503 with Retry-After (capped), then asks again the same', async () => {
      const sleeps: number[] = [];
      const script = scriptedFetch([
        new Response(recorded('arxiv_503_retry-after_2018.html'), { status: 503, headers: { 'Retry-After': '10' } }),
        new Response('busy', { status: 503, headers: { 'Retry-After': '86400' } }),
        identify(),
      ]);
      const client = new OaiClient('http://source.example/oai', { fetch: script.fetch, sleep: async (ms) => void sleeps.push(ms), maxRetryAfterMs: 600_000 });
      const response = await client.request({ verb: 'Identify' });
      expect(response.text).to.contain('<repositoryName>Zenodo</repositoryName>');
      expect(sleeps).to.deep.equal([10_000, 600_000]);
      expect(new Set(script.urls)).to.deep.equal(new Set(['http://source.example/oai?verb=Identify']));
    });

    it('retries network failures and 5xx with exponential backoff, a bounded number of times', async () => {
      const sleeps: number[] = [];
      const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      const recovering = scriptedFetch([refused, new Response('oops', { status: 500 }), new Response('<OAI-PMH', { status: 200 }), identify()]);
      const client = new OaiClient('http://source.example/oai', { fetch: recovering.fetch, sleep: async (ms) => void sleeps.push(ms), backoffMs: 1_000 });
      await client.request({ verb: 'Identify' });
      expect(sleeps).to.deep.equal([1_000, 2_000, 4_000]);

      sleeps.length = 0;
      const down = scriptedFetch(Array.from({ length: 10 }, () => new Response('down', { status: 502 })));
      const failing = new OaiClient('http://source.example/oai', { fetch: down.fetch, sleep: async (ms) => void sleeps.push(ms), backoffMs: 1_000, maxAttempts: 4 });
      const error = await failing.request({ verb: 'Identify' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SourceUnavailable);
      expect((error as Error).message).to.contain('failed 4 times').and.contain('HTTP 502');
      expect(sleeps).to.deep.equal([1_000, 2_000, 4_000]);
    });

    it('reads OAI-PMH errors whatever the HTTP status (Zenodo answers them with 422)', async () => {
      const script = scriptedFetch([new Response(recorded('zenodo_error_badArgument_unknown_prefix_2026.xml'), { status: 422 })]);
      const client = new OaiClient('http://source.example/oai', { fetch: script.fetch, sleep: async () => {} });
      const error = await client.request({ verb: 'ListRecords', metadataPrefix: 'XXX' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OaiProtocolError);
      expect((error as OaiProtocolError).code).to.equal('badArgument');
      expect((error as Error).message).to.equal('badArgument: metadataPrefix does not exist');
    });

    it('sends from and until at the granularity of the source', () => {
      expect(sourceDatestamp('2026-03-01T10:20:30.456Z', 'seconds', 'from')).to.equal('2026-03-01T10:20:30Z');
      expect(sourceDatestamp('2026-03-01T10:20:30.456Z', 'day', 'from')).to.equal('2026-03-01');
      expect(sourceDatestamp('2026-03-01T01:00:00+02:00', 'seconds', 'until')).to.equal('2026-02-28T23:00:00Z');
      expect(sourceDatestamp('2026-03-01', 'seconds', 'from')).to.equal('2026-03-01');
      expect(() => parseHarvestDate('2026-02-30', 'from')).to.throw(/from must be a day/);
      expect(() => parseHarvestDate('yesterday', 'until')).to.throw(/until must be a day/);
    });

    it('names a source after the host of its base URL', () => {
      expect(sourceNameFor('https://zenodo.org/oai2d')).to.equal('zenodo.org');
      expect(sourceNameFor('https://www.example.org/oai')).to.equal('example.org');
      expect(sourceNameFor('http://127.0.0.1:8080/oai')).to.equal('127.0.0.1-8080');
    });
  });

  describe('recorded Zenodo responses', () => {
    let mirror: TestServer;
    let fixture: OaiFixtureServer;
    let pages: string[];
    let sleeps: number[];
    let clock: Date;
    const options: FixtureOptions = {
      identify: recorded('zenodo_Identify_2026.xml'),
      listMetadataFormats: recorded('zenodo_ListMetadataFormats_2026.xml'),
      listRecords: () => pages,
    };

    beforeEach(async () => {
      clock = new Date('2026-03-01T10:00:00.500Z');
      mirror = await startTestServer({}, { now: () => clock });
      fixture = await startOaiFixtureServer(options);
      options.identify = recorded('zenodo_Identify_2026.xml');
      options.listRecords = () => pages;
      pages = RECORDED_PAGES;
      sleeps = [];
      await ensureHarvestSource(mirror.running.services, CURATOR, { baseUrl: fixture.url, name: 'zenodo', metadataPrefix: 'oai_dc' });
    });
    afterEach(async () => {
      await fixture.close();
      await mirror.stop();
    });

    const harvest = (extra: HarvestOptions = {}) => harvestSource(mirror.running.services, CURATOR, 'zenodo', { ...extra, client: { sleep: async (ms) => void sleeps.push(ms), ...extra.client } });
    const listRequests = () => fixture.requests.filter((p) => p.get('verb') === 'ListRecords').map((p) => Object.fromEntries(p));
    const sourceRow = async () => (await mirror.request('GET', '/api/v1/harvest-sources/zenodo', { token: ADMIN_TOKEN })).json();

    function expectSucceeded(run: HarvestRun): void {
      expect(run.status, run.error).to.equal('succeeded');
      expect(run.summary.failed).to.deep.equal([]);
    }

    it('(a) ends with exactly the live records of a multi-page list, the deleted one withdrawn, a 503 Retry-After honoured', async () => {
      pages = PAGES_BEFORE_DELETION;
      const first = await harvest();
      expectSucceeded(first);
      expect(first.summary).to.include({ stored: 9, updated: 0, withdrawn: 0 });
      expect(live(await mirrorsOf(mirror, 'zenodo'))).to.deep.equal([...LIVE, ...DELETED].sort());

      pages = RECORDED_PAGES;
      fixture.requests.length = 0;
      fixture.inject((p) => p.get('resumptionToken')?.endsWith('.page-2') ?? false, {
        status: 503,
        headers: { 'Retry-After': '10', 'Content-Type': 'text/html' },
        body: recorded('arxiv_503_retry-after_2018.html'),
      });
      const second = await harvest();
      expectSucceeded(second);
      expect(second.summary).to.include({ stored: 0, updated: 0, unchanged: 8, withdrawn: 1 });
      expect(second.pagesDone).to.equal(3);
      expect(sleeps).to.deep.equal([10_000]);
      const tokens = listRequests().map((r) => r.resumptionToken);
      expect(tokens).to.deep.equal([undefined, 'list-2.page-2', 'list-2.page-2', 'list-2.page-3']);

      const mirrors = await mirrorsOf(mirror, 'zenodo');
      expect(mirrors).to.have.length(9);
      expect(live(mirrors)).to.deep.equal(LIVE);
      expect(withdrawn(mirrors)).to.deep.equal(DELETED);

      // The mirror's own OAI-PMH set of this source lists them so: deletions as deleted headers.
      const listed = await (await fetch(`${mirror.url}/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=source:zenodo`)).text();
      expect(listed.match(/<header>/g)).to.have.length(8);
      expect(listed.match(/<header status="deleted">/g)).to.have.length(1);

      const state = await sourceRow();
      expect(state).to.include({ status: 'succeeded', metadataPrefix: 'oai_dc', lastSuccessFrom: clock.toISOString() });
      expect(state.run).to.equal(undefined);
    });

    it('(c) resumes a run stopped after a page at its checkpoint: same result, no duplicates', async () => {
      const crash = new Error('stopped after page 1');
      const stopped = await harvest({ afterPage: (n) => { if (n === 1) throw crash; } }).catch((e: unknown) => e);
      expect(stopped).to.equal(crash);
      const state = await sourceRow();
      expect(state.run).to.include({ pagesDone: 1, recordsSeen: 3, resumptionToken: 'list-1.page-2', startedAt: clock.toISOString() });
      expect(await mirrorsOf(mirror, 'zenodo')).to.have.length(3);

      fixture.requests.length = 0;
      clock = new Date('2026-03-01T10:05:00Z');
      const resumed = await harvest();
      expectSucceeded(resumed);
      expect(resumed.resumed).to.equal(true);
      expect(listRequests().map((r) => r.resumptionToken)).to.deep.equal(['list-1.page-2', 'list-1.page-3']);
      expect(resumed.summary).to.include({ stored: 5, updated: 0, withdrawn: 0 });
      const mirrors = await mirrorsOf(mirror, 'zenodo');
      expect(mirrors).to.have.length(8);
      expect(live(mirrors)).to.deep.equal(LIVE);
      // The run that finished is the one that started before the stop: the next run starts there.
      expect(await sourceRow()).to.include({ status: 'succeeded', lastSuccessFrom: '2026-03-01T10:00:00.500Z' });
    });

    it('(c) resumes after the harvest process is killed mid-run', async () => {
      const env = { ...process.env, DATABASE_URL: mirror.database.url, LOG_LEVEL: 'silent' };
      const args = ['harvest', fixture.url, '--source', 'zenodo', '--metadata-prefix', 'oai_dc'];
      const reachedPage3 = fixture.hold((p) => p.get('resumptionToken')?.endsWith('.page-3') ?? false);
      const child = spawn(process.execPath, [...CLI, ...args], { env, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      await Promise.race([reachedPage3, exited.then(() => Promise.reject(new Error('the harvest ended before page 3')))]);
      child.kill('SIGKILL');
      expect(await exited).to.equal('SIGKILL');

      const state = await sourceRow();
      expect(state.status).to.equal('running');
      expect(state.run).to.include({ pagesDone: 2, resumptionToken: 'list-1.page-3' });
      expect(await mirrorsOf(mirror, 'zenodo')).to.have.length(5);

      fixture.requests.length = 0;
      const again = await runCli(args, env);
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(again.stdout).to.contain('resumed the run that had stopped').and.contain('stored 3, updated 0, unchanged 0, withdrawn 0, failed 0');
      expect(listRequests().map((r) => r.resumptionToken)).to.deep.equal(['list-1.page-3']);
      const mirrors = await mirrorsOf(mirror, 'zenodo');
      expect(mirrors).to.have.length(8);
      expect(live(mirrors)).to.deep.equal(LIVE);
    });

    it('(d) starts the run over from its from when the source refuses a resumption token, once per run', async () => {
      fixture.inject((p) => p.get('resumptionToken') === 'list-1.page-3', { status: 422, body: recorded('zenodo_error_badResumptionToken_2026.xml') });
      const run = await harvest({ from: '2023-10-01' });
      expectSucceeded(run);
      expect(run.restarted).to.equal(true);
      expect(listRequests()).to.deep.equal([
        { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2023-10-01' },
        { verb: 'ListRecords', resumptionToken: 'list-1.page-2' },
        { verb: 'ListRecords', resumptionToken: 'list-1.page-3' },
        { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2023-10-01' },
        { verb: 'ListRecords', resumptionToken: 'list-2.page-2' },
        { verb: 'ListRecords', resumptionToken: 'list-2.page-3' },
      ]);
      expect(run.summary).to.include({ stored: 8, updated: 0, withdrawn: 0 });
      const mirrors = await mirrorsOf(mirror, 'zenodo');
      expect(mirrors).to.have.length(8);
      expect(live(mirrors)).to.deep.equal(LIVE);
    });

    it('(d) fails a run whose tokens are refused twice, and the next run resumes it', async () => {
      fixture.inject((p) => p.get('resumptionToken')?.endsWith('.page-2') ?? false, { status: 422, body: recorded('zenodo_error_badResumptionToken_2026.xml') }, 2);
      const failed = await harvest();
      expect(failed.status).to.equal('failed');
      expect(failed.error).to.match(/^badResumptionToken: The value of the resumptionToken argument is invalid or expired/);
      const state = await sourceRow();
      expect(state).to.include({ status: 'failed' });
      expect(state.lastError).to.contain('badResumptionToken');
      expect(state.run).to.include({ resumptionToken: 'list-2.page-2', pagesDone: 1 });

      const next = await harvest();
      expectSucceeded(next);
      expect(next.resumed).to.equal(true);
      expect(live(await mirrorsOf(mirror, 'zenodo'))).to.deep.equal(LIVE);
    });

    it('(e) harvests incrementally from the start of the last successful run, picking up only what changed', async () => {
      pages = PAGES_BEFORE_DELETION;
      expectSucceeded(await harvest());
      expect(listRequests()[0]).to.deep.equal({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });

      const changed = recordedRecord('oai:zenodo.org:8435696')
        .replace('<datestamp>2023-10-12T14:26:07Z</datestamp>', '<datestamp>2026-03-01T12:00:00Z</datestamp>')
        .replace(/<dc:title>[^<]*<\/dc:title>/, '<dc:title>PocketCoffea, revised</dc:title>');
      const deleted = recordedRecord('oai:zenodo.org:8433364', RECORDED_PAGES);
      options.listRecords = (params) => (params.get('from') ? [pageOf([changed, deleted])] : RECORDED_PAGES);
      fixture.requests.length = 0;
      clock = new Date('2026-03-02T08:00:00Z');
      const second = await harvest();
      expectSucceeded(second);
      expect(listRequests()).to.deep.equal([{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2026-03-01T10:00:00Z' }]);
      expect(second.summary).to.include({ stored: 0, updated: 1, unchanged: 0, withdrawn: 1 });
      const mirrors = await mirrorsOf(mirror, 'zenodo');
      expect(mirrors.find((m) => m.originalIdentifier === 'oai:zenodo.org:8435696')!.title).to.equal('PocketCoffea, revised');
      expect(withdrawn(mirrors)).to.deep.equal(DELETED);
      expect(await sourceRow()).to.include({ lastSuccessFrom: '2026-03-02T08:00:00.000Z' });

      // Nothing changed since: noRecordsMatch is an empty, successful run. A day-granular source gets a day.
      options.identify = recorded('arxiv_Identify_2018_day-granularity.xml');
      options.listRecords = () => 'noRecordsMatch';
      fixture.requests.length = 0;
      clock = new Date('2026-03-03T08:00:00Z');
      const third = await harvest();
      expectSucceeded(third);
      expect(third.summary).to.include({ stored: 0, updated: 0, unchanged: 0, withdrawn: 0 });
      expect(listRequests()).to.deep.equal([{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2026-03-02' }]);
      expect(await sourceRow()).to.include({ lastSuccessFrom: '2026-03-03T08:00:00.000Z' });
    });

    it('fails the run with the code and message of any other OAI-PMH error', async () => {
      options.listRecords = () => pages;
      fixture.inject((p) => p.get('verb') === 'ListRecords', { body: oaiError('badArgument', 'the set is not known here') });
      const run = await harvest();
      expect(run.status).to.equal('failed');
      expect(run.error).to.equal('badArgument: the set is not known here');
      expect(await mirrorsOf(mirror, 'zenodo')).to.have.length(0);
    });

    it('prefers oai_datacite when the source offers it, and refuses a format it does not offer', async () => {
      await ensureHarvestSource(mirror.running.services, CURATOR, { baseUrl: fixture.url, name: 'zenodo-auto' });
      options.listRecords = () => 'noRecordsMatch';
      const auto = await harvestSource(mirror.running.services, CURATOR, 'zenodo-auto', { client: { sleep: async () => {} } });
      expectSucceeded(auto);
      expect(auto.metadataPrefix).to.equal('oai_datacite');
      expect(listRequests()[0]).to.include({ metadataPrefix: 'oai_datacite' });

      await ensureHarvestSource(mirror.running.services, CURATOR, { baseUrl: fixture.url, name: 'zenodo-marc', metadataPrefix: 'marc99' });
      const refused = await harvestSource(mirror.running.services, CURATOR, 'zenodo-marc', { client: { sleep: async () => {} } });
      expect(refused.status).to.equal('failed');
      expect(refused.error).to.match(/^cannotDisseminateFormat: the source does not offer marc99; it offers marcxml, oai_dc/);
    });
  });

  describe('harvest sources API', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(() => server.stop());

    it('lets curators add, list, read and remove sources, and no one else', async () => {
      const body = { baseUrl: 'https://zenodo.org/oai2d', set: 'user-pyhep2023' };
      expect((await server.request('POST', '/api/v1/harvest-sources', { json: body })).status).to.equal(401);
      const submitter = (await createToken(server.running.services, 'submitter', 'depositor')).token;
      expect((await server.request('POST', '/api/v1/harvest-sources', { token: submitter, json: body })).status).to.equal(403);
      const created = await server.request('POST', '/api/v1/harvest-sources', { token: ADMIN_TOKEN, json: body });
      expect(created.status).to.equal(201);
      expect(created.headers.get('location')).to.equal('/api/v1/harvest-sources/zenodo.org');
      expect(await created.json()).to.include({ name: 'zenodo.org', setSpec: 'source:zenodo.org', baseUrl: body.baseUrl, set: body.set, status: 'idle' });
      expect((await server.request('POST', '/api/v1/harvest-sources', { token: ADMIN_TOKEN, json: body })).status).to.equal(409);
      const invalid = await server.request('POST', '/api/v1/harvest-sources', { token: ADMIN_TOKEN, json: { baseUrl: 'ftp://x', name: 'Bad Name' } });
      expect(invalid.status).to.equal(422);
      expect((await invalid.json()).error.problems.map((p: { field: string }) => p.field).sort()).to.deep.equal(['/baseUrl', '/name']);
      const list = await (await server.request('GET', '/api/v1/harvest-sources', { token: ADMIN_TOKEN })).json();
      expect(list.data.map((s: { name: string }) => s.name)).to.deep.equal(['zenodo.org']);
      expect((await server.request('GET', '/api/v1/harvest-sources')).status).to.equal(401);
      const runBounds = await server.request('POST', '/api/v1/harvest-sources/zenodo.org/runs', { token: ADMIN_TOKEN, json: { from: 'last week' } });
      expect(runBounds.status).to.equal(422);
      expect((await server.request('POST', '/api/v1/harvest-sources/nowhere/runs', { token: ADMIN_TOKEN })).status).to.equal(404);
      expect((await server.request('DELETE', '/api/v1/harvest-sources/zenodo.org', { token: ADMIN_TOKEN })).status).to.equal(204);
      expect((await server.request('GET', '/api/v1/harvest-sources/zenodo.org', { token: ADMIN_TOKEN })).status).to.equal(404);
    });
  });

  describe('fairharbor harvesting fairharbor', () => {
    let source: TestServer;
    let demo: FairRecord[];
    let curatorToken: string;
    before(async () => {
      source = await startTestServer({ OAI_PAGE_SIZE: '4' });
      const loaded = await loadDemo(source.running.services);
      demo = loaded.records;
      curatorToken = loaded.curatorToken;
    });
    after(() => source.stop());

    const oaiId = (accession: string) => `oai:localhost.localdomain:${accession}`;
    const publicNow = () => demo.filter((r) => r.status === 'released' && r.access.level !== 'private');

    for (const prefix of ['oai_datacite', 'oai_dc']) {
      describe(`over ${prefix}`, () => {
        let mirror: TestServer;
        before(async () => {
          mirror = await startTestServer();
        });
        after(() => mirror.stop());

        async function run(): Promise<HarvestRun> {
          const response = await mirror.request('POST', '/api/v1/harvest-sources/demo/runs', { token: ADMIN_TOKEN });
          expect(response.status).to.equal(200);
          const harvested: HarvestRun = await response.json();
          expect(harvested.status, harvested.error).to.equal('succeeded');
          expect(harvested.summary.failed).to.deep.equal([]);
          return harvested;
        }

        it('mirrors exactly the public records', async () => {
          const created = await mirror.request('POST', '/api/v1/harvest-sources', { token: ADMIN_TOKEN, json: { baseUrl: `${source.url}/oai`, name: 'demo', metadataPrefix: prefix } });
          expect(created.status).to.equal(201);
          const harvested = await run();
          expect(harvested.pagesDone).to.be.greaterThan(2);
          expect(harvested.summary.stored).to.equal(publicNow().length);
          const mirrors = await mirrorsOf(mirror, 'demo');
          expect(live(mirrors)).to.deep.equal(publicNow().map((r) => oaiId(r.accession)).sort());
          expect(withdrawn(mirrors)).to.deep.equal([]);
        });

        const kept = prefix === 'oai_datacite' ? 'every DataCite property' : 'the titles';
        it(`keeps ${kept} and the licence of every record`, async () => {
          const mirrors = await mirrorsOf(mirror, 'demo');
          let licensed = 0;
          for (const record of publicNow()) {
            const mirrored = mirrors.find((m) => m.originalIdentifier === oaiId(record.accession))!;
            const [original, copy] = await Promise.all([dataCiteOf(source, record.accession), dataCiteOf(mirror, mirrored.accession)]);
            expect(Object.keys(original)).to.include.members(['creators', 'titles', 'publisher', 'publicationYear', 'resourceType', 'licences']);
            const properties = prefix === 'oai_datacite' ? Object.keys({ ...original, ...copy }) : ['titles', 'licences'];
            for (const property of properties) {
              expect(copy[property], `${record.accession} ${property} over ${prefix}`).to.deep.equal(original[property]);
            }
            if ((original.licences as string[]).length > 0) licensed++;
          }
          expect(licensed).to.be.greaterThan(3);
        });

        it('takes changes and deletions incrementally: a change updates its mirror, a withdrawal withdraws it', async () => {
          const [changedOne, deletedOne] = publicNow().slice(-2) as [FairRecord, FairRecord];
          const patched = await source.request('PATCH', `/api/v1/records/${changedOne.accession}`, {
            token: curatorToken,
            json: { titles: [{ title: `${changedOne.titles[0]!.title}, corrected (${prefix})` }] },
          });
          expect(patched.status).to.equal(200);
          const gone = await source.request('DELETE', `/api/v1/records/${deletedOne.accession}`, { token: curatorToken, json: { reason: 'Duplicate deposit' } });
          expect(gone.status).to.equal(200);

          const harvested = await run();
          expect(harvested.from).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(harvested.summary).to.include({ stored: 0, updated: 1, withdrawn: 1 });
          const mirrors = await mirrorsOf(mirror, 'demo');
          expect(mirrors.find((m) => m.originalIdentifier === oaiId(changedOne.accession))!.title).to.equal(`${changedOne.titles[0]!.title}, corrected (${prefix})`);
          expect(withdrawn(mirrors)).to.deep.equal([oaiId(deletedOne.accession)]);
          demo = demo.map((r) => (r.accession === deletedOne.accession ? { ...r, status: 'withdrawn' } : r));
        });
      });
    }
  });
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, preserveOrder: true, trimValues: true });

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/** An element as plain data: name, attributes and content, in order. */
function plain(node: Ordered): unknown {
  const name = Object.keys(node).find((key) => key !== ':@')!;
  if (name === '#text') return String(node['#text']);
  const attributes = Object.fromEntries(Object.entries(node[':@'] ?? {}).filter(([key]) => !key.startsWith('@xmlns') && key !== '@schemaLocation'));
  return { [name]: (node[name] as Ordered[]).map(plain), ...attributes };
}

/** Repository-specific: this repository's accessions, and its URLs (landing pages, version links, its access-request API). */
const REPOSITORY_SPECIFIC = /^(FH\d{7}|http:\/\/localhost:8080\/)/;

function repositorySpecific(element: unknown): boolean {
  const [name, content] = Object.entries(element as Record<string, unknown[]>)[0]!;
  const text = typeof content[0] === 'string' ? content[0] : '';
  if (name === 'rights') return REPOSITORY_SPECIFIC.test(String((element as Record<string, unknown>)['@rightsURI'] ?? ''));
  return ['alternateIdentifier', 'relatedIdentifier'].includes(name) && REPOSITORY_SPECIFIC.test(text);
}

/** A record's DataCite XML from a server, property by property, without what is repository-specific. */
async function dataCiteOf(server: TestServer, accession: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/records/${accession}?format=datacite-xml`);
  expect(response.status).to.equal(200);
  const root = (parser.parse(await response.text()) as Ordered[]).find((node) => 'resource' in node)!;
  const properties: Record<string, unknown> = {};
  for (const child of root.resource as Ordered[]) {
    const element = plain(child) as Record<string, unknown[]>;
    const name = Object.keys(element)[0]!;
    if (name === 'identifier' && (element as Record<string, unknown>)['@identifierType'] !== 'DOI') continue;
    properties[name] = Array.isArray(element[name]) ? { ...element, [name]: element[name].filter((item) => typeof item === 'string' || !repositorySpecific(item)) } : element;
  }
  const rights = ((properties.rightsList as Record<string, Array<Record<string, unknown>>> | undefined)?.rightsList ?? []).filter((r) => r['@rightsIdentifierScheme'] === 'SPDX');
  properties.licences = rights.map((r) => r['@rightsIdentifier']);
  return properties;
}
