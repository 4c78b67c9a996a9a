import { expect } from 'chai';
import type { Knex } from 'knex';
import { claimRegistration, dueRegistrations, finishSend, queueRegistration, registrationOf } from '../../src/store/doi-registration-store.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

describe('the DOI registration outbox', () => {
  let database: TestDatabase;
  let db: Knex;
  const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

  before(async () => {
    database = await freshDatabase();
    db = openDatabase(database.url);
    await migrateToLatest(db);
    const record = { accession: 'FH0000001', status: 'released', access_level: 'public', resource_type: 'Dataset', concept_accession: 'FH0000001', datestamp: at(0), created_at: at(0), updated_at: at(0), search_text: '', document: '{}' };
    await db('records').insert(record);
  });
  after(async () => {
    await db.destroy();
    await database.drop();
  });

  it('keeps a change made while the previous one was being sent, and sends it next', async () => {
    await queueRegistration(db, 1, '10.12345/abcde-fghjk', 'draft', at(0));
    const [due] = await dueRegistrations(db, at(1), 10);
    expect(await claimRegistration(db, due!.id, at(1), at(3))).to.equal(true);
    expect(await claimRegistration(db, due!.id, at(1), at(3)), 'a second sender does not get it').to.equal(false);

    await queueRegistration(db, 1, '10.12345/abcde-fghjk', 'findable', at(2));
    await finishSend(db, due!, { datacite_state: 'draft', status: 'done', attempts: 0, next_attempt_at: at(2), last_error: null }, at(2));

    const row = await registrationOf(db, 1);
    expect(row).to.include({ status: 'pending', target_state: 'findable', datacite_state: 'draft', claimed_until: null });
    expect((await dueRegistrations(db, at(2), 10)).map((r) => r.id)).to.deep.equal([due!.id]);
  });

  it('gives a claim back to other senders once it runs out', async () => {
    const [due] = await dueRegistrations(db, at(5), 10);
    expect(await claimRegistration(db, due!.id, at(5), at(7))).to.equal(true);
    expect(await dueRegistrations(db, at(6), 10)).to.deep.equal([]);
    expect((await dueRegistrations(db, at(8), 10)).map((r) => r.id)).to.deep.equal([due!.id]);
  });
});
