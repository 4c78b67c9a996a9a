import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { loadDemo } from '../../src/services/demo-loader.js';
import { openServices } from '../../src/services/open-services.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, onPostgres, type TestDatabase } from '../helpers/database.js';

async function everyRecord(databaseUrl: string): Promise<Array<{ accession: string; document: string }>> {
  const db = openDatabase(databaseUrl);
  try {
    return (await db('records').select('accession', 'document').orderBy('accession')) as Array<{ accession: string; document: string }>;
  } finally {
    await db.destroy();
  }
}

describe('fairharbor backup and restore', () => {
  let database: TestDatabase;
  let directory: string;
  before(async () => {
    database = await freshDatabase();
    directory = mkdtempSync(join(tmpdir(), 'fairharbor-backup-'));
    const services = await openServices(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
    try {
      await loadDemo(services);
    } finally {
      await services.db.destroy();
    }
  });
  after(async () => {
    rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  if (onPostgres) {
    it('points to pg_dump for a PostgreSQL database', async () => {
      const result = await runCli(['backup', join(directory, 'backup.sqlite')], { DATABASE_URL: database.url });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain('pg_dump');
    });
    return;
  }

  it('restores every record exactly as it was when backed up', async () => {
    const env = { DATABASE_URL: database.url };
    const before = await everyRecord(database.url);
    expect(before.length).to.be.greaterThan(10);
    const backup = join(directory, 'backup.sqlite');
    const made = await runCli(['backup', backup], env);
    expect(made.code, made.stderr).to.equal(0);

    const db = openDatabase(database.url);
    try {
      await db('records').where('accession', before[0]!.accession).update({ document: '{}' });
      await db('records').where('accession', before[1]!.accession).delete();
    } finally {
      await db.destroy();
    }
    expect(await everyRecord(database.url)).to.not.deep.equal(before);

    const restored = await runCli(['restore', backup], env);
    expect(restored.code, restored.stderr).to.equal(0);
    expect(await everyRecord(database.url)).to.deep.equal(before);
  });

  it('never overwrites a file, and refuses to restore what is not a fairharbor database', async () => {
    const env = { DATABASE_URL: database.url };
    const taken = join(directory, 'taken.sqlite');
    writeFileSync(taken, 'x');
    const overwrite = await runCli(['backup', taken], env);
    expect(overwrite.code).to.equal(2);
    expect(overwrite.stderr).to.contain('exists already');
    const bogus = await runCli(['restore', taken], env);
    expect(bogus.code).to.equal(2);
    expect(bogus.stderr).to.match(/not a SQLite database|not a fairharbor database|damaged/);
    expect((await everyRecord(database.url)).length).to.be.greaterThan(10);
  });
});
