/**
 * Compiled lookups (ADR 12): built once per shape, run with each call's values, on SQLite through a
 * read-only connection outside transactions and through the transaction inside one.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { compiledQuery } from '../../src/store/compiled-query.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

describe('compiled queries', () => {
  let database: TestDatabase;
  let db: Knex;
  let builds = 0;
  const settingNamed = compiledQuery<{ name: string }, { value: string }>((db, value) => {
    builds++;
    return db('settings').where('name', value('name')).whereNot('value', 'never').select('value');
  });

  before(async () => {
    database = await freshDatabase();
    db = openDatabase(database.url);
    await migrateToLatest(db);
    await db('settings').insert([
      { name: 'compiled.a', value: 'first' },
      { name: 'compiled.b', value: 'second' },
    ]);
  });
  after(async () => {
    await db.destroy();
    await database.drop();
  });

  it("builds a shape once and runs it with each call's values, constants kept", async () => {
    expect(await settingNamed(db, 'by-name', { name: 'compiled.a' })).to.deep.equal([{ value: 'first' }]);
    expect(await settingNamed(db, 'by-name', { name: 'compiled.b' })).to.deep.equal([{ value: 'second' }]);
    expect(await settingNamed(db, 'by-name', { name: 'compiled.none' })).to.deep.equal([]);
    expect(builds).to.equal(1);
  });

  it('sees what is committed, and inside a transaction what the transaction wrote', async () => {
    await db.transaction(async (trx) => {
      await trx('settings').insert({ name: 'compiled.c', value: 'third' });
      expect(await settingNamed(trx, 'by-name', { name: 'compiled.c' }), 'in the transaction').to.deep.equal([{ value: 'third' }]);
      expect(await settingNamed(db, 'by-name', { name: 'compiled.c' }), 'outside it, before the commit').to.deep.equal([]);
    });
    expect(await settingNamed(db, 'by-name', { name: 'compiled.c' }), 'after the commit').to.deep.equal([{ value: 'third' }]);
  });

  it('announces each query as knex does', async () => {
    const seen: string[] = [];
    const listener = (query: { sql: string }) => seen.push(query.sql);
    db.on('query', listener);
    try {
      await settingNamed(db, 'by-name', { name: 'compiled.a' });
    } finally {
      db.off('query', listener);
    }
    expect(seen).to.have.length(1);
    expect(seen[0]).to.match(/from .settings./);
  });
});
