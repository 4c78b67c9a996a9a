import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { storedRenderings } from '../../src/http/stored-renderings.js';
import { adoptRenderings, renderAllWaiting, RENDERERS_REVISION } from '../../src/services/rendering-service.js';
import { manualClock } from '../helpers/clock.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

/** What stored renderings must never change: the responses, byte for byte, apart from the response date. */
const REQUESTS = [
  'verb=ListRecords&metadataPrefix=oai_dc',
  'verb=ListRecords&metadataPrefix=oai_datacite',
  'verb=ListRecords&metadataPrefix=datacite',
  'verb=ListIdentifiers&metadataPrefix=oai_dc',
  'verb=ListRecords&metadataPrefix=oai_dc&set=collection:atlas',
];

/**
 * Digest of the stored renderings of the records below at the fixed clock. When a change to the code
 * changes it, stored renderings made by the previous code would be served stale: raise
 * RENDERERS_REVISION in src/services/rendering-service.ts and put the new digest here.
 */
const RENDERINGS_DIGEST = { revision: 2, digest: '380a98e25b46be102d9c12a81736101987845b61cf5517bf755c99f79c9c2bce' };

describe('stored renderings', () => {
  const clock = manualClock('2026-05-01T09:00:00.000Z');
  let server: TestServer;
  const ids: Record<string, string> = {};

  const oai = async (query: string) => (await (await server.request('GET', `/oai?${query}`)).text()).replace(/<responseDate>[^<]*<\/responseDate>/, '');
  const jsonLdView = async (accession: string) => {
    const response = await server.request('GET', `/records/${accession}`, { headers: { Accept: 'application/ld+json' } });
    return `${response.status} ${response.headers.get('link')}\n${await response.text()}`;
  };
  const responses = () => Promise.all([...REQUESTS.map(oai), ...Object.values(ids).map(jsonLdView)]);
  const services = () => server.running.services;
  const renderings = () => storedRenderings(server.config);
  const renderAll = () => renderAllWaiting(services(), renderings());
  const create = async (title: string, extra: Record<string, unknown> = {}) => {
    const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title }], ...extra }) });
    expect(response.status, await response.clone().text()).to.equal(201);
    return (await response.json()).accession as string;
  };
  /** Replaces a stored rendering's body, so a response shows whether it was served. */
  const markStored = async (accession: string, format: string, marker: string) => {
    const id = (await services().db('records').where({ accession }).first('id')).id;
    const changed = await services().db('record_renderings').where({ record_id: id, format }).update({ body: `<record><!--${marker}--></record>` });
    expect(changed).to.equal(1);
  };

  before(async () => {
    server = await startTestServer({}, { now: clock.now, background: false });
    ids.plain = await create('Plain public record', { rightsList: [{ rights: 'CC BY 4.0', rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' }] });
    ids.embargoed = await create('Embargoed files', { access: { level: 'public', embargoEnd: '2026-06-01' }, files: [{ name: 'a.csv', size: 10 }] });
    ids.scheduled = await create('Released later', { access: { level: 'public', releaseDate: '2026-05-10' } });
    ids.controlled = await create('Controlled access', { access: { level: 'controlled' } });
    ids.withdrawn = await create('Withdrawn later');
    expect((await server.request('DELETE', `/api/v1/records/${ids.withdrawn}`, { token: ADMIN_TOKEN, json: { reason: 'Duplicate' } })).status).to.equal(200);
    expect((await server.request('POST', '/api/v1/collections', { token: ADMIN_TOKEN, json: { spec: 'atlas', name: 'Atlases' } })).status).to.equal(201);
    expect((await server.request('PUT', `/api/v1/collections/atlas/records/${ids.plain}`, { token: ADMIN_TOKEN })).status).to.equal(204);
  });
  after(() => server.stop());

  it('serve exactly what rendering per request serves, at every moment', async () => {
    const live = await responses();
    expect(await renderAll()).to.be.greaterThan(0);
    expect(await responses()).to.deep.equal(live);
    clock.set('2026-05-10T00:00:01.000Z'); // the scheduled record's release day
    const released = await responses();
    await renderAll();
    expect(await responses()).to.deep.equal(released);
    clock.set('2026-06-01T00:00:01.000Z'); // the embargo's end
    const opened = await responses();
    await renderAll();
    expect(await responses()).to.deep.equal(opened);
  });

  it('are what lists and GetRecord serve, for the stored formats only', async () => {
    await renderAll();
    await markStored(ids.plain!, 'oai:record:oai_dc', 'stored-dc');
    await markStored(ids.plain!, 'oai:header', 'stored-header');
    expect(await oai('verb=ListRecords&metadataPrefix=oai_dc')).to.contain('stored-dc');
    expect(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:${ids.plain}`)).to.contain('stored-dc');
    expect(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')).to.contain('stored-header');
    expect(await oai('verb=ListRecords&metadataPrefix=datacite')).not.to.contain('stored');
  });

  it('answer /records/{accession} as JSON-LD, with the same body, Link header and validators', async () => {
    const jsonLd = (accession: string, headers: Record<string, string> = {}) => server.request('GET', `/records/${accession}`, { headers: { Accept: 'application/ld+json', ...headers } });
    const live = await jsonLd(ids.plain!);
    await renderAll();
    const stored = await jsonLd(ids.plain!);
    expect(stored.status).to.equal(200);
    expect(await stored.text()).to.equal(await live.text());
    for (const header of ['content-type', 'link', 'etag', 'last-modified', 'cache-control', 'vary']) expect(stored.headers.get(header), header).to.equal(live.headers.get(header));
    expect((await jsonLd(ids.plain!, { 'If-None-Match': stored.headers.get('etag')! })).status).to.equal(304);
    await markStored(ids.plain!, 'record:schemaorg', 'stored-json-ld');
    expect(await (await jsonLd(ids.plain!)).text()).to.contain('stored-json-ld');
    expect(await (await server.request('GET', `/records/${ids.plain}?format=schemaorg`)).text()).not.to.contain('stored-json-ld');
  });

  it('never answer for a record the caller may not see', async () => {
    const draft = await create('Draft, not public', { status: 'draft' });
    await renderAll();
    expect((await server.request('GET', `/records/${draft}`, { headers: { Accept: 'application/ld+json' } })).status).to.equal(404);
    expect((await server.request('GET', `/records/${ids.withdrawn}`, { headers: { Accept: 'application/ld+json' } })).status).to.equal(410);
  });

  it('are not served once the record is written again, until rendered anew', async () => {
    await renderAll();
    await markStored(ids.plain!, 'oai:record:oai_dc', 'before-edit');
    const edited = await server.request('PATCH', `/api/v1/records/${ids.plain}`, { token: ADMIN_TOKEN, json: { titles: [{ title: 'Plain public record, corrected' }] }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(edited.status, await edited.clone().text()).to.equal(200);
    const list = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    expect(list).not.to.contain('before-edit');
    expect(list).to.contain('Plain public record, corrected');
    await renderAll();
    expect(await oai('verb=ListRecords&metadataPrefix=oai_dc')).to.equal(list);
  });

  it('are not served once the record joins or leaves a set', async () => {
    await renderAll();
    await markStored(ids.controlled!, 'oai:header', 'before-set-change');
    expect((await server.request('PUT', `/api/v1/collections/atlas/records/${ids.controlled}`, { token: ADMIN_TOKEN })).status).to.equal(204);
    const list = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    expect(list).not.to.contain('before-set-change');
    expect(list).to.contain('collection:atlas');
  });

  it('are not served under another configuration, and are all rendered again for it', async () => {
    await renderAll();
    await markStored(ids.plain!, 'oai:record:oai_dc', 'old-base-url');
    const moved = loadConfig({ ...process.env, PORT: '0', DATABASE_URL: server.config.databaseUrl, BASE_URL: 'https://data.example.org', LOG_LEVEL: 'silent' });
    const renderingsThere = storedRenderings(moved);
    expect(renderingsThere.fingerprint).not.to.equal(renderings().fingerprint);
    const movedServices = { ...services(), config: moved };
    expect(await adoptRenderings(movedServices, renderingsThere)).to.equal(true);
    expect(await renderAllWaiting(movedServices, renderingsThere)).to.equal(await services().db('records').count({ n: '*' }).first().then((r) => Number(r!.n)));
    expect(await adoptRenderings(movedServices, renderingsThere)).to.equal(false);
    expect(await oai('verb=ListRecords&metadataPrefix=oai_dc')).not.to.contain('old-base-url');
  });

  it(`match the digest recorded for renderers revision ${RENDERERS_REVISION}`, async () => {
    const fixed = manualClock('2026-05-01T09:00:00.000Z');
    const fresh = await startTestServer({}, { now: fixed.now, background: false });
    try {
      for (const [title, extra] of [
        ['Plain', { rightsList: [{ rights: 'CC BY 4.0', rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' }] }],
        ['Embargoed', { access: { level: 'public', embargoEnd: '2026-06-01' }, files: [{ name: 'a.csv', size: 10 }] }],
        ['Controlled', { access: { level: 'controlled' } }],
      ] as const) {
        expect((await fresh.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title }], ...extra }) })).status).to.equal(201);
      }
      await renderAllWaiting(fresh.running.services, storedRenderings(fresh.config));
      const rows = await fresh.running.services.db('record_renderings').orderBy(['record_id', 'format']).select('format', 'body');
      const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
      expect(RENDERINGS_DIGEST.revision, 'RENDERINGS_DIGEST.revision').to.equal(RENDERERS_REVISION);
      expect(digest, 'stored renderings changed: raise RENDERERS_REVISION and record the new digest').to.equal(RENDERINGS_DIGEST.digest);
    } finally {
      await fresh.stop();
    }
  });
});
