import { expect } from 'chai';
import { openDatabase } from '../../src/store/database.js';
import { ANONYMOUS_CREATOR } from '../../src/services/review-link-service.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const DAY = 24 * 60 * 60 * 1000;

describe('reviewer links (the journal policy’s private link for editors and reviewers)', () => {
  let server: TestServer;
  let clock = new Date('2026-03-01T09:00:00Z');
  let owner: string;
  let stranger: string;

  before(async () => {
    server = await startTestServer({}, { now: () => clock });
    const { createToken } = await import('../../src/services/auth-service.js');
    owner = (await createToken(server.running.services, 'submitter', 'depositor')).token;
    stranger = (await createToken(server.running.services, 'submitter', 'someone-else')).token;
  });
  after(() => server.stop());

  const create = async (overrides: Record<string, unknown> = {}, as = owner) => {
    const response = await server.request('POST', '/api/v1/records', { token: as, json: minimalRecord(overrides) });
    expect(response.status).to.equal(201);
    return (await response.json()).accession as string;
  };
  const draft = (title: string, extra: Record<string, unknown> = {}) =>
    create({
      status: 'draft',
      titles: [{ title }],
      creators: [{ name: 'Carberry, Josiah', nameType: 'Personal', givenName: 'Josiah', familyName: 'Carberry' }],
      contributors: [{ name: 'Reviewer-visible, Pat', contributorType: 'DataCurator' }],
      files: [{ name: 'counts.h5ad', url: 'https://files.example.org/counts.h5ad' }],
      ...extra,
    });
  const makeLink = (accession: string, body?: unknown, as = owner) => server.request('POST', `/api/v1/records/${accession}/review-links`, { token: as, json: body });
  const review = (url: string, headers: Record<string, string> = {}) => fetch(url.replace('http://localhost:8080', server.url), { headers, redirect: 'manual' });

  it('lets the owner create a link that shows the unreleased record to whoever holds it, uncached and unindexed', async () => {
    const accession = await draft('Draft under review at a journal');
    const response = await makeLink(accession, { label: 'Manuscript NAR-2026-0042' });
    expect(response.status).to.equal(201);
    const link = await response.json();
    expect(link.url).to.match(/^http:\/\/localhost:8080\/review\/rv_[A-Za-z0-9_-]{43}$/);
    expect(link).to.include({ anonymous: false, includeFiles: false, active: true, label: 'Manuscript NAR-2026-0042' });
    expect(Date.parse(link.expires) - clock.getTime()).to.equal(90 * DAY);

    const page = await review(link.url);
    expect(page.status).to.equal(200);
    const body = await page.text();
    expect(body).to.contain('Draft under review at a journal');
    expect(body).to.contain('Carberry');
    expect(await (await review(link.url, { Accept: 'application/json' })).text(), 'files only when the owner allows').to.not.contain('counts.h5ad');
    expect(page.headers.get('cache-control')).to.equal('private, no-store');
    expect(page.headers.get('x-robots-tag')).to.contain('noindex');
    expect(page.headers.get('link'), 'no Signposting for a private view').to.equal(null);

    const json = await review(link.url, { Accept: 'application/vnd.citationstyles.csl+json' });
    expect(json.headers.get('content-type')).to.match(/csl\+json/);
  });

  it('hides creators and contributors in anonymous mode, and shows files when allowed', async () => {
    const accession = await draft('Double-blind submission');
    const link = await (await makeLink(accession, { anonymous: true, includeFiles: true })).json();
    const body = await (await review(link.url, { Accept: 'application/json' })).text();
    expect(body).to.contain('Double-blind submission');
    expect(body).to.contain(ANONYMOUS_CREATOR);
    expect(body).to.not.contain('Carberry');
    expect(body).to.not.contain('Reviewer-visible');
    expect(body).to.contain('counts.h5ad');
  });

  it('shows that one record and nothing else: the public still sees nothing', async () => {
    const accession = await draft('Still private to the public');
    const link = await (await makeLink(accession)).json();
    expect((await review(link.url)).status).to.equal(200);
    expect((await server.request('GET', `/records/${accession}`)).status).to.equal(404);
    expect((await server.request('GET', `/api/v1/records/${accession}`)).status).to.equal(404);
    const oai = await (await server.request('GET', `/oai?verb=ListIdentifiers&metadataPrefix=oai_dc`)).text();
    expect(oai).to.not.contain(accession);
    const list = await (await server.request('GET', '/api/v1/records?q=still+private')).json();
    expect(list.data).to.deep.equal([]);
  });

  it('is made only by the owner or a curator, for a record not yet public', async () => {
    const accession = await draft('Owned by the depositor');
    expect((await makeLink(accession, {}, stranger)).status, 'another submitter cannot see it').to.equal(404);
    expect((await server.request('POST', `/api/v1/records/${accession}/review-links`)).status, 'anonymous').to.equal(401);
    expect((await makeLink(accession, {}, ADMIN_TOKEN)).status, 'a curator may').to.equal(201);

    const released = await create({ titles: [{ title: 'Already public' }] });
    const refused = await makeLink(released, {}, ADMIN_TOKEN);
    expect(refused.status).to.equal(409);
    expect((await refused.json()).error.message).to.contain(`/records/${released}`);
  });

  it('refuses a bad request body naming the field', async () => {
    const accession = await draft('Bad link request');
    const response = await makeLink(accession, { expiresInDays: 5000, colour: 'red' });
    expect(response.status).to.equal(422);
    const fields = (await response.json()).error.problems.map((p: { field: string }) => p.field);
    expect(fields).to.have.members(['/expiresInDays', '/colour']);
  });

  it('stops working when it expires or is revoked, and is listed without its token', async () => {
    const accession = await draft('Review window');
    const short = await (await makeLink(accession, { expiresInDays: 1 })).json();
    const revocable = await (await makeLink(accession, {})).json();

    expect((await server.request('DELETE', `/api/v1/records/${accession}/review-links/${revocable.id}`, { token: owner })).status).to.equal(204);
    const revoked = await review(revocable.url);
    expect(revoked.status).to.equal(410);
    expect((await revoked.json()).error.message).to.contain('revoked');
    expect((await server.request('DELETE', `/api/v1/records/${accession}/review-links/${revocable.id}`, { token: owner })).status, 'twice').to.equal(404);

    const listed = await (await server.request('GET', `/api/v1/records/${accession}/review-links`, { token: owner })).json();
    expect(listed.data.map((l: { id: number; active: boolean }) => [l.id, l.active])).to.deep.equal([
      [short.id, true],
      [revocable.id, false],
    ]);
    expect(JSON.stringify(listed)).to.not.contain(short.token);

    clock = new Date(clock.getTime() + DAY + 1000);
    const expired = await review(short.url);
    expect(expired.status).to.equal(410);
    expect((await expired.json()).error.message).to.contain('expired');
  });

  it('answers an unknown or malformed link exactly like nothing (404)', async () => {
    expect((await review(`${server.url}/review/rv_${'A'.repeat(43)}`)).status).to.equal(404);
    expect((await review(`${server.url}/review/not-a-token`)).status).to.equal(404);
  });

  it('leads to the public page once the record is released', async () => {
    const accession = await draft('Released after review');
    const link = await (await makeLink(accession)).json();
    expect((await server.request('PATCH', `/api/v1/records/${accession}`, { token: owner, json: { status: 'released' } })).status).to.equal(200);
    const response = await review(`${link.url}?format=bibtex`);
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal(`/records/${accession}?format=bibtex`);
  });

  it('stores only a keyed hash of each token', async () => {
    const accession = await draft('Hashed link');
    const link = await (await makeLink(accession)).json();
    const db = openDatabase(server.database.url);
    try {
      const hashes = (await db('review_links').pluck('token_hash')) as string[];
      expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).to.equal(true);
      const dump = JSON.stringify(await db('review_links').select('*'));
      expect(dump).to.not.contain(link.token);
      expect(dump).to.not.contain(link.token.slice(3));
    } finally {
      await db.destroy();
    }
  });
});
