import { manualClock } from '../helpers/clock.js';
import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';
import { oaiErrors, parseOai, tokenOf } from '../helpers/oai.js';
import { checkWellFormed } from '../helpers/xmllint.js';

const domain = 'localhost.localdomain';


async function oai(server: TestServer, query: string): Promise<string> {
  return (await server.request('GET', `/oai?${query}`)).text();
}

function identifiers(xml: string, verb = 'ListIdentifiers'): Array<{ id: string; deleted: boolean; datestamp: string }> {
  const list = parseOai(xml)[verb];
  const headers = verb === 'ListRecords' ? (list?.record ?? []).map((r: any) => r.header[0]) : list?.header ?? [];
  return headers.map((h: any) => ({ id: h.identifier, deleted: h['@status'] === 'deleted', datestamp: h.datestamp }));
}

async function create(server: TestServer, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title }], ...extra }) });
  expect(response.status).to.equal(201);
  return (await response.json()).accession;
}

describe('OAI-PMH harvesting', () => {
  describe('from and until', () => {
    const clock = manualClock('2026-03-01T10:00:00.500Z');
    let server: TestServer;
    const ids: Record<string, string> = {};
    before(async () => {
      server = await startTestServer({}, { now: clock.now });
      ids.a = await create(server, 'A');
      clock.set('2026-03-01T10:00:05.000Z');
      ids.b = await create(server, 'B');
      clock.set('2026-03-02T00:00:00.000Z');
      ids.c = await create(server, 'C');
      clock.set('2026-03-05T00:00:00.000Z');
    });
    after(() => server.stop());

    const harvested = async (args: string) => identifiers(await oai(server, `verb=ListIdentifiers&metadataPrefix=oai_dc&${args}`)).map((h) => h.id.split(':').pop());

    it('is inclusive at seconds granularity', async () => {
      expect(await harvested('from=2026-03-01T10:00:00Z&until=2026-03-01T10:00:00Z')).to.deep.equal([ids.a]);
      expect(await harvested('until=2026-03-01T10:00:04Z')).to.deep.equal([ids.a]);
      expect(await harvested('from=2026-03-01T10:00:01Z&until=2026-03-01T10:00:05Z')).to.deep.equal([ids.b]);
    });

    it('is inclusive at day granularity', async () => {
      expect(await harvested('from=2026-03-01&until=2026-03-01')).to.deep.equal([ids.a, ids.b]);
      expect(await harvested('from=2026-03-02')).to.deep.equal([ids.c]);
    });

    it('reports datestamps in seconds and the earliest one in Identify', async () => {
      const headers = identifiers(await oai(server, 'verb=ListIdentifiers&metadataPrefix=oai_dc'));
      expect(headers.map((h) => h.datestamp)).to.deep.equal(['2026-03-01T10:00:00Z', '2026-03-01T10:00:05Z', '2026-03-02T00:00:00Z']);
      expect(parseOai(await oai(server, 'verb=Identify')).Identify.earliestDatestamp).to.equal('2026-03-01T10:00:00Z');
    });

    it('answers until before the earliest datestamp with noRecordsMatch', async () => {
      expect(oaiErrors(await oai(server, 'verb=ListRecords&metadataPrefix=oai_dc&until=2026-03-01T09:59:59Z'))[0]!.code).to.equal('noRecordsMatch');
    });

    it('answers POST exactly as GET', async () => {
      const viaGet = await oai(server, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-03-01');
      const viaPost = await (
        await server.request('POST', '/oai', { body: 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-03-01', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
      ).text();
      expect(viaPost).to.equal(viaGet);
      const notForm = await (await server.request('POST', '/oai', { json: { verb: 'Identify' } })).text();
      expect(oaiErrors(notForm)[0]!.code).to.equal('badArgument');
    });
  });

  describe('resumption tokens', () => {
    const clock = manualClock('2026-04-01T00:00:00.000Z');
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ OAI_ID_PAGE_SIZE: '2' }, { now: clock.now });
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        await create(server, `Token sample ${i}`);
      }
    });
    after(() => server.stop());

    const firstToken = async () => tokenOf(parseOai(await oai(server, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).ListIdentifiers)!;

    it('refuses a tampered token', async () => {
      const token = (await firstToken()).value!;
      const [payload, mac] = token.split('.') as [string, string];
      const state = JSON.parse(Buffer.from(payload, 'base64url').toString());
      state.position.id = 1;
      const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${mac}`;
      for (const bad of [forged, token.slice(0, -2), `${token}x`]) {
        const xml = await oai(server, `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(bad)}`);
        expect(oaiErrors(xml).map((e) => e.code)).to.deep.equal(['badResumptionToken']);
      }
    });

    it('refuses a token issued for another verb', async () => {
      const token = (await firstToken()).value!;
      const xml = await oai(server, `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
      expect(oaiErrors(xml)[0]!.code).to.equal('badResumptionToken');
    });

    it('honours a token until its expirationDate and refuses it after', async () => {
      const token = await firstToken();
      const expires = new Date(token.expirationDate!);
      expect(expires.getTime() - clock.now().getTime()).to.be.at.least(24 * 3600 * 1000);
      clock.set(new Date(expires.getTime() - 1000).toISOString());
      expect(oaiErrors(await oai(server, `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token.value!)}`))).to.deep.equal([]);
      clock.set(new Date(expires.getTime() + 1000).toISOString());
      const xml = await oai(server, `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token.value!)}`);
      expect(oaiErrors(xml)[0]!.code).to.equal('badResumptionToken');
      expect(oaiErrors(xml)[0]!.message).to.contain('expired');
      clock.set('2026-04-01T01:00:00.000Z');
    });
  });

  describe('across restarts and instances', () => {
    it('continues a harvest on a restarted server and on a second instance sharing the database', async () => {
      const first = await startTestServer({ OAI_ID_PAGE_SIZE: '2' });
      for (let i = 0; i < 6; i++) await create(first, `Restart sample ${i}`);
      const config = loadConfig({ PORT: '0', DATABASE_URL: first.database.url, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:8080', OAI_ID_PAGE_SIZE: '2' });
      const page1 = await oai(first, 'verb=ListIdentifiers&metadataPrefix=oai_dc');
      const seen = identifiers(page1).map((h) => h.id);
      let token = tokenOf(parseOai(page1).ListIdentifiers)!.value!;

      const second = await startServer(config, { logger: createLogger('silent') });
      const page2 = await (await fetch(`${second.url}/oai?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`)).text();
      seen.push(...identifiers(page2).map((h) => h.id));
      token = tokenOf(parseOai(page2).ListIdentifiers)!.value!;
      await second.close();

      await first.running.close();
      const restarted = await startServer(config, { logger: createLogger('silent') });
      try {
        const page3 = await (await fetch(`${restarted.url}/oai?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`)).text();
        seen.push(...identifiers(page3).map((h) => h.id));
        expect(tokenOf(parseOai(page3).ListIdentifiers)!.value).to.equal(undefined);
      } finally {
        await restarted.close();
        await first.database.drop();
      }
      expect(new Set(seen).size).to.equal(6);
      expect(seen).to.have.length(6);
    });
  });

  describe('a harvest while records change', () => {
    const clock = manualClock('2026-05-01T08:00:00.000Z');
    let server: TestServer;
    const accessions: string[] = [];
    before(async () => {
      server = await startTestServer({ OAI_PAGE_SIZE: '3' }, { now: clock.now });
      for (let i = 0; i < 9; i++) {
        clock.advance(1000);
        accessions.push(await create(server, `Changing sample ${i}`));
      }
    });
    after(() => server.stop());

    it('never skips or repeats an unchanged record, and the next incremental harvest has every change', async () => {
      clock.set('2026-05-01T09:00:00.000Z');
      const harvestStart = '2026-05-01T09:00:00Z';
      const page1 = await oai(server, 'verb=ListRecords&metadataPrefix=oai_dc');
      const seen = identifiers(page1, 'ListRecords');
      let token = tokenOf(parseOai(page1).ListRecords)?.value;

      clock.set('2026-05-01T09:01:00.000Z');
      const changedHarvested = accessions[0]!;
      const changedAhead = accessions[5]!;
      const withdrawnAhead = accessions[7]!;
      for (const accession of [changedHarvested, changedAhead]) {
        const patch = await server.request('PATCH', `/api/v1/records/${accession}`, { token: ADMIN_TOKEN, json: { version: '2' } });
        expect(patch.status).to.equal(200);
      }
      expect((await server.request('DELETE', `/api/v1/records/${withdrawnAhead}`, { token: ADMIN_TOKEN, json: { reason: 'Retracted' } })).status).to.equal(200);
      const added = await create(server, 'Added during the harvest');

      while (token) {
        const page = await oai(server, `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
        seen.push(...identifiers(page, 'ListRecords'));
        token = tokenOf(parseOai(page).ListRecords)?.value;
      }
      const count = (accession: string) => seen.filter((s) => s.id === `oai:${domain}:${accession}`).length;
      const changed = [changedHarvested, changedAhead, withdrawnAhead];
      for (const accession of accessions.filter((a) => !changed.includes(a))) expect(count(accession), accession).to.equal(1);
      expect(count(changedAhead)).to.equal(1);
      expect(count(withdrawnAhead)).to.equal(1);
      expect(seen.find((s) => s.id.endsWith(withdrawnAhead))!.deleted).to.equal(true);

      clock.set('2026-05-01T10:00:00.000Z');
      const incremental: ReturnType<typeof identifiers> = [];
      let next: string | undefined = `verb=ListRecords&metadataPrefix=oai_dc&from=${harvestStart}`;
      while (next) {
        const page = await oai(server, next);
        incremental.push(...identifiers(page, 'ListRecords'));
        const more = tokenOf(parseOai(page).ListRecords)?.value;
        next = more ? `verb=ListRecords&resumptionToken=${encodeURIComponent(more)}` : undefined;
      }
      expect(incremental.map((s) => s.id.split(':').pop()).sort()).to.deep.equal([changedHarvested, changedAhead, withdrawnAhead, added].sort());
      expect(incremental.find((s) => s.id.endsWith(withdrawnAhead))!.deleted).to.equal(true);
    });
  });

  describe('scheduled release', () => {
    const clock = manualClock('2026-06-01T12:00:00.000Z');
    let server: TestServer;
    before(async () => {
      server = await startTestServer({}, { now: clock.now });
    });
    after(() => server.stop());

    it('appears in the first incremental harvest after its release, datestamped with the release moment', async () => {
      await create(server, 'Open now');
      const scheduled = await create(server, 'Released on the tenth', { access: { level: 'public', releaseDate: '2026-06-10' } });
      const before = identifiers(await oai(server, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).map((h) => h.id);
      expect(before.some((id) => id.endsWith(scheduled))).to.equal(false);
      expect(oaiErrors(await oai(server, `verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${domain}:${scheduled}`))[0]!.code).to.equal('idDoesNotExist');

      clock.set('2026-06-10T00:00:01.000Z');
      const after = identifiers(await oai(server, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-06-01T12:00:00Z'));
      const released = after.find((h) => h.id.endsWith(scheduled))!;
      expect(released.datestamp).to.equal('2026-06-10T00:00:00Z');
    });
  });

  describe('without sets', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ OAI_SETS: 'false' });
      await create(server, 'Setless');
    });
    after(() => server.stop());

    it('answers noSetHierarchy', async () => {
      expect(oaiErrors(await oai(server, 'verb=ListSets'))[0]!.code).to.equal('noSetHierarchy');
      expect(oaiErrors(await oai(server, 'verb=ListRecords&metadataPrefix=oai_dc&set=access:public'))[0]!.code).to.equal('noSetHierarchy');
    });
  });

  describe('compression', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
      for (let i = 0; i < 5; i++) await create(server, `Compressed sample ${i}`);
    });
    after(() => server.stop());

    for (const [encoding, decode] of [
      ['gzip', gunzipSync],
      ['deflate', inflateSync],
    ] as const) {
      it(`serves ${encoding} when asked`, async () => {
        const url = new URL(`${server.url}/oai?verb=ListRecords&metadataPrefix=oai_datacite`);
        const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          httpRequest(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
            .on('error', reject)
            .end();
        });
        expect(headers['content-encoding']).to.equal(encoding);
        const xml = decode(body).toString('utf8');
        expect(checkWellFormed(xml).valid).to.equal(true);
        expect(identifiers(xml, 'ListRecords')).to.have.length(5);
      });
    }
  });
});
