/**
 * The journal check (journal data policy, sections 5–8): identifiers and data availability statements as a
 * journal's editors send them, and what the check finds wrong with them.
 */
import { expect } from 'chai';
import { createToken } from '../../src/services/auth-service.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('the journal check', () => {
  let server: TestServer;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let submitter: string;
  let open: { accession: string };
  let controlled: { accession: string };
  let withdrawn: { accession: string };
  let scheduled: { accession: string };
  let v1: { accession: string };
  let v2: { accession: string };

  before(async () => {
    server = await startTestServer({ CHECK_RATE_LIMIT: '1000' }, { now: () => clock, background: false });
    submitter = (await createToken(server.running.services, 'submitter', 'check-depositor')).token;
    const create = async (overrides: Record<string, unknown>, token = submitter) => (await server.request('POST', '/api/v1/records', { token, json: minimalRecord(overrides) })).json();
    open = await create({
      titles: [{ title: 'Open spatial atlas' }],
      doi: '10.57760/sciencedb.06290',
      cstr: '31253.11.sciencedb.06290',
      rightsList: [{ rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' }],
      files: [{ name: 'atlas.csv', url: 'https://files.example.org/atlas.csv', format: 'text/csv' }],
    });
    controlled = await create({ titles: [{ title: 'Controlled cohort' }], doi: '10.12345/controlled.1', access: { level: 'controlled', conditions: { rules: ['no-reidentification'] } } });
    withdrawn = await create({ titles: [{ title: 'Withdrawn dataset' }], doi: '10.12345/withdrawn.1' });
    await server.request('DELETE', `/api/v1/records/${withdrawn.accession}`, { token: ADMIN_TOKEN, json: { reason: 'The article was retracted', category: 'retracted-publication' } });
    scheduled = await create({ titles: [{ title: 'Promised for later' }], doi: '10.12345/scheduled.1', access: { level: 'public', releaseDate: '2026-09-01' } });
    await server.request('POST', `/api/v1/records/${scheduled.accession}/review-links`, { token: submitter, json: {} });
    v1 = await create({ titles: [{ title: 'Versioned data' }], doi: '10.12345/versioned.1' });
    v2 = await (await server.request('POST', `/api/v1/records/${v1.accession}/versions`, { token: submitter, json: { status: 'released', doi: '10.12345/versioned.2' } })).json();
  });
  after(() => server.stop());

  const check = async (id: string, token?: string) => {
    const response = await server.request('GET', `/api/v1/check?id=${encodeURIComponent(id)}`, { token });
    expect(response.status).to.equal(200);
    return (await response.json()).data;
  };
  const post = async (body: unknown, token?: string) => server.request('POST', '/api/v1/check', { json: body, token });
  const codes = (report: { problems: Array<{ code: string }> }) => report.problems.map((p) => p.code);

  it('reports a DOI held here: status, access, licence, landing page, citation, no problems', async () => {
    const report = await check('https://doi.org/10.57760/SCIENCEDB.06290.');
    expect(report).to.include({ kind: 'doi', normalized: '10.57760/sciencedb.06290', held: true, accession: open.accession, status: 'released', landingPage: `http://localhost:8080/records/${open.accession}` });
    expect(report.access.level).to.equal('public');
    expect(report.licence.spdxId).to.equal('CC-BY-4.0');
    expect(report.citation).to.contain('Open spatial atlas');
    expect(report.problems).to.deep.equal([]);
  });

  it('finds the same record by its CSTR in three forms and by its accession', async () => {
    for (const id of ['CSTR:31253.11.sciencedb.06290', '31253.11.sciencedb.06290', 'https://cstr.cn/31253.11.sciencedb.06290', open.accession]) {
      expect((await check(id)).accession, id).to.equal(open.accession);
    }
  });

  it('says a DOI resolves to a withdrawn record, with the reason', async () => {
    const report = await check('doi:10.12345/withdrawn.1');
    expect(report.status).to.equal('withdrawn');
    expect(report.withdrawal).to.include({ reason: 'The article was retracted', category: 'retracted-publication' });
    expect(codes(report)).to.include('withdrawn');
  });

  it('states controlled access with its conditions and how to apply', async () => {
    const report = await check('10.12345/controlled.1');
    expect(report.access.level).to.equal('controlled');
    expect(report.access.conditions.join(' ')).to.match(/identify/i);
    expect(report.access.requestUrl).to.equal(`http://localhost:8080/api/v1/records/${controlled.accession}/access-requests`);
  });

  it('says when a newer version exists', async () => {
    const report = await check('10.12345/versioned.1');
    expect(report.latestVersion).to.equal(v2.accession);
    expect(codes(report)).to.include('newer-version');
    expect(codes(await check('10.12345/versioned.2'))).to.deep.equal([]);
  });

  it('tells the public nothing of a record not yet released, and a curator only its status and review link', async () => {
    const anonymous = await check('10.12345/scheduled.1');
    expect(anonymous).to.include({ held: false });
    expect(JSON.stringify(anonymous)).to.not.contain(scheduled.accession);
    const curator = await check('10.12345/scheduled.1', ADMIN_TOKEN);
    expect(curator).to.include({ held: true, status: 'scheduled', releaseDate: '2026-09-01', activeReviewLink: true });
    expect(curator).to.not.have.property('citation');
    expect(JSON.stringify(curator)).to.not.contain('Promised for later');
  });

  it('labels identifiers of other archives, and reports malformed ones', async () => {
    const geo = await check('GSE123456');
    expect(geo).to.include({ kind: 'external-accession', held: false });
    expect(geo.label).to.match(/GEO/);
    expect(geo.problems).to.deep.equal([]);
    const malformed = await check('10.12/x');
    expect(codes(malformed)).to.deep.equal(['malformed']);
    const absent = await check('https://doi.org/10.9999/nothing.here');
    expect(absent).to.include({ kind: 'doi', held: false });
    expect(codes(absent)).to.deep.equal(['not-found']);
  });

  it('checks a batch of identifiers, up to 1,000', async () => {
    const response = await post({ ids: ['10.57760/sciencedb.06290', 'doi:10.12345/withdrawn.1', 'not an identifier'] });
    const { data } = await response.json();
    expect(data.map((r: { held: boolean }) => r.held)).to.deep.equal([true, true, false]);
    expect(codes(data[2])).to.deep.equal(['malformed']);
    expect((await post({ ids: Array.from({ length: 1001 }, (_, i) => `10.1234/${i}`) })).status).to.equal(413);
    expect((await post({ ids: ['x'], statement: 'y' })).status).to.equal(400);
  });

  it('recognises the journal’s open template and finds nothing missing in a complete statement', async () => {
    const statement = `The related data (DOI: 10.57760/sciencedb.06290) for this paper is available in the Example Data Centre database (https://doi.org/10.57760/sciencedb.06290).`;
    const report = await (await post({ statement })).json();
    expect(report.template).to.equal('open');
    expect(report.problems).to.deep.equal([]);
    expect(report.identifiers.map((i: { normalized: string }) => i.normalized)).to.deep.equal(['10.57760/sciencedb.06290']);
    expect(report.suggested).to.contain('10.57760/sciencedb.06290');
  });

  it('finds a statement that says open while the data are controlled, and one without identifier or link', async () => {
    const misleading = await (await post({ statement: 'The data are openly available in the database at https://doi.org/10.12345/controlled.1.' })).json();
    expect(codes(misleading)).to.include('statement-says-open-but-restricted');
    expect(misleading.suggested).to.match(/should not be shared/);
    const bare = await (await post({ statement: 'The data are available in our repository.' })).json();
    expect(codes(bare)).to.include.members(['statement-lacks-identifier', 'statement-lacks-link']);
  });

  it('recognises the special-software and not-shareable templates and what they lack', async () => {
    const software = await (await post({ statement: 'The related data (DOI: 10.57760/sciencedb.06290) of this paper can be accessed in the ScienceDB database (https://doi.org/10.57760/sciencedb.06290), and the software for opening the data is' })).json();
    expect(software.template).to.equal('special-software');
    expect(codes(software)).to.include('statement-lacks-software');
    const onRequest = await (await post({ statement: 'The related data of this paper is data that should not be shared, and can be obtained from the author for reasonable reasons.' })).json();
    expect(onRequest.template).to.equal('on-request');
    expect(codes(onRequest)).to.deep.equal(['statement-lacks-contact']);
  });

  it('offers editors a plain HTML form over the same check, escaping what they type', async () => {
    const form = await (await server.request('GET', '/check')).text();
    expect(form).to.contain('<label for="text">');
    expect(form).to.contain('<main>');
    const body = new URLSearchParams({ mode: 'ids', text: '10.57760/sciencedb.06290\n<script>alert(1)</script>' });
    const answer = await fetch(`${server.url}/check`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(answer.headers.get('content-type')).to.match(/^text\/html/);
    const html = await answer.text();
    expect(html).to.contain(`/records/${open.accession}`);
    expect(html).to.not.contain('<script>alert(1)</script>');
    expect(html).to.contain('&lt;script&gt;');
    const statement = new URLSearchParams({ mode: 'statement', text: 'The data are available in our repository.' });
    const checked = await (await fetch(`${server.url}/check`, { method: 'POST', body: statement, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).text();
    expect(checked).to.contain('no permanent web link');
  });

  it('limits the rate of check requests with 429 and Retry-After', async () => {
    const limited = await startTestServer({ CHECK_RATE_LIMIT: '2' }, { background: false });
    try {
      for (let i = 0; i < 2; i++) expect((await limited.request('GET', '/api/v1/check?id=10.1234/x')).status).to.equal(200);
      const refused = await limited.request('GET', '/api/v1/check?id=10.1234/x');
      expect(refused.status).to.equal(429);
      expect(Number(refused.headers.get('retry-after'))).to.be.greaterThan(0);
      expect((await refused.json()).error.code).to.equal('too_many_requests');
    } finally {
      await limited.stop();
    }
  });
});
