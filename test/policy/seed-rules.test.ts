/**
 * The rules of the data-sharing policies fairharbor models (shared seeds), one test per rule, named after
 * the policy and article it implements. Time moves with an injectable clock.
 */
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { releaseDueRecords } from '../../src/services/release-service.js';
import { createToken } from '../../src/services/auth-service.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const START = '2026-03-02T09:00:00.000Z';
const journalArticle = { relatedIdentifier: '10.1038/s41586-026-00001-x', relatedIdentifierType: 'DOI', relationType: 'IsSupplementTo', resourceTypeGeneral: 'JournalArticle' };

describe('seed policies, rule by rule', () => {
  let server: TestServer;
  let clock = new Date(START);
  let submitter: string;

  before(async () => {
    server = await startTestServer({}, { now: () => clock, background: false });
    submitter = (await createToken(server.running.services, 'submitter', 'seed-depositor')).token;
  });
  after(() => server.stop());
  beforeEach(() => {
    clock = new Date(START);
  });

  const create = async (overrides: Record<string, unknown>, token = submitter) => {
    const response = await server.request('POST', '/api/v1/records', { token, json: minimalRecord(overrides) });
    expect(response.status, await response.clone().text()).to.equal(201);
    return response.json();
  };
  const patch = (accession: string, body: unknown, token = ADMIN_TOKEN) => server.request('PATCH', `/api/v1/records/${accession}`, { token, json: body });
  const publicView = (accession: string) => server.request('GET', `/api/v1/records/${accession}`);
  const problemsOf = async (response: Response) => ((await response.json()).error.problems as Array<{ field: string; message: string }>) ?? [];
  const oaiIdentifiers = async (query: string) => {
    const xml = await (await server.request('GET', `/oai?verb=ListIdentifiers&metadataPrefix=oai_dc${query}`)).text();
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'header' }).parse(xml)['OAI-PMH'];
    return (parsed.ListIdentifiers?.header ?? []) as Array<{ identifier: string; datestamp: string; '@_status'?: string }>;
  };

  describe('BioImage Archive policies, submission 4: release dates', () => {
    it('accepts a release date up to two years after submission, and refuses a later one naming the field and the limit', async () => {
      const ok = await create({ access: { level: 'public', releaseDate: '2028-03-02' } });
      expect(ok.status).to.equal('scheduled');
      const refused = await server.request('POST', '/api/v1/records', { token: submitter, json: minimalRecord({ access: { level: 'public', releaseDate: '2028-03-03' } }) });
      expect(refused.status).to.equal(422);
      const [problem] = await problemsOf(refused);
      expect(problem!.field).to.equal('/access/releaseDate');
      expect(problem!.message).to.contain('2028-03-02');
    });

    it('lets the release date change until release, within two years of the original submission', async () => {
      const record = await create({ access: { level: 'public', releaseDate: '2026-09-01' } });
      clock = new Date('2026-08-01T00:00:00Z');
      expect((await patch(record.accession, { access: { releaseDate: '2027-01-15' } }, submitter)).status).to.equal(200);
      const tooLate = await patch(record.accession, { access: { releaseDate: '2028-03-03' } }, submitter);
      expect(tooLate.status).to.equal(422);
      expect((await problemsOf(tooLate))[0]!.field).to.equal('/access/releaseDate');
    });

    it('releases by itself at 00:00 UTC of the release date, datestamped then, and the release sweep records it', async () => {
      const record = await create({ titles: [{ title: 'Released on the first of April' }], access: { level: 'public', releaseDate: '2026-04-01' } });
      expect((await publicView(record.accession)).status).to.equal(404);
      const harvestStart = '2026-03-31T23:00:00Z';
      clock = new Date('2026-04-01T00:00:00.000Z');
      expect((await publicView(record.accession)).status, 'public without any job having run').to.equal(200);
      const headers = await oaiIdentifiers(`&from=${harvestStart}`);
      expect(headers.map((h) => [h.identifier.split(':').pop(), h.datestamp])).to.deep.include([record.accession, '2026-04-01T00:00:00Z']);

      const released = await releaseDueRecords(server.running.services);
      expect(released).to.include(record.accession);
      const stored = await (await server.request('GET', `/api/v1/records/${record.accession}`, { token: ADMIN_TOKEN })).json();
      expect(stored.status).to.equal('released');
      expect(stored.datestamp, 'the sweep changes nothing the public sees').to.equal('2026-04-01T00:00:00.000Z');
      expect(await releaseDueRecords(server.running.services)).to.not.include(record.accession);
    });
  });

  describe('STOmicsDB article 11: release on publication', () => {
    it('holds a record flagged release-on-publication until a related journal article is added, then releases it that day', async () => {
      const record = await create({ titles: [{ title: 'Awaiting its article' }], access: { level: 'public', releaseDate: '2027-12-31', releaseOnPublication: true } });
      expect(record.status).to.equal('scheduled');
      expect((await publicView(record.accession)).status).to.equal(404);

      clock = new Date('2026-05-20T10:00:00Z');
      const published = await patch(record.accession, { relatedIdentifiers: [journalArticle] }, submitter);
      expect(published.status).to.equal(200);
      const body = await published.json();
      expect(body.status).to.equal('released');
      expect(body.access.releaseDate).to.equal('2026-05-20');
      expect((await publicView(record.accession)).status).to.equal(200);
      expect((await oaiIdentifiers('&from=2026-05-20')).some((h) => h.identifier.endsWith(record.accession))).to.equal(true);
    });

    it('releases at once a record that already cites its article, and keeps a draft a draft', async () => {
      const cited = await create({ access: { level: 'public', releaseDate: '2027-01-01', releaseOnPublication: true }, relatedIdentifiers: [journalArticle] });
      expect(cited.status).to.equal('released');
      const draft = await create({ status: 'draft', access: { level: 'public', releaseDate: '2027-01-01', releaseOnPublication: true }, relatedIdentifiers: [journalArticle] });
      expect(draft.status).to.equal('draft');
    });

    it('needs a future release date to fall back on, and says so', async () => {
      const response = await server.request('POST', '/api/v1/records', { token: submitter, json: minimalRecord({ access: { level: 'public', releaseOnPublication: true } }) });
      expect(response.status).to.equal(422);
      const [problem] = await problemsOf(response);
      expect(problem!.field).to.equal('/access/releaseDate');
      expect(problem!.message).to.contain('journal article');
    });

    it('does not count a relation to something that is not a journal article', async () => {
      const record = await create({ access: { level: 'public', releaseDate: '2027-01-01', releaseOnPublication: true } });
      const preprint = { ...journalArticle, resourceTypeGeneral: 'Preprint' };
      expect((await (await patch(record.accession, { relatedIdentifiers: [preprint] }, submitter)).json()).status).to.equal('scheduled');
    });
  });

  describe('CNGBdb 2.1: released public data cannot be made controlled or private again', () => {
    for (const level of ['controlled', 'private', 'registered']) {
      it(`refuses to make a public record ${level}, naming the field`, async () => {
        const record = await create({ access: { level: 'public' } });
        const response = await patch(record.accession, { access: { level } });
        expect(response.status).to.equal(422);
        const [problem] = await problemsOf(response);
        expect(problem!.field).to.equal('/access/level');
        expect(problem!.message).to.contain('withdrawn');
        expect((await (await publicView(record.accession)).json()).access.level).to.equal('public');
      });
    }

    it('lets a released controlled record open up, and an unreleased one change freely', async () => {
      const controlled = await create({ access: { level: 'controlled' } });
      expect((await patch(controlled.accession, { access: { level: 'public' } })).status).to.equal(200);
      const scheduled = await create({ access: { level: 'public', releaseDate: '2026-12-01' } });
      expect((await patch(scheduled.accession, { access: { level: 'private', releaseDate: '2026-12-01' } })).status).to.equal(200);
    });

    it('still allows withdrawal of a public record', async () => {
      const record = await create({ access: { level: 'public' } });
      expect((await server.request('DELETE', `/api/v1/records/${record.accession}`, { token: ADMIN_TOKEN, json: { reason: 'Submitter request' } })).status).to.equal(200);
    });
  });

  describe('BioImage Archive, dataset removal: obsolete or removed, with a reason from a vocabulary', () => {
    it('keeps a removed record as a tombstone that resolves forever by accession, DOI and CSTR', async () => {
      const record = await create({ doi: '10.12345/seed.removed', cstr: '31253.11.seed.removed', access: { level: 'public' } });
      const withdrawn = await server.request('DELETE', `/api/v1/records/${record.accession}`, {
        token: ADMIN_TOKEN,
        json: { reason: 'The article was retracted by the journal', category: 'retracted-publication' },
      });
      expect(withdrawn.status).to.equal(200);
      expect((await withdrawn.json()).tombstone).to.include({ category: 'retracted-publication', kind: 'removed' });

      clock = new Date('2031-01-01T00:00:00Z');
      const gone = await publicView(record.accession);
      expect(gone.status).to.equal(410);
      expect((await gone.json()).error.tombstone.reason).to.equal('The article was retracted by the journal');
      for (const path of ['/doi/10.12345/seed.removed', '/cstr/31253.11.seed.removed', `/api/v1/resolve?id=${record.accession}`]) {
        const response = await fetch(server.url + path, { redirect: 'manual' });
        expect(response.status, path).to.equal(303);
      }
      expect((await server.request('GET', `/records/${record.accession}`)).status).to.equal(410);
    });

    it('keeps an obsolete record accessible by its identifiers but out of lists, search and harvests', async () => {
      const record = await create({ titles: [{ title: 'Obsolete reference atlas' }], doi: '10.12345/seed.obsolete', access: { level: 'public' } });
      const response = await server.request('DELETE', `/api/v1/records/${record.accession}`, {
        token: ADMIN_TOKEN,
        json: { reason: 'An official investigation questioned the provenance', category: 'official-investigation', kind: 'obsolete' },
      });
      expect(response.status).to.equal(200);
      const view = await publicView(record.accession);
      expect(view.status).to.equal(200);
      expect((await view.json()).tombstone.kind).to.equal('obsolete');
      expect((await server.request('GET', `/records/${record.accession}?format=datacite-xml`)).status).to.equal(200);
      const search = await (await server.request('GET', '/api/v1/records?q=obsolete+reference+atlas')).json();
      expect(search.data).to.deep.equal([]);
      const header = (await oaiIdentifiers('')).find((h) => h.identifier.endsWith(record.accession));
      expect(header?.['@_status']).to.equal('deleted');
    });

    it('refuses a category outside the vocabulary, naming the field', async () => {
      const record = await create({ access: { level: 'public' } });
      const response = await server.request('DELETE', `/api/v1/records/${record.accession}`, { token: ADMIN_TOKEN, json: { reason: 'x', category: 'whim', kind: 'vanished' } });
      expect(response.status).to.equal(422);
      expect((await problemsOf(response)).map((p) => p.field)).to.have.members(['/category', '/kind']);
    });
  });

  describe('Journal data policy 9: data updates are new versions, released like the first', () => {
    const datacite = (accession: string) => server.request('GET', `/records/${accession}?format=datacite-xml`).then((r) => r.text());

    it('makes a draft new version with its own identifiers, refuses a second, links every version once released, and names the latest', async () => {
      const v1 = await create({ titles: [{ title: 'Versioned atlas' }], doi: '10.12345/seed.v1', version: '1', access: { level: 'public' } });
      const v2Response = await server.request('POST', `/api/v1/records/${v1.accession}/versions`, { token: submitter, json: { descriptions: [{ description: 'Second release with more sections.', descriptionType: 'Abstract' }] } });
      expect(v2Response.status).to.equal(201);
      const v2 = await v2Response.json();
      expect(v2.accession).to.not.equal(v1.accession);
      expect(v2).to.include({ status: 'draft', version: '2' });
      expect(v2.doi, 'each version has its own identifiers').to.equal(undefined);
      expect(v2.versions).to.include({ conceptAccession: v1.accession, versionNumber: 2, previousAccession: v1.accession, latestAccession: v1.accession });

      const second = await server.request('POST', `/api/v1/records/${v1.accession}/versions`, { token: submitter });
      expect(second.status).to.equal(409);
      expect((await second.json()).error.unreleased).to.equal(v2.accession);
      expect((await datacite(v1.accession)), 'an unreleased version leaves no trace').to.not.contain(v2.accession);

      clock = new Date('2026-04-01T12:00:00Z');
      expect((await patch(v2.accession, { status: 'released', doi: '10.12345/seed.v2' }, submitter)).status).to.equal(200);
      const first = await (await publicView(v1.accession)).json();
      expect(first.versions).to.include({ latestAccession: v2.accession, nextAccession: v2.accession });
      expect(first.datestamp, 'the older version’s public view changed').to.equal('2026-04-01T12:00:00.000Z');

      const base = 'http://localhost:8080/records';
      const relation = (type: string, target: string) => new RegExp(`relationType="${type}"[^>]*>${target.replace(/[.?/]/g, '\\$&')}<`);
      expect(await datacite(v1.accession)).to.match(relation('IsPreviousVersionOf', `${base}/${v2.accession}`));
      expect(await datacite(v2.accession)).to.match(relation('IsNewVersionOf', `${base}/${v1.accession}`));
      expect(await datacite(v2.accession)).to.match(relation('IsVersionOf', `${base}/${v1.accession}/latest`));
      const turtle = await (await server.request('GET', `/records/${v1.accession}?format=ntriples`)).text();
      expect(turtle).to.contain(`<${base}/${v1.accession}/latest> <http://www.w3.org/ns/dcat#hasCurrentVersion> <${base}/${v2.accession}>`);

      const latest = await fetch(`${server.url}/records/${v1.accession}/latest?format=bibtex`, { redirect: 'manual' });
      expect(latest.status).to.equal(303);
      expect(latest.headers.get('location')).to.equal(`/records/${v2.accession}?format=bibtex`);
      const listed = await (await server.request('GET', `/api/v1/records/${v2.accession}/versions`)).json();
      expect(listed.data.map((v: { accession: string; versionNumber: number }) => [v.accession, v.versionNumber])).to.deep.equal([
        [v1.accession, 1],
        [v2.accession, 2],
      ]);
    });

    it('links a scheduled new version when its day comes', async () => {
      const v1 = await create({ titles: [{ title: 'Scheduled update' }], access: { level: 'public' } });
      const v2 = await (await server.request('POST', `/api/v1/records/${v1.accession}/versions`, { token: submitter, json: { status: null, access: { level: 'public', releaseDate: '2026-06-01' } } })).json();
      expect(v2.status).to.equal('scheduled');
      clock = new Date('2026-06-01T00:05:00Z');
      await releaseDueRecords(server.running.services);
      const first = await (await publicView(v1.accession)).json();
      expect(first.versions.latestAccession).to.equal(v2.accession);
      expect(first.datestamp).to.equal('2026-06-01T00:05:00.000Z');
    });

    it('is made only by the owner or a curator, and only from a released record', async () => {
      const other = (await createToken(server.running.services, 'submitter', 'another-depositor')).token;
      const released = await create({ access: { level: 'public' } });
      expect((await server.request('POST', `/api/v1/records/${released.accession}/versions`, { token: other })).status).to.equal(403);
      expect((await server.request('POST', `/api/v1/records/${released.accession}/versions`)).status).to.equal(401);
      const draft = await create({ status: 'draft' });
      expect((await server.request('POST', `/api/v1/records/${draft.accession}/versions`, { token: submitter })).status).to.equal(409);
      expect((await server.request('POST', `/api/v1/records/${draft.accession}/versions`, { token: other })).status, 'an unseen draft is not found').to.equal(404);
    });
  });
});
