import { expect } from 'chai';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('accession minting', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ACCESSION_PREFIX: 'STT' });
  });
  after(() => server.stop());

  const serial = (accession: string) => Number(accession.slice('STT'.length));

  it('mints 100 distinct, consecutive accessions for 100 concurrent creates', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title: `Concurrent ${i}` }] }) }),
      ),
    );
    expect(responses.map((r) => r.status)).to.deep.equal(Array(100).fill(201));
    const accessions: string[] = await Promise.all(responses.map(async (r) => (await r.json()).accession));
    for (const accession of accessions) expect(accession).to.match(/^STT\d{7}$/);
    const serials = accessions.map(serial).sort((a, b) => a - b);
    expect(new Set(serials).size).to.equal(100);
    expect(serials[99]! - serials[0]!).to.equal(99);
  });

  it('gives the number of a failed create back, leaving no gap', async () => {
    const first = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ doi: '10.12345/gap.1' }) })).json();
    const refused = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ doi: '10.12345/gap.1' }) });
    expect(refused.status).to.equal(409);
    const next = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord() })).json();
    expect(serial(next.accession)).to.equal(serial(first.accession) + 1);
  });

  it('lets a curator keep a source accession, but not one of the minted form', async () => {
    const kept = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ accession: 'S-BIAD15' }) });
    expect(kept.status).to.equal(201);
    expect((await kept.json()).accession).to.equal('S-BIAD15');
    const reserved = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ accession: 'STT9999999' }) });
    expect(reserved.status).to.equal(422);
    expect((await reserved.json()).error.field).to.equal('/accession');
    const taken = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ accession: 'S-BIAD15' }) });
    expect(taken.status).to.equal(409);
  });
});
