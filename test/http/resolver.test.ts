import { expect } from 'chai';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('identifier resolution', () => {
  let server: TestServer;
  let accession: string;
  let privateAccession: string;
  before(async () => {
    server = await startTestServer();
    const created = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ doi: '10.12345/Resolve.Me', cstr: '31253.11.resolve.me' }) });
    accession = (await created.json()).accession;
    const hidden = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ doi: '10.12345/hidden', access: { level: 'private' } }) });
    privateAccession = (await hidden.json()).accession;
  });
  after(() => server.stop());

  const get = (path: string) => server.request('GET', path, { headers: {} }).then((r) => r);
  const noFollow = (path: string) => fetch(server.url + path, { redirect: 'manual' });

  it('sends /doi/{doi} to the record, whatever the case', async () => {
    for (const path of ['/doi/10.12345/Resolve.Me', '/doi/10.12345/resolve.me', '/doi/10.12345%2FRESOLVE.ME']) {
      const response = await noFollow(path);
      expect(response.status, path).to.equal(303);
      expect(response.headers.get('location')).to.equal(`/records/${accession}`);
    }
  });

  it('sends /cstr/{cstr} to the record', async () => {
    const response = await noFollow('/cstr/31253.11.resolve.me');
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal(`/records/${accession}`);
  });

  it('resolves every identifier form through /api/v1/resolve', async () => {
    for (const id of [accession, `oai:localhost.localdomain:${accession}`, 'https://doi.org/10.12345/resolve.me', 'doi:10.12345/RESOLVE.ME', 'CSTR:31253.11.resolve.me', 'https://cstr.cn/31253.11.resolve.me']) {
      const response = await noFollow(`/api/v1/resolve?id=${encodeURIComponent(id)}`);
      expect(response.status, id).to.equal(303);
      expect(response.headers.get('location')).to.equal(`/api/v1/records/${accession}`);
    }
  });

  it('answers identifiers it does not hold with 404, and text that is no identifier with 400', async () => {
    expect((await get('/doi/10.12345/unknown')).status).to.equal(404);
    expect((await get('/cstr/31253.11.unknown')).status).to.equal(404);
    const malformed = await get('/api/v1/resolve?id=not%20an%20identifier');
    expect(malformed.status).to.equal(400);
    expect((await malformed.json()).error.field).to.equal('id');
  });

  it('does not reveal a private record through its DOI', async () => {
    const response = await noFollow('/doi/10.12345/hidden');
    expect(response.status).to.equal(404);
    expect(await response.text()).to.not.contain(privateAccession);
  });
});
