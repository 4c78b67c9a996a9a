/**
 * Imports a batch of records per transaction, each record's lookups and writes run straight on a SQLite
 * transaction's connection: a record sees what the records before it in the same batch stored, whether
 * its items come as read or prepared ahead (on the reader thread), and a retried batch leaves no gap.
 */
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { prepareItem } from '../../src/import/mirror-input.js';
import { COMMAND_LINE } from '../../src/policy/principal.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importItems, type ImportItem, type ImportSource, type ImportSummary } from '../../src/services/import-service.js';
import { openServices } from '../../src/services/open-services.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { minimalRecord } from '../helpers/server.js';

const now = new Date('2026-05-04T10:00:00.000Z');
const source: ImportSource = { name: 'batches' };

function item(sourceIdentifier: string, overrides: Record<string, unknown> = {}): ImportItem {
  return { sourceIdentifier, record: minimalRecord({ titles: [{ title: `Record ${sourceIdentifier}` }], ...overrides }) };
}

/** Every stored record's accession, source key and metadata, in the order stored. */
async function storedRecords(context: ServiceContext): Promise<Array<{ accession: string; sourceKey: string | null; doi?: string; title: string }>> {
  const rows = (await context.db('records').orderBy('id').select('accession', 'source_key', 'document')) as Array<{ accession: string; source_key: string | null; document: string }>;
  return rows.map((row) => {
    const document = JSON.parse(row.document);
    return { accession: row.accession, sourceKey: row.source_key, doi: document.doi, title: document.titles[0].title };
  });
}

for (const form of ['as read', 'prepared ahead'] as const) {
  describe(`importing a batch of items ${form}`, () => {
    let database: TestDatabase;
    let context: ServiceContext;
    beforeEach(async () => {
      database = await freshDatabase();
      context = await openServices(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ACCESSION_PREFIX: 'BT' }), () => now);
    });
    afterEach(async () => {
      await context.db.destroy();
      await database.drop();
    });

    const run = (items: ImportItem[]): Promise<ImportSummary> =>
      importItems(context, COMMAND_LINE, form === 'as read' ? items : items.map((i) => prepareItem(i, source, now.toISOString())), source);

    it('refuses a DOI that an earlier record of the same batch holds, naming it, and leaves no gap in the accessions', async () => {
      const summary = await run([item('a', { doi: '10.5555/same' }), item('b'), item('c', { doi: 'https://doi.org/10.5555/SAME' }), item('d')]);
      expect(summary).to.deep.equal({
        stored: 3,
        updated: 0,
        unchanged: 0,
        withdrawn: 0,
        failed: [{ sourceIdentifier: 'c', reason: 'DOI 10.5555/SAME is already held by record BT0000001' }],
      });
      expect(await storedRecords(context)).to.deep.equal([
        { accession: 'BT0000001', sourceKey: 'batches:a', doi: '10.5555/same', title: 'Record a' },
        { accession: 'BT0000002', sourceKey: 'batches:b', doi: undefined, title: 'Record b' },
        { accession: 'BT0000003', sourceKey: 'batches:d', doi: undefined, title: 'Record d' },
      ]);
    });

    it('takes a source identifier met again in the same batch as the mirror stored before it: unchanged, or updated', async () => {
      const summary = await run([item('a'), item('b'), item('a'), item('b', { titles: [{ title: 'Record b, corrected' }] })]);
      expect(summary).to.deep.equal({ stored: 2, updated: 1, unchanged: 1, withdrawn: 0, failed: [] });
      expect(await storedRecords(context)).to.deep.equal([
        { accession: 'BT0000001', sourceKey: 'batches:a', doi: undefined, title: 'Record a' },
        { accession: 'BT0000002', sourceKey: 'batches:b', doi: undefined, title: 'Record b, corrected' },
      ]);
    });

    it('reports a record validation refuses by its fields, and a withdrawn mirror before anything else', async () => {
      await run([item('gone')]);
      const { accession } = (await storedRecords(context))[0]!;
      expect(await run([{ sourceIdentifier: 'gone', deleted: true }])).to.include({ withdrawn: 1 });
      const summary = await run([item('gone', { types: { resourceTypeGeneral: 'Spreadsheet' } }), item('bad', { types: { resourceTypeGeneral: 'Spreadsheet' } }), item('good')]);
      expect(summary.stored).to.equal(1);
      expect(summary.failed).to.deep.equal([
        { sourceIdentifier: 'gone', reason: `its mirror ${accession} was withdrawn here; a withdrawn record is never brought back` },
        { sourceIdentifier: 'bad', reason: summary.failed[1]!.reason },
      ]);
      expect(summary.failed[1]!.reason).to.match(/^\/types\/resourceTypeGeneral: "Spreadsheet" is not/);
    });

    it('imports more records than one transaction holds, with consecutive accessions', async () => {
      const items = Array.from({ length: 1203 }, (_, i) => item(`r${i}`, { doi: `10.5555/many.${i}` }));
      items[700] = item('r700', { doi: '10.5555/many.3' });
      const summary = await run(items);
      expect(summary.stored).to.equal(1202);
      expect(summary.failed).to.deep.equal([{ sourceIdentifier: 'r700', reason: 'DOI 10.5555/many.3 is already held by record BT0000004' }]);
      const stored = await storedRecords(context);
      expect(stored.map((s) => s.accession)).to.deep.equal(Array.from({ length: 1202 }, (_, i) => `BT${String(i + 1).padStart(7, '0')}`));
    });
  });
}
