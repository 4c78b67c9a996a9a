/**
 * DOI registration against a local server that speaks DataCite's REST API (test/helpers/fake-datacite.ts):
 * the lifecycle of a DOI as its record moves, an outage with nothing lost, and a DOI taken elsewhere.
 */
import { expect } from 'chai';
import { isMintedDoiSuffix } from '../../src/model/doi-suffix.js';
import { createToken } from '../../src/services/auth-service.js';
import { sendDueRegistrations } from '../../src/services/doi-registration.js';
import { releaseDueRecords } from '../../src/services/release-service.js';
import { runCli } from '../helpers/cli.js';
import { startFakeDataCite, type FakeDataCite } from '../helpers/fake-datacite.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const PREFIX = '10.12345';
const REPOSITORY = 'FAIRHARBOR.TEST';
const PASSWORD = 'datacite-test-password';

describe('DOI registration with DataCite', () => {
  let datacite: FakeDataCite;
  let server: TestServer;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let submitter: string;

  const dataCiteEnv = () => ({ DATACITE_API_URL: datacite.url, DATACITE_REPOSITORY_ID: REPOSITORY, DATACITE_PASSWORD: PASSWORD, DATACITE_PREFIX: PREFIX });

  before(async () => {
    datacite = await startFakeDataCite({ repositoryId: REPOSITORY, password: PASSWORD, prefix: PREFIX });
    // The sender is driven by hand here, so each step is seen; the last suite checks the running server's own.
    server = await startTestServer(dataCiteEnv(), { now: () => clock, background: false });
    submitter = (await createToken(server.running.services, 'submitter', 'doi-depositor')).token;
  });
  after(async () => {
    await server.stop();
    await datacite.stop();
  });

  const send = () => sendDueRegistrations(server.running.services);
  const create = async (overrides: Record<string, unknown>, token = submitter) => {
    const response = await server.request('POST', '/api/v1/records', { token, json: minimalRecord(overrides) });
    expect(response.status, await response.clone().text()).to.equal(201);
    return response.json();
  };
  const patch = (accession: string, body: unknown, token = ADMIN_TOKEN) => server.request('PATCH', `/api/v1/records/${accession}`, { token, json: body });
  const registration = async (accession: string) => (await server.request('GET', `/api/v1/records/${accession}/doi`, { token: ADMIN_TOKEN })).json();
  const atDataCite = (doi: string) => datacite.dois.get(doi.toLowerCase());
  const landing = (accession: string) => `http://localhost:8080/records/${accession}`;

  it('mints a DOI with a check character under the prefix and reserves it as a draft at once', async () => {
    const record = await create({ status: 'draft', mintDoi: true, titles: [{ title: 'Minted and reserved' }] });
    expect(record.doi).to.match(new RegExp(`^${PREFIX.replace('.', '\\.')}/`));
    expect(isMintedDoiSuffix(record.doi.split('/')[1])).to.equal(true);
    expect(record).to.not.have.property('mintDoi');
    expect((await registration(record.accession)).state).to.equal('pending');

    await send();
    const doi = atDataCite(record.doi)!;
    expect(doi.state).to.equal('draft');
    expect(doi.url).to.equal(landing(record.accession));
    expect(doi.xml).to.contain('Minted and reserved');
    const request = datacite.requests.find((r) => r.method === 'POST')!;
    expect(request.authorization).to.equal(`Basic ${Buffer.from(`${REPOSITORY}:${PASSWORD}`).toString('base64')}`);
    expect(await registration(record.accession)).to.include({ registered: true, state: 'done', target: 'draft', datacite: 'draft' });
  });

  it('publishes the DOI at release, sends every later change of metadata, and hides it on withdrawal', async () => {
    const record = await create({ status: 'draft', mintDoi: true, titles: [{ title: 'Lifecycle of a DOI' }] });
    await send();
    expect((await patch(record.accession, { status: 'released' }, submitter)).status).to.equal(200);
    await send();
    expect(atDataCite(record.doi)!.state).to.equal('findable');
    expect(atDataCite(record.doi)!.events.at(-1)).to.include({ method: 'PUT', event: 'publish', from: 'draft', to: 'findable' });

    expect((await patch(record.accession, { titles: [{ title: 'Lifecycle of a DOI, corrected' }] })).status).to.equal(200);
    await send();
    expect(atDataCite(record.doi)!.xml).to.contain('Lifecycle of a DOI, corrected');
    expect(atDataCite(record.doi)!.state).to.equal('findable');

    const withdrawn = await server.request('DELETE', `/api/v1/records/${record.accession}`, { token: ADMIN_TOKEN, json: { reason: 'Duplicate deposit', category: 'duplicate' } });
    expect(withdrawn.status).to.equal(200);
    await send();
    const hidden = atDataCite(record.doi)!;
    expect(hidden.state).to.equal('registered');
    expect(hidden.events.at(-1)).to.include({ event: 'hide', from: 'findable', to: 'registered' });
    expect(hidden.url, 'the DOI still resolves, to the tombstone').to.equal(landing(record.accession));
    expect(hidden.xml).to.contain('dateType="Withdrawn"');
    expect(await registration(record.accession)).to.include({ state: 'done', target: 'registered', datacite: 'registered' });
  });

  it('registers a released private record without making it findable, and a scheduled one on its day', async () => {
    const hiddenRecord = await create({ mintDoi: true, access: { level: 'private' } });
    const scheduled = await create({ mintDoi: true, access: { level: 'public', releaseDate: '2026-04-01' } });
    await send();
    expect(atDataCite(hiddenRecord.doi)!.state).to.equal('registered');
    expect(atDataCite(scheduled.doi)!.state).to.equal('draft');
    clock = new Date('2026-04-01T00:00:30.000Z');
    await releaseDueRecords(server.running.services);
    await send();
    expect(atDataCite(scheduled.doi)!.state).to.equal('findable');
  });

  it('registers a DOI given under the prefix, and leaves other DOIs as given', async () => {
    const own = await create({ doi: `https://doi.org/${PREFIX}/given.1` });
    const foreign = await create({ doi: '10.5061/dryad.8515' });
    await send();
    expect(atDataCite(`${PREFIX}/given.1`)!.state).to.equal('findable');
    expect(atDataCite('10.5061/dryad.8515')).to.equal(undefined);
    expect(await registration(foreign.accession)).to.deep.equal({ doi: '10.5061/dryad.8515', registered: false, reason: `the DOI is not under the repository's prefix ${PREFIX}` });
    expect((await registration(own.accession)).state).to.equal('done');
  });

  it('never blocks or loses a deposit while DataCite is down, and catches up when it is back', async () => {
    datacite.failWith(503, 1, { retryAfter: 30 });
    const first = await create({ mintDoi: true, titles: [{ title: 'Deposited during a 503' }] });
    await send();
    const waiting = await registration(first.accession);
    expect(waiting).to.include({ state: 'pending', attempts: 1 });
    expect(waiting.error).to.contain('503');
    expect(Date.parse(waiting.nextAttempt)).to.be.greaterThan(clock.getTime());

    await datacite.down();
    const second = await create({ mintDoi: true, titles: [{ title: 'Deposited while DataCite refused connections' }] });
    await send();
    expect((await registration(second.accession)).error).to.match(/could not be reached: ECONNREFUSED/);
    clock = new Date(clock.getTime() + 60_000);
    await send();
    const stillWaiting = await registration(first.accession);
    expect(stillWaiting).to.include({ state: 'pending', attempts: 2 });

    await datacite.up();
    clock = new Date(clock.getTime() + 60 * 60_000);
    const summary = await send();
    expect(summary.done).to.be.greaterThanOrEqual(2);
    for (const record of [first, second]) {
      expect(atDataCite(record.doi)!.state).to.equal('findable');
      expect(await registration(record.accession)).to.include({ state: 'done', datacite: 'findable' });
    }
  });

  it('reports a DOI already taken at DataCite by another repository clearly, and keeps the record', async () => {
    datacite.takenElsewhere(`${PREFIX}/taken.1`);
    const record = await create({ doi: `${PREFIX}/taken.1` });
    await send();
    const state = await registration(record.accession);
    expect(state.state).to.equal('failed');
    expect(state.error).to.equal(`DOI ${PREFIX}/taken.1 is already registered at DataCite by another repository (other.repository)`);
    expect((await server.request('GET', `/api/v1/records/${record.accession}`)).status).to.equal(200);
  });

  it('takes over a DOI this repository created when the answer was lost, without creating it twice', async () => {
    const record = await create({ doi: `${PREFIX}/answer.lost`, status: 'draft' });
    // DataCite received the creation, but the repository never heard back: it holds the DOI, fairharbor thinks not.
    await fetch(`${datacite.url}/dois`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.api+json', Authorization: `Basic ${Buffer.from(`${REPOSITORY}:${PASSWORD}`).toString('base64')}` },
      body: JSON.stringify({ data: { type: 'dois', attributes: { doi: `${PREFIX}/answer.lost` } } }),
    });
    await send();
    expect(await registration(record.accession)).to.include({ state: 'done', datacite: 'draft' });
    expect(atDataCite(`${PREFIX}/answer.lost`)!.events.map((e) => e.method)).to.deep.equal(['POST', 'PUT']);
  });

  it('re-sends with fairharbor doi sync, reporting what DataCite said', async () => {
    const record = await create({ mintDoi: true, titles: [{ title: 'Synced again' }] });
    await send();
    const before = atDataCite(record.doi)!.events.length;
    const env = { DATABASE_URL: server.database.url, BASE_URL: 'http://localhost:8080', ...dataCiteEnv() };
    const one = await runCli(['doi', 'sync', '--accession', record.accession], env);
    expect(one.code, one.stderr).to.not.equal(2);
    expect(one.stdout).to.match(/queued 1; registered 1;/);
    expect(atDataCite(record.doi)!.events.length).to.equal(before + 1);
    const all = await runCli(['doi', 'sync'], env);
    expect(all.stdout).to.match(/queued \d+; registered \d+; retrying later 0; failed 1/);
    expect(all.stderr).to.contain('taken.1: DOI 10.12345/taken.1 is already registered at DataCite by another repository');
    expect(all.code).to.equal(1);
  });
});

describe('DOI registration, when DataCite is not configured', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('refuses to mint, naming the field, and stores DOIs as given', async () => {
    const refused = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ mintDoi: true }) });
    expect(refused.status).to.equal(422);
    expect((await refused.json()).error.field).to.equal('/mintDoi');
    const given = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ doi: 'doi:10.12345/as.given' }) })).json();
    expect(given.doi).to.equal('10.12345/as.given');
    const state = await (await server.request('GET', `/api/v1/records/${given.accession}/doi`)).json();
    expect(state).to.include({ registered: false });
    expect(state.reason).to.contain('DATACITE_');
  });

  it('refuses a record that gives a DOI and asks for one', async () => {
    const both = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ mintDoi: true, doi: '10.12345/both' }) });
    expect(both.status).to.equal(422);
    expect((await both.json()).error.field).to.equal('/mintDoi');
  });
});

describe('DOI registration by the running server', () => {
  it('sends a new registration within seconds, with no one asking', async () => {
    const datacite = await startFakeDataCite({ repositoryId: REPOSITORY, password: PASSWORD, prefix: PREFIX });
    const server = await startTestServer({ DATACITE_API_URL: datacite.url, DATACITE_REPOSITORY_ID: REPOSITORY, DATACITE_PASSWORD: PASSWORD, DATACITE_PREFIX: PREFIX });
    try {
      const record = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ mintDoi: true }) })).json();
      for (let waited = 0; waited < 10_000 && datacite.dois.get(record.doi)?.state !== 'findable'; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(datacite.dois.get(record.doi)?.state).to.equal('findable');
    } finally {
      await server.stop();
      await datacite.stop();
    }
  });
});
