import { expect } from 'chai';
import { openDatabase } from '../../src/store/database.js';
import { hashToken } from '../../src/services/auth-service.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { freePort, runCli, startCli, stopCli } from '../helpers/cli.js';

describe('fairharbor CLI', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(() => database.drop());

  it('migrate brings an empty database up to date, and a second run has nothing to do', async () => {
    const first = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('0001_initial');
    const second = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect(second.stdout).to.contain('already up to date');
  });

  it('token create prints a working token once and stores only its hash', async () => {
    const result = await runCli(['token', 'create', '--role', 'curator', '--name', 'data-steward'], { DATABASE_URL: database.url });
    expect(result.code, result.stderr).to.equal(0);
    const token = result.stdout.trim();
    expect(token).to.match(/^fh_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).to.contain('data-steward');

    const db = openDatabase(database.url);
    try {
      const rows = await db('tokens').join('accounts', 'accounts.id', 'tokens.account_id').select('token_hash', 'role', 'name');
      expect(rows).to.deep.equal([{ token_hash: hashToken(token), role: 'curator', name: 'data-steward' }]);
    } finally {
      await db.destroy();
    }
  });

  it('token create refuses an unknown role with a clear message', async () => {
    const result = await runCli(['token', 'create', '--role', 'wizard'], { DATABASE_URL: database.url });
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.contain('admin, curator, submitter');
  });

  it('refuses a malformed DATABASE_URL naming the variable', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('DATABASE_URL');
  });

  it('refuses a read replica for OAI-PMH unless the database is PostgreSQL', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'sqlite:/tmp/unused.sqlite', OAI_DATABASE_URL: 'postgres://replica.example.org/fairharbor' });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('OAI_DATABASE_URL');
  });

  it('render stores the renderings of records written since, once', async () => {
    const env = { DATABASE_URL: database.url };
    const imported = await runCli(['import', '--format', 'datacite-xml', 'test/fixtures/examples/datacite-xml'], env);
    expect(imported.code, imported.stderr).to.equal(0);
    const stored = Number(/stored (\d+)/.exec(imported.stdout)![1]);
    expect(stored).to.be.greaterThan(0);
    expect((await runCli(['render'], env)).stdout).to.contain(`rendered ${stored} records`);
    expect((await runCli(['render'], env)).stdout).to.contain('rendered 0 records');
    expect((await runCli(['render', '--all'], env)).stdout).to.contain(`rendered ${stored} records`);
    const db = openDatabase(database.url);
    try {
      const formats = await db('record_renderings').distinct('format').orderBy('format');
      expect(formats.map((row: { format: string }) => row.format)).to.deep.equal(['oai:header', 'oai:record:oai_datacite', 'oai:record:oai_dc', 'record:links', 'record:schemaorg']);
    } finally {
      await db.destroy();
    }
  });

  it('serve answers /health and writes with a token from token create', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: database.url, PORT: String(port) };
    const token = (await runCli(['token', 'create', '--role', 'submitter', '--name', 'depositor'], env)).stdout.trim();
    const { child } = await startCli(['serve'], { ...env, LOG_LEVEL: 'info' }, /fairharbor is serving/);
    try {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).to.equal(200);
      const created = await fetch(`http://127.0.0.1:${port}/api/v1/records`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ titles: [{ title: 'From the CLI' }], creators: [{ name: 'Doe, J.' }], publisher: { name: 'P' }, publicationYear: 2026, types: { resourceTypeGeneral: 'Dataset' } }),
      });
      expect(created.status).to.equal(201);
    } finally {
      await stopCli(child);
    }
  });
});
