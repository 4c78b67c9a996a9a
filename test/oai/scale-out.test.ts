import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, onPostgres, type TestDatabase } from '../helpers/database.js';
import { parseOai, tokenOf } from '../helpers/oai.js';
import { ADMIN_TOKEN, minimalRecord } from '../helpers/server.js';

/** Another fairharbor instance on the given database, as a load balancer would have several. */
function instance(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, FAIRHARBOR_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:8080', OAI_PAGE_SIZE: '20', ...env });
  return startServer(config, { logger: createLogger('silent') });
}

async function create(server: RunningServer, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/records`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(minimalRecord({ titles: [{ title }] })),
  });
  expect(response.status).to.equal(201);
  return (await response.json()).accession;
}

async function oai(server: RunningServer, query: string): Promise<any> {
  return parseOai(await (await fetch(`${server.url}/oai?${query}`)).text());
}

describe('scale-out: instances sharing one database', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let instances: RunningServer[];
  const accessions: string[] = [];

  before(async () => {
    database = await freshDatabase();
    instances = [await instance(database.url), await instance(database.url)];
    // Written through both instances, which mint accessions from one sequence.
    for (let i = 0; i < 150; i++) accessions.push(await create(instances[i % 2]!, `Record ${i}`));
  });
  after(async () => {
    for (const running of instances) await running.close();
    await database.drop();
  });

  it('mint distinct accessions whichever instance is written to', () => {
    expect(new Set(accessions).size).to.equal(accessions.length);
  });

  it('let a harvest alternate between them and deliver every record exactly once', async () => {
    const edited = accessions.slice(10, 15);
    const seen: string[] = [];
    let page = await oai(instances[0]!, 'verb=ListRecords&metadataPrefix=oai_dc');
    let request = 0;
    for (;;) {
      const records: any[] = page.ListRecords.record;
      seen.push(...records.map((record) => String(record.header[0].identifier).split(':').pop()!));
      // Meanwhile, records already harvested change through the other instance; they come again at the end.
      if (request === 2) {
        for (const accession of edited) {
          const response = await fetch(`${instances[1]!.url}/api/v1/records/${accession}`, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/merge-patch+json' },
            body: JSON.stringify({ titles: [{ title: `Record ${accession}, corrected` }] }),
          });
          expect(response.status).to.equal(200);
        }
      }
      const token = tokenOf(page.ListRecords);
      if (!token?.value) break;
      request++;
      page = await oai(instances[request % 2]!, `verb=ListRecords&resumptionToken=${encodeURIComponent(token.value)}`);
    }
    expect(request).to.be.greaterThan(6);
    const unchanged = accessions.filter((accession) => !edited.includes(accession));
    for (const accession of unchanged) expect(seen.filter((s) => s === accession), accession).to.have.length(1);
    for (const accession of edited) expect(seen.filter((s) => s === accession), accession).to.have.length(2);
    expect(seen.slice(-edited.length)).to.have.members(edited);
  });

  it('answer OAI-PMH from a read replica when OAI_DATABASE_URL names one', async function () {
    if (!onPostgres) this.skip(); // a read replica is a PostgreSQL deployment
    // An empty database stands in for the replica, so every OAI answer shows where it was read.
    const replica = await freshDatabase();
    const migrated = await instance(replica.url);
    await migrated.close();
    const reading = await instance(database.url, { OAI_DATABASE_URL: replica.url });
    try {
      const listed = await (await fetch(`${reading.url}/api/v1/records`)).json();
      expect(listed.data.length).to.be.greaterThan(0);
      const harvest = await oai(reading, 'verb=ListIdentifiers&metadataPrefix=oai_dc');
      expect(harvest.error[0]['@code']).to.equal('noRecordsMatch');
    } finally {
      await reading.close();
      await replica.drop();
    }
  });
});
