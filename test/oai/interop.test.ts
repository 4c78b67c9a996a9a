import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { loadDemo } from '../../src/services/demo-loader.js';
import type { FairRecord } from '../../src/model/schema.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Third-party harvesters from Debian harvest the demo end to end, across several resumption pages:
 * oai_pmh (libhttp-oai-perl) and Catmandu's OAI importer (libcatmandu-oai-perl).
 */
describe('OAI-PMH interoperability with real harvesters', function () {
  this.timeout(120_000);
  let server: TestServer;
  let records: FairRecord[];
  const domain = 'localhost.localdomain';

  before(async () => {
    server = await startTestServer({ OAI_PAGE_SIZE: '4', OAI_ID_PAGE_SIZE: '4' });
    records = (await loadDemo(server.running.services)).records;
  });
  after(() => server.stop());

  const expectedLive = () => records.filter((r) => r.status === 'released' && r.access.level !== 'private').map((r) => `oai:${domain}:${r.accession}`).sort();
  const expectedDeleted = () => records.filter((r) => r.status === 'withdrawn').map((r) => `oai:${domain}:${r.accession}`).sort();

  /** Runs a harvester as a child process (asynchronously: the server answers it from this process). */
  function run(command: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(command, args, { encoding: 'utf8', timeout: 90_000, cwd: '/tmp', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed (it is installed by .ci/run from Debian): ${error.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  }

  for (const prefix of ['oai_dc', 'oai_datacite']) {
    it(`oai_pmh harvests every public record exactly once in ${prefix}`, async () => {
      const output = await run('oai_pmh', ['--metadataPrefix', prefix, `${server.url}/oai`]);
      const entries = output.split('\f').filter((entry) => entry.includes('identifier:'));
      const seen = entries.map((entry) => ({
        identifier: /^identifier: (\S+)$/m.exec(entry)![1]!,
        deleted: /^status: deleted$/m.test(entry),
        hasMetadata: entry.includes('<metadata'),
      }));
      expect(seen.filter((s) => !s.deleted).map((s) => s.identifier).sort()).to.deep.equal(expectedLive());
      expect(seen.filter((s) => s.deleted).map((s) => s.identifier).sort()).to.deep.equal(expectedDeleted());
      expect(seen.filter((s) => !s.deleted).every((s) => s.hasMetadata)).to.equal(true);
    });

    it(`catmandu convert OAI harvests every public record exactly once in ${prefix}`, async () => {
      const output = await run('catmandu', ['convert', 'OAI', '--url', `${server.url}/oai`, '--metadataPrefix', prefix, '--handler', 'raw', 'to', 'JSON']);
      const harvested: Array<{ _id: string; _status?: string; _metadata?: string }> = JSON.parse(output);
      expect(harvested.filter((r) => r._status !== 'deleted').map((r) => r._id).sort()).to.deep.equal(expectedLive());
      expect(harvested.filter((r) => r._status === 'deleted').map((r) => r._id).sort()).to.deep.equal(expectedDeleted());
      expect(harvested.filter((r) => r._status !== 'deleted').every((r) => (r._metadata ?? '').length > 100)).to.equal(true);
    });
  }

  it('catmandu lists the sets and harvests one of them', async () => {
    const sets: Array<{ setSpec: string }> = JSON.parse(await run('catmandu', ['convert', 'OAI', '--url', `${server.url}/oai`, '--listSets', '1', 'to', 'JSON']));
    expect(sets.map((s) => s.setSpec)).to.include.members(['openaire_data', 'access:controlled', 'source:zenodo']);
    const controlled: Array<{ _id: string }> = JSON.parse(
      await run('catmandu', ['convert', 'OAI', '--url', `${server.url}/oai`, '--metadataPrefix', 'oai_dc', '--set', 'access:controlled', '--handler', 'raw', 'to', 'JSON']),
    );
    const expected = records.filter((r) => r.status === 'released' && r.access.level === 'controlled').map((r) => `oai:${domain}:${r.accession}`);
    expect(controlled.map((r) => r._id).sort()).to.deep.equal(expected.sort());
  });
});
