import { expect } from 'chai';
import { createToken } from '../../src/services/auth-service.js';
import { parseOai } from '../helpers/oai.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('JSON API: curated collections', () => {
  let server: TestServer;
  let submitter: string;
  let accession: string;
  before(async () => {
    server = await startTestServer();
    submitter = (await createToken(server.running.services, 'submitter', 'sub')).token;
    accession = (await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord() })).json()).accession;
  });
  after(() => server.stop());

  const datestampOf = async (id: string) => (await (await server.request('GET', `/api/v1/records/${id}`)).json()).datestamp as string;
  const setsOf = async (id: string) =>
    [parseOai(await (await server.request('GET', `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:${id}`)).text()).GetRecord.record[0].header[0].setSpec].flat();

  it('creates a collection (curators only) and lists it', async () => {
    expect((await server.request('POST', '/api/v1/collections', { json: { spec: 'x', name: 'X' } })).status).to.equal(401);
    expect((await server.request('POST', '/api/v1/collections', { token: submitter, json: { spec: 'x', name: 'X' } })).status).to.equal(403);
    const created = await server.request('POST', '/api/v1/collections', { token: ADMIN_TOKEN, json: { spec: 'brain-atlas', name: 'Brain atlases', description: 'Spatial atlases of the brain' } });
    expect(created.status).to.equal(201);
    expect(created.headers.get('location')).to.equal('/api/v1/collections/brain-atlas');
    expect((await created.json()).setSpec).to.equal('collection:brain-atlas');
    const list = await (await server.request('GET', '/api/v1/collections')).json();
    expect(list.data.map((c: { spec: string }) => c.spec)).to.deep.equal(['brain-atlas']);
    expect((await server.request('POST', '/api/v1/collections', { token: ADMIN_TOKEN, json: { spec: 'brain-atlas', name: 'Again' } })).status).to.equal(409);
  });

  it('refuses a spec that cannot be an OAI setSpec, naming the field', async () => {
    const response = await server.request('POST', '/api/v1/collections', { token: ADMIN_TOKEN, json: { spec: 'Has Spaces:colon', name: 'Bad' } });
    expect(response.status).to.equal(422);
    expect((await response.json()).error.field).to.equal('/spec');
  });

  it('adds and removes members, moving their datestamp so incremental harvests see the set change', async () => {
    const before = await datestampOf(accession);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await server.request('PUT', `/api/v1/collections/brain-atlas/records/${accession}`, { token: ADMIN_TOKEN })).status).to.equal(204);
    const afterAdd = await datestampOf(accession);
    expect(afterAdd > before).to.equal(true);
    expect(await setsOf(accession)).to.include('collection:brain-atlas');

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await server.request('DELETE', `/api/v1/collections/brain-atlas/records/${accession}`, { token: ADMIN_TOKEN })).status).to.equal(204);
    expect((await datestampOf(accession)) > afterAdd).to.equal(true);
    expect(await setsOf(accession)).to.not.include('collection:brain-atlas');
  });

  it('answers unknown collections and records with 404', async () => {
    expect((await server.request('GET', '/api/v1/collections/nope')).status).to.equal(404);
    expect((await server.request('PUT', `/api/v1/collections/nope/records/${accession}`, { token: ADMIN_TOKEN })).status).to.equal(404);
    expect((await server.request('PUT', '/api/v1/collections/brain-atlas/records/FH9999999', { token: ADMIN_TOKEN })).status).to.equal(404);
  });

  it('deletes a collection and moves its members out of the set', async () => {
    await server.request('PUT', `/api/v1/collections/brain-atlas/records/${accession}`, { token: ADMIN_TOKEN });
    const before = await datestampOf(accession);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await server.request('DELETE', '/api/v1/collections/brain-atlas', { token: ADMIN_TOKEN })).status).to.equal(204);
    expect((await datestampOf(accession)) > before).to.equal(true);
    expect(await setsOf(accession)).to.not.include('collection:brain-atlas');
    expect((await server.request('GET', '/api/v1/collections/brain-atlas')).status).to.equal(404);
  });
});
