/**
 * The queries a harvest of a million records depends on use their indexes (EXPLAIN on each database):
 * keyset pages walk (datestamp, id), counts read one covering index, lookups by accession read another,
 * and the renderer finds waiting records through its partial index.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { harvestFilter, today } from '../../src/policy/visibility.js';
import { openDatabase } from '../../src/store/database.js';
import { harvestRenderedPage, countHarvest } from '../../src/store/harvest-store.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { publicRenderings, recordsToRender } from '../../src/store/rendering-store.js';
import { freshDatabase, onPostgres, type TestDatabase } from '../helpers/database.js';

const now = new Date('2026-06-01T00:00:00.000Z');

/** The query a store function runs, captured from knex without running it for real. */
async function capturedQuery(db: Knex, run: (db: Knex) => Promise<unknown>): Promise<{ sql: string; bindings: unknown[] }> {
  const queries: Array<{ sql: string; bindings: unknown[] }> = [];
  const listener = (query: { sql: string; bindings: unknown[] }) => queries.push(query);
  db.on('query', listener);
  try {
    await run(db);
  } finally {
    db.off('query', listener);
  }
  return queries[0]!;
}

async function plan(db: Knex, query: { sql: string; bindings: unknown[] }): Promise<string> {
  if (onPostgres) {
    // With sequential scans, bitmap scans and sorts priced out, the plan shows whether an index can serve
    // the query, in order, at all; on a small test table PostgreSQL would rightly prefer reading it whole.
    return db.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off');
      // knex reports PostgreSQL's numbered placeholders, which it numbers in order; raw() takes `?`.
      const sql = query.sql.replace(/\$\d+/g, '?');
      const rows = (await trx.raw(`EXPLAIN ${sql}`, query.bindings as Knex.RawBinding[])).rows as Array<{ 'QUERY PLAN': string }>;
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }
  const rows = (await db.raw(`EXPLAIN QUERY PLAN ${query.sql}`, query.bindings as Knex.RawBinding[])) as Array<{ detail: string }>;
  return rows.map((row) => row.detail).join('\n');
}

describe('query plans at scale', () => {
  let database: TestDatabase;
  let db: Knex;
  before(async () => {
    database = await freshDatabase();
    db = openDatabase(database.url);
    await migrateToLatest(db);
  });
  after(async () => {
    await db.destroy();
    await database.drop();
  });

  const wanted = { format: 'oai:record:oai_dc', fingerprint: 'f', today: today(now) };

  it('pages of a harvest walk the (datestamp, id) index, which covers them: no record row is read', async () => {
    const query = await capturedQuery(db, (d) => harvestRenderedPage(d, { filter: harvestFilter(now) }, { datestamp: '2026-01-01T00:00:00.000Z', id: 5 }, 201, wanted));
    const text = await plan(db, query);
    expect(text).to.match(onPostgres ? /Index (Only )?Scan using records_harvest_order/ : /COVERING INDEX records_harvest_order/);
    expect(text).to.match(onPostgres ? /record_renderings_pkey/ : /sqlite_autoindex_record_renderings_1 \(record_id=\? AND format=\?\)/);
    expect(text).not.to.match(onPostgres ? /Seq Scan on records/ : /SCAN records(?! USING)/);
    expect(text).not.to.match(/TEMP B-TREE|Sort/);
    expect(text).not.to.match(/Seq Scan on record_renderings|SCAN rendering/);
  });

  it('completeListSize counts from one covering index', async () => {
    const query = await capturedQuery(db, (d) => countHarvest(d, { filter: harvestFilter(now) }));
    // On an empty table PostgreSQL cannot tell the two indexes that cover a count apart by size.
    expect(await plan(db, query)).to.match(onPostgres ? /Index Only Scan using records_(harvest_order|accession_lookup)/ : /COVERING INDEX records_harvest_order/);
  });

  it("a landing page's stored JSON-LD and GetRecord read the accession index, which covers them: no record row is read", async () => {
    const landingPage = await capturedQuery(db, (d) => publicRenderings(d, { kind: 'public', today: today(now) }, 'FH0000001', ['record:schemaorg', 'record:links'], wanted));
    const getRecord = await capturedQuery(db, (d) => harvestRenderedPage(d, { filter: harvestFilter(now), accession: 'FH0000001' }, undefined, 1, wanted));
    // GetRecord is a harvest page of one record: with sorts priced out, PostgreSQL walks the harvest order instead.
    for (const query of onPostgres ? [landingPage] : [landingPage, getRecord]) {
      const text = await plan(db, query);
      expect(text).to.match(onPostgres ? /Index Only Scan using records_accession_lookup/ : /COVERING INDEX records_accession_lookup \(accession=\?\)/);
      expect(text).to.match(onPostgres ? /record_renderings_pkey/ : /sqlite_autoindex_record_renderings_1 \(record_id=\? AND format=\?\)/);
    }
  });

  it('the renderer finds waiting records through its partial index', async () => {
    const query = await capturedQuery(db, (d) => recordsToRender(d, 50));
    expect(await plan(db, query)).to.match(onPostgres ? /records_needs_rendering/ : /USING INDEX records_needs_rendering/);
  });
});
