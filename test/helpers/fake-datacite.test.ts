import { expect } from 'chai';
import { minimalDataCiteXml, startFakeDataCite, toBase64, type FakeDataCite } from './fake-datacite.js';

const REPOSITORY = 'DEMO.HARBOR';
const PASSWORD = 'secret-password';
const PREFIX = '10.12345';
const JSON_API = 'application/vnd.api+json';

describe('fake DataCite REST API', () => {
  let fake: FakeDataCite;
  before(async () => {
    fake = await startFakeDataCite({ repositoryId: REPOSITORY, password: PASSWORD, prefix: PREFIX });
  });
  after(() => fake.stop());

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const asRepository = basic(REPOSITORY, PASSWORD);

  function call(method: string, path: string, options: { attributes?: Record<string, unknown>; authorization?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: JSON_API };
    const authorization = options.authorization === undefined ? asRepository : options.authorization;
    if (authorization) headers.Authorization = authorization;
    let body: string | undefined;
    if (options.attributes) {
      headers['Content-Type'] = JSON_API;
      body = JSON.stringify({ data: { type: 'dois', attributes: options.attributes } });
    }
    return fetch(fake.url + path, { method, headers, body });
  }

  const complete = (doi: string) => ({ url: `https://harbor.example.org/records/${doi.split('/')[1]}`, xml: toBase64(minimalDataCiteXml(doi)) });

  it('creates a draft, hidden from anonymous readers and shown to its repository', async () => {
    const created = await call('POST', '/dois', { attributes: { doi: '10.12345/Draft.1' } });
    expect(created.status).to.equal(201);
    expect(created.headers.get('content-type')).to.equal('application/vnd.api+json; charset=utf-8');
    expect(created.headers.get('location')).to.equal(`${fake.url}/dois/10.12345/draft.1`);
    const body = await created.json();
    expect(body.data).to.include({ id: '10.12345/draft.1', type: 'dois' });
    expect(body.data.attributes).to.include({ doi: '10.12345/draft.1', prefix: PREFIX, suffix: 'draft.1', state: 'draft', url: null, xml: null, isActive: false });
    expect(body.data.relationships).to.deep.equal({ client: { data: { id: 'demo.harbor', type: 'clients' } } });

    expect((await call('GET', '/dois/10.12345/draft.1', { authorization: null })).status).to.equal(404);
    const owned = await call('GET', '/dois/10.12345%2Fdraft.1');
    expect(owned.status).to.equal(200);
    expect((await owned.json()).data.attributes.state).to.equal('draft');
  });

  it('publishes, updates and hides a DOI through PUT', async () => {
    const doi = '10.12345/life.1';
    await call('POST', '/dois', { attributes: { doi } });

    const published = await call('PUT', `/dois/${doi}`, { attributes: { ...complete(doi), event: 'publish' } });
    expect(published.status).to.equal(200);
    const attributes = (await published.json()).data.attributes;
    expect(attributes).to.include({ state: 'findable', isActive: true, publisher: 'Example Data Centre', publicationYear: 2026 });
    expect(attributes.titles).to.deep.equal([{ title: 'Spatial transcriptome of the developing mouse brain' }]);
    expect(attributes.types).to.deep.equal({ resourceTypeGeneral: 'Dataset', resourceType: 'Dataset' });
    expect(Buffer.from(attributes.xml, 'base64').toString('utf8')).to.equal(minimalDataCiteXml(doi));
    expect((await call('GET', `/dois/${doi}`, { authorization: null })).status).to.equal(200);

    const moved = await call('PUT', `/dois/${encodeURIComponent(doi)}`, { attributes: { url: 'https://harbor.example.org/moved' } });
    expect(moved.status).to.equal(200);
    expect(fake.dois.get(doi)).to.include({ state: 'findable', url: 'https://harbor.example.org/moved' });

    const hidden = await call('PUT', `/dois/${doi}`, { attributes: { event: 'hide' } });
    expect((await hidden.json()).data.attributes.state).to.equal('registered');
    expect((await call('GET', `/dois/${doi}`, { authorization: null })).status).to.equal(404);
    expect(fake.dois.get(doi)!.events.map((e) => [e.event, e.from, e.to])).to.deep.equal([
      [undefined, null, 'draft'],
      ['publish', 'draft', 'findable'],
      [undefined, 'findable', 'findable'],
      ['hide', 'findable', 'registered'],
    ]);
  });

  it('refuses transitions the state machine does not have', async () => {
    const doi = '10.12345/machine.1';
    expect((await call('POST', '/dois', { attributes: { doi, ...complete(doi), event: 'publish' } })).status).to.equal(201);
    const back = await call('PUT', `/dois/${doi}`, { attributes: { state: 'draft' } });
    expect(back.status).to.equal(422);
    expect((await back.json()).errors[0]).to.include({ source: 'state', uid: doi });
    const register = await call('PUT', `/dois/${doi}`, { attributes: { event: 'register' } });
    expect(register.status).to.equal(422);
    expect((await call('PUT', `/dois/${doi}`, { attributes: { event: 'publish' } })).status).to.equal(200);

    await call('POST', '/dois', { attributes: { doi: '10.12345/machine.2' } });
    expect((await call('PUT', '/dois/10.12345/machine.2', { attributes: { event: 'hide' } })).status).to.equal(422);
  });

  it('names the missing mandatory properties of a DOI to register', async () => {
    const doi = '10.12345/incomplete.1';
    const xml = toBase64(minimalDataCiteXml(doi, { omit: ['creators', 'publicationYear'] }));
    const refused = await call('POST', '/dois', { attributes: { doi, event: 'register', xml } });
    expect(refused.status).to.equal(422);
    expect(await refused.json()).to.deep.equal({
      errors: [
        { source: 'url', uid: doi, title: "Can't be blank" },
        { source: 'creators', uid: doi, title: "Can't be blank" },
        { source: 'publicationYear', uid: doi, title: "Can't be blank" },
      ],
    });
    expect(fake.dois.has(doi)).to.equal(false);
  });

  it('creates a DOI on PUT when it does not exist', async () => {
    const doi = '10.12345/put.1';
    const created = await call('PUT', `/dois/${encodeURIComponent(doi)}`, { attributes: { ...complete(doi), event: 'register' } });
    expect(created.status).to.equal(201);
    expect(fake.dois.get(doi)).to.include({ state: 'registered', clientId: 'demo.harbor' });
  });

  it('answers "already taken" for a DOI of another repository, and shows who holds it', async () => {
    const doi = '10.12345/taken.1';
    fake.takenElsewhere(doi);
    const refused = await call('POST', '/dois', { attributes: { doi, ...complete(doi), event: 'publish' } });
    expect(refused.status).to.equal(422);
    expect(await refused.json()).to.deep.equal({ errors: [{ source: 'doi', uid: doi, title: 'This DOI has already been taken' }] });
    const shown = await call('GET', `/dois/${doi}`);
    expect((await shown.json()).data.relationships.client.data.id).to.equal('other.repository');
    expect((await call('PUT', `/dois/${doi}`, { attributes: complete(doi) })).status).to.equal(403);
  });

  it('refuses a DOI outside the repository prefix', async () => {
    const refused = await call('POST', '/dois', { attributes: { doi: '10.99999/elsewhere' } });
    expect(refused.status).to.equal(403);
    expect(await refused.json()).to.deep.equal({ errors: [{ status: '403', title: 'You are not authorized to access this resource.' }] });
  });

  it('needs the repository credentials to write', async () => {
    const anonymous = await call('POST', '/dois', { attributes: { doi: '10.12345/auth.1' }, authorization: null });
    expect(anonymous.status).to.equal(401);
    expect(await anonymous.json()).to.deep.equal({ errors: [{ status: '401', title: 'Bad credentials.' }] });
    expect((await call('PUT', '/dois/10.12345/auth.1', { attributes: {}, authorization: basic(REPOSITORY, 'wrong') })).status).to.equal(401);
    expect(fake.dois.has('10.12345/auth.1')).to.equal(false);
    expect(fake.requests.at(-1)).to.include({ method: 'PUT', path: '/dois/10.12345/auth.1', status: 401, authorization: basic(REPOSITORY, 'wrong') });
  });

  it('answers the next requests with an injected failure', async () => {
    fake.failWith(503, 2, { retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const failed = await call('POST', '/dois', { attributes: { doi: '10.12345/busy.1' } });
      expect(failed.status).to.equal(503);
      expect(failed.headers.get('retry-after')).to.equal('7');
      expect(await failed.json()).to.deep.equal({ errors: [{ status: '503', title: 'Service Unavailable' }] });
    }
    expect((await call('POST', '/dois', { attributes: { doi: '10.12345/busy.1' } })).status).to.equal(201);
  });

  it('refuses connections while down, and comes back on the same port with its DOIs', async () => {
    const { url, port } = fake;
    await fake.down();
    let refusal: unknown;
    try {
      await fetch(`${url}/dois/10.12345/draft.1`);
    } catch (error) {
      refusal = error;
    }
    expect((refusal as { cause?: { code?: string } })?.cause?.code).to.equal('ECONNREFUSED');
    await fake.up();
    expect(fake.url).to.equal(url);
    expect(fake.port).to.equal(port);
    const back = await call('GET', '/dois/10.12345/draft.1');
    expect(back.status).to.equal(200);
  });
});
