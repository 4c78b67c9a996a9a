import { expect } from 'chai';
import type { Knex } from 'knex';
import { ACCESS_LEVELS, type RecordStatus } from '../../src/model/schema.js';
import { ANONYMOUS, type Principal } from '../../src/policy/principal.js';
import { canEdit, canView, effectiveStatus, harvestFilter, isHarvestable, isListed, isPublic, listFilter, today, type VisibilityFacts } from '../../src/policy/visibility.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { insertAccount } from '../../src/store/account-store.js';
import { insertRecord, listRecords } from '../../src/store/record-store.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');

describe('visibility policy', () => {
  describe('record-level rules', () => {
    const facts = (overrides: Partial<VisibilityFacts>): VisibilityFacts => ({ status: 'released', accessLevel: 'public', ...overrides });
    const alice: Principal = { kind: 'account', accountId: 1, name: 'alice', role: 'submitter' };
    const curator: Principal = { kind: 'account', accountId: 9, name: 'cur', role: 'curator' };

    it('releases a scheduled record at 00:00 UTC of its release date', () => {
      const scheduled = facts({ status: 'scheduled', releaseDate: '2026-06-16' });
      expect(isPublic(scheduled, NOW)).to.equal(false);
      expect(isPublic(scheduled, new Date('2026-06-16T00:00:00.000Z'))).to.equal(true);
      expect(effectiveStatus(scheduled, new Date('2026-06-16T00:00:00.000Z'))).to.equal('released');
    });

    it('shows registered and controlled metadata publicly, private metadata to nobody but owner and staff', () => {
      expect(isPublic(facts({ accessLevel: 'registered' }), NOW)).to.equal(true);
      expect(isPublic(facts({ accessLevel: 'controlled' }), NOW)).to.equal(true);
      const privateOfAlice = facts({ accessLevel: 'private', ownerId: 1 });
      expect(canView(ANONYMOUS, privateOfAlice, NOW)).to.equal(false);
      expect(canView(alice, privateOfAlice, NOW)).to.equal(true);
      expect(canView({ ...alice, accountId: 2 }, privateOfAlice, NOW)).to.equal(false);
      expect(canView(curator, privateOfAlice, NOW)).to.equal(true);
    });

    it('keeps a public tombstone only for records that were public', () => {
      expect(canView(ANONYMOUS, facts({ status: 'withdrawn', publicSince: '2026-01-01T00:00:00.000Z' }), NOW)).to.equal(true);
      expect(canView(ANONYMOUS, facts({ status: 'withdrawn', publicSince: null }), NOW)).to.equal(false);
    });

    it('lets nobody edit a withdrawn record, and submitters only their own unreleased ones', () => {
      expect(canEdit(curator, facts({ status: 'withdrawn' }), NOW)).to.equal(false);
      expect(canEdit(alice, facts({ status: 'draft', ownerId: 1 }), NOW)).to.equal(true);
      expect(canEdit(alice, facts({ status: 'released', ownerId: 1 }), NOW)).to.equal(false);
      expect(canEdit(alice, facts({ status: 'draft', ownerId: 2 }), NOW)).to.equal(false);
      expect(canEdit(ANONYMOUS, facts({ status: 'draft' }), NOW)).to.equal(false);
    });
  });

  describe('the SQL list filter agrees with the record-level rule', () => {
    let database: TestDatabase;
    let db: Knex;
    const rows: Array<VisibilityFacts & { accession: string }> = [];
    const principals: Principal[] = [];

    before(async () => {
      database = await freshDatabase();
      db = openDatabase(database.url);
      await migrateToLatest(db);
      const ownerIds = [] as number[];
      for (const name of ['alice', 'bob']) {
        const id = await insertAccount(db, { name, role: 'submitter', created_at: NOW.toISOString() });
        ownerIds.push(id);
        principals.push({ kind: 'account', accountId: id, name, role: 'submitter' });
      }
      const curatorId = await insertAccount(db, { name: 'cur', role: 'curator', created_at: NOW.toISOString() });
      principals.push(ANONYMOUS, { kind: 'account', accountId: curatorId, name: 'cur', role: 'curator' });

      const states: Array<{ status: RecordStatus; releaseDate: string | null }> = [
        { status: 'draft', releaseDate: null },
        { status: 'released', releaseDate: null },
        { status: 'scheduled', releaseDate: '2026-06-15' },
        { status: 'scheduled', releaseDate: '2026-06-16' },
        { status: 'withdrawn', releaseDate: null },
      ];
      let n = 0;
      for (const level of ACCESS_LEVELS) {
        for (const state of states) {
          for (const [ownerId, publicSince] of [[null, null], [ownerIds[0]!, '2026-01-01T00:00:00.000Z'], [ownerIds[1]!, '2026-06-16T00:00:00.000Z']] as const) {
            const accession = `T${String(++n).padStart(4, '0')}`;
            rows.push({ accession, accessLevel: level, status: state.status, releaseDate: state.releaseDate, ownerId, publicSince });
            await insertRecord(db, {
              accession,
              doi_key: null,
              cstr_key: null,
              status: state.status,
              access_level: level,
              release_date: state.releaseDate,
              embargo_end: null,
              public_since: publicSince,
              owner_id: ownerId,
              source_repository: null,
              source_set: null,
              resource_type: 'Dataset',
              concept_accession: accession,
              datestamp: NOW.toISOString(),
              created_at: NOW.toISOString(),
              updated_at: NOW.toISOString(),
              search_text: accession.toLowerCase(),
              document: JSON.stringify({ accession }),
            });
          }
        }
      }
    });
    after(async () => {
      await db.destroy();
      await database.drop();
    });

    it('for every caller, level, status and owner', async () => {
      for (const principal of principals) {
        const listed = await listRecords(db, { filter: listFilter(principal, NOW), words: [], today: today(NOW), limit: 10_000 });
        const fromSql = listed.map((s) => s.record.accession).sort();
        const expected = rows.filter((row) => isListed(principal, row, NOW)).map((row) => row.accession).sort();
        expect(fromSql, JSON.stringify(principal)).to.deep.equal(expected);
        for (const row of rows.filter((r) => isListed(principal, r, NOW))) {
          expect(canView(principal, row, NOW), `${row.accession} listed but not viewable`).to.equal(true);
        }
      }
      const anonymous = await listRecords(db, { filter: listFilter(ANONYMOUS, NOW), words: [], today: today(NOW), limit: 10_000 });
      expect(anonymous).to.have.length(3 * 2 * 3, 'public, registered and controlled; released or due; any owner');
    });

    it('for harvesting: public records and the tombstones of once-public ones', async () => {
      const harvested = await listRecords(db, { filter: harvestFilter(NOW), words: [], today: today(NOW), limit: 10_000 });
      const expected = rows.filter((row) => isHarvestable(row, NOW)).map((row) => row.accession).sort();
      expect(harvested.map((s) => s.record.accession).sort()).to.deep.equal(expected);
      const tombstones = rows.filter((row) => row.status === 'withdrawn' && isHarvestable(row, NOW));
      expect(tombstones).to.have.length(ACCESS_LEVELS.length, 'one per level: the one whose public moment has passed');
    });
  });
});
