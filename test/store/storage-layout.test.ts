/**
 * How a SQLite file lays out what a harvest reads. A harvest of one format reads that format's stored
 * renderings in record order; on a disk that reads ahead, they must lie together, not between the other
 * formats of each record, or a harvest reads every format. What one request reads together (a landing
 * page's JSON-LD and its Link header) lies side by side, so that a record not in memory costs one read.
 */
import { expect } from 'chai';
import { RECORD_JSON_LD, RECORD_LINKS, storedRenderings } from '../../src/http/stored-renderings.js';
import { renderAllWaiting } from '../../src/services/rendering-service.js';
import { onPostgres } from '../helpers/database.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

(onPostgres ? describe.skip : describe)('SQLite storage layout', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { background: false });
    for (let i = 0; i < 6; i++) {
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title: `Record ${i}` }] }) });
      expect(response.status).to.equal(201);
    }
  });
  after(() => server.stop());

  it('creates database files with 8 kB pages, so that two oai_dc records share a page', async () => {
    const rows = (await server.running.services.db.raw('PRAGMA page_size')) as Array<{ page_size: number }>;
    expect(rows[0]?.page_size).to.equal(8192);
  });

  it('stores a batch of renderings format by format, each harvested format in consecutive rows, and side by side what one request reads', async () => {
    const { db } = server.running.services;
    expect(await renderAllWaiting(server.running.services, storedRenderings(server.config), { batch: 100 })).to.equal(6);
    const readTogether = [RECORD_JSON_LD, RECORD_LINKS];
    const formats = (await db('record_renderings').whereNotIn('format', readTogether).groupBy('format').select('format').min({ first: 'rowid' }).max({ last: 'rowid' }).count({ rows: '*' })) as Array<{
      format: string;
      first: number;
      last: number;
      rows: number;
    }>;
    expect(formats).to.have.length.greaterThan(2);
    for (const format of formats) expect(format.last - format.first + 1, format.format).to.equal(Number(format.rows));

    const landing = (await db('record_renderings').whereIn('format', readTogether).orderBy('rowid').select('rowid', 'record_id', 'format')) as Array<{ rowid: number; record_id: number; format: string }>;
    expect(landing).to.have.length(12);
    for (let i = 0; i < landing.length; i += 2) {
      expect([landing[i]!.format, landing[i + 1]!.format], `record ${landing[i]!.record_id}`).to.deep.equal(readTogether);
      expect(landing[i + 1]!.record_id).to.equal(landing[i]!.record_id);
      expect(landing[i + 1]!.rowid).to.equal(landing[i]!.rowid + 1);
    }
  });
});
