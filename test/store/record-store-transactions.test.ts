/**
 * Record statements inside a transaction (on SQLite, run straight on the transaction's connection): they
 * see the transaction's own writes, are undone with it or with their savepoint, are announced as knex
 * announces queries, and refuse to run once the transaction is over.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { findRecordBy, holderOf, insertRecord, takeNextSerial, updateRecord, type RecordColumns } from '../../src/store/record-store.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

const moment = '2026-05-04T10:00:00.000Z';

function columns(accession: string, doiKey: string | null = null): RecordColumns {
  return {
    accession,
    doi_key: doiKey,
    cstr_key: null,
    status: 'released',
    access_level: 'public',
    release_date: null,
    embargo_end: null,
    public_since: moment,
    owner_id: null,
    source_repository: null,
    source_set: null,
    resource_type: 'Dataset',
    concept_accession: accession,
    datestamp: moment,
    created_at: moment,
    updated_at: moment,
    search_text: `${accession} transaction test`,
    licence_id: 'CC0-1.0',
    publication_year: 2026,
    document: JSON.stringify({ accession }),
  };
}

describe('record statements in a transaction', () => {
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

  it('see what the transaction wrote, and leave nothing once it is rolled back', async () => {
    const serialBefore = Number((await db('sequences').where({ name: 'accession' }).first('value')).value);
    const rolledBack = new Error('roll back');
    const seen = await db
      .transaction(async (trx) => {
        const id = await insertRecord(trx, { ...columns('TX1', '10.5555/tx.1'), source_key: 'tx:1' });
        const serials = [await takeNextSerial(trx), await takeNextSerial(trx)];
        // As with knex, a column given as undefined is left alone.
        await updateRecord(trx, id, { search_text: 'tx1 updated', licence_id: undefined });
        const byKey = await findRecordBy(trx, 'source_key', 'tx:1');
        const holder = await holderOf(trx, 'doi_key', '10.5555/tx.1');
        const row = await trx('records').where({ id }).first('revision', 'needs_rendering', 'search_text', 'licence_id');
        throw Object.assign(rolledBack, { seen: { id, serials, byKey: byKey?.record, holder: holder?.id, other: await holderOf(trx, 'doi_key', '10.5555/tx.1', id), row } });
      })
      .catch((error: { seen?: unknown }) => error.seen);
    expect(seen).to.deep.include({ serials: [serialBefore + 1, serialBefore + 2], byKey: { accession: 'TX1' }, other: undefined });
    const { id, holder, row } = seen as { id: number; holder: number; row: { revision: number; needs_rendering: number | boolean; search_text: string } };
    expect(holder).to.equal(id);
    expect(row).to.deep.include({ revision: 2, search_text: 'tx1 updated', licence_id: 'CC0-1.0' });
    expect(Boolean(row.needs_rendering)).to.equal(true);
    expect(await findRecordBy(db, 'accession', 'TX1')).to.equal(undefined);
    expect(Number((await db('sequences').where({ name: 'accession' }).first('value')).value)).to.equal(serialBefore);
  });

  it('are undone with their savepoint alone', async () => {
    await db.transaction(async (trx) => {
      await insertRecord(trx, columns('TX2'));
      await trx.transaction(async (savepoint) => {
        await insertRecord(savepoint, columns('TX3'));
        expect(await findRecordBy(savepoint, 'accession', 'TX3')).not.to.equal(undefined);
        throw new Error('undo TX3');
      }).catch(() => undefined);
      expect(await findRecordBy(trx, 'accession', 'TX3')).to.equal(undefined);
    });
    expect((await findRecordBy(db, 'accession', 'TX2'))?.record).to.deep.equal({ accession: 'TX2' });
    expect(await findRecordBy(db, 'accession', 'TX3')).to.equal(undefined);
  });

  it('are announced with knex’s query event', async () => {
    const announced: string[] = [];
    const listener = (query: { sql: string }) => announced.push(query.sql);
    db.on('query', listener);
    try {
      await db.transaction(async (trx) => {
        const id = await insertRecord(trx, columns('TX4'));
        await findRecordBy(trx, 'accession', 'TX4');
        await updateRecord(trx, id, { status: 'withdrawn' });
      });
    } finally {
      db.off('query', listener);
    }
    expect(announced.filter((sql) => /records/.test(sql))).to.have.length(3);
    expect(announced.some((sql) => /^insert into .?records/i.test(sql))).to.equal(true);
  });

  it('fail once their transaction is over rather than run outside it', async () => {
    let finished: Knex.Transaction | undefined;
    await db.transaction(async (trx) => {
      await findRecordBy(trx, 'accession', 'TX2');
      finished = trx;
    });
    let failure: unknown;
    await insertRecord(finished!, columns('TX5')).catch((error) => (failure = error));
    expect(String(failure)).to.match(/Transaction query already complete/);
    expect(await findRecordBy(db, 'accession', 'TX5')).to.equal(undefined);
  });
});
