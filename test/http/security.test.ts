import { expect } from 'chai';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('security at the edge', () => {
  let server: TestServer;
  let accession: string;
  before(async () => {
    server = await startTestServer({ AUTH_FAILURE_LIMIT: '5' }, { background: false });
    accession = (await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord() })).json()).accession;
  });
  after(() => server.stop());

  it('opens machine formats to any web page (CORS), and reviewer views to none', async () => {
    const read = await server.request('GET', `/records/${accession}`, { headers: { Origin: 'https://portal.example.org', Accept: 'text/turtle' } });
    expect(read.headers.get('access-control-allow-origin')).to.equal('*');
    expect(read.headers.get('access-control-expose-headers')).to.contain('Link');
    const oai = await server.request('GET', '/oai?verb=Identify', { headers: { Origin: 'https://portal.example.org' } });
    expect(oai.headers.get('access-control-allow-origin')).to.equal('*');
    const review = await server.request('GET', '/review/rv_nothing', { headers: { Origin: 'https://portal.example.org' } });
    expect(review.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('closes the write API to other web pages: no preflight passes, no write answer is readable', async () => {
    const preflight = await server.request('OPTIONS', '/api/v1/records', {
      headers: { Origin: 'https://evil.example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
    const write = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord(), headers: { Origin: 'https://evil.example.org' } });
    expect(write.status).to.equal(201);
    expect(write.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('makes an address that keeps failing with tokens wait, with 429 and Retry-After, even for a good token', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await server.request('GET', '/api/v1/records', { token: `guess-${attempt}` })).status).to.equal(401);
    }
    const blocked = await server.request('GET', '/api/v1/records', { token: 'guess-6' });
    expect(blocked.status).to.equal(429);
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    expect((await blocked.json()).error.code).to.equal('too_many_requests');
    expect((await server.request('GET', '/api/v1/records', { token: ADMIN_TOKEN })).status).to.equal(429);
    expect((await server.request('GET', '/api/v1/records')).status, 'anonymous reading goes on').to.equal(200);
  });
});
