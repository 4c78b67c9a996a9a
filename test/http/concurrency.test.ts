/**
 * Twenty writers and twenty harvesters at once, for a fixed number of requests each: no database
 * contention (SQLITE_BUSY, deadlocks) reaches a client, and every harvest sees every record that did not
 * change during it exactly once.
 */
import { expect } from 'chai';
import { parseOai, tokenOf } from '../helpers/oai.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const WRITERS = 20;
const HARVESTERS = 20;
/** 10 in npm test; `npm run soak` writes many more. */
const WRITES_EACH = Number(process.env.FAIRHARBOR_SOAK_WRITES ?? 10);
const SEEDED = 150;
/** The first records are the ones writers edit; the rest stay unchanged throughout. */
const EDITABLE = 30;

describe('concurrency: 20 writers and 20 harvesters', function () {
  this.timeout(300_000);
  let server: TestServer;
  const seeded: string[] = [];
  const failures: string[] = [];

  before(async () => {
    server = await startTestServer({ OAI_PAGE_SIZE: '20', OAI_ID_PAGE_SIZE: '20' });
    for (let i = 0; i < SEEDED; i++) {
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title: `Seeded ${i}` }] }) });
      expect(response.status).to.equal(201);
      seeded.push((await response.json()).accession);
    }
  });
  after(() => server.stop());

  async function writer(index: number): Promise<void> {
    for (let n = 0; n < WRITES_EACH; n++) {
      const response =
        n % 2 === 0
          ? await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title: `Written by ${index}, ${n}` }] }) })
          : await server.request('PATCH', `/api/v1/records/${seeded[(index * WRITES_EACH + n) % EDITABLE]}`, {
              token: ADMIN_TOKEN,
              json: { titles: [{ title: `Edited by ${index}, ${n}` }] },
              headers: { 'Content-Type': 'application/merge-patch+json' },
            });
      if (response.status >= 300) failures.push(`writer ${index}: ${response.status} ${await response.text()}`);
    }
  }

  async function harvester(index: number, verb: 'ListIdentifiers' | 'ListRecords'): Promise<string[]> {
    const seen: string[] = [];
    let query = `verb=${verb}&metadataPrefix=oai_dc`;
    for (;;) {
      const response = await server.request('GET', `/oai?${query}`);
      const text = await response.text();
      if (response.status !== 200) {
        failures.push(`harvester ${index}: ${response.status} ${text.slice(0, 200)}`);
        return seen;
      }
      const list = parseOai(text)[verb];
      const headers = verb === 'ListRecords' ? list.record.map((record: any) => record.header[0]) : list.header;
      seen.push(...headers.map((header: any) => String(header.identifier).split(':').pop()));
      const token = tokenOf(list)?.value;
      if (!token) return seen;
      query = `verb=${verb}&resumptionToken=${encodeURIComponent(token)}`;
    }
  }

  it('answers every request, and each harvest delivers each unchanged record exactly once', async () => {
    const harvests = Array.from({ length: HARVESTERS }, (_, i) => harvester(i, i % 2 === 0 ? 'ListIdentifiers' : 'ListRecords'));
    await Promise.all([...Array.from({ length: WRITERS }, (_, i) => writer(i)), ...harvests]);
    expect(failures).to.deep.equal([]);
    const unchanged = seeded.slice(EDITABLE);
    for (const seen of await Promise.all(harvests)) {
      const counts = new Map<string, number>();
      for (const accession of seen) counts.set(accession, (counts.get(accession) ?? 0) + 1);
      for (const accession of unchanged) expect(counts.get(accession), accession).to.equal(1);
      for (const accession of seeded.slice(0, EDITABLE)) expect(counts.get(accession), accession).to.be.within(1, 1 + (WRITERS * WRITES_EACH) / 2);
    }
    const stored = await server.running.services.db('records').count({ n: '*' }).first();
    expect(Number(stored!.n)).to.equal(SEEDED + (WRITERS * WRITES_EACH) / 2);
  });
});
