/**
 * Documents read on a thread of their own import exactly as documents read here: the same summary, the
 * same failures in the same order, the same records with the same accessions; documents are done with in
 * their order, and a document that cannot be fetched stops the import after the ones before it.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { importDocuments, type SourceDocument } from '../../src/import/importer.js';
import { COMMAND_LINE } from '../../src/policy/principal.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { ImportSummary } from '../../src/services/import-service.js';
import { openServices } from '../../src/services/open-services.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

const now = new Date('2026-05-04T10:00:00.000Z');
const DRYAD = JSON.parse(readFileSync('test/fixtures/examples/datacite/datacite-10.5061-dryad.8515.json', 'utf8'));
const XML_DIR = 'test/fixtures/examples/datacite-xml';

/** A page of DataCite DOIs numbered from `first`; `change` alters the attributes of some of them. */
function page(name: string, first: number, count: number, change: (i: number, attributes: Record<string, unknown>) => void = () => undefined): SourceDocument {
  const data = Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const attributes = { ...DRYAD.data.attributes, doi: `10.5061/thread.${i}`, titles: [{ title: `Threaded record ${i}` }] };
    change(i, attributes);
    return { id: attributes.doi, type: 'dois', attributes };
  });
  return { name, bytes: Buffer.from(JSON.stringify({ data })) };
}

function documents(): SourceDocument[] {
  return [
    page('one.json', 0, 700, (i, attributes) => {
      if (i === 3) attributes.titles = [];
      if (i === 4) attributes.types = { resourceTypeGeneral: 'Spreadsheet' };
      // The same DOI again in the same batch: the mirror stored just before, updated.
      if (i === 10) Object.assign(attributes, { doi: '10.5061/thread.9', titles: [{ title: 'Threaded record 9, corrected' }] });
    }),
    { name: 'broken.json', bytes: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) },
    ...readdirSync(XML_DIR)
      .sort()
      .map((file) => ({ name: file, bytes: readFileSync(join(XML_DIR, file)) })),
    // Read again: unchanged, but for one record changed at the source.
    page('again.json', 600, 200, (i, attributes) => {
      if (i === 650) attributes.version = '2';
    }),
  ];
}

describe('reading the documents of an import on a thread of their own', () => {
  const databases: TestDatabase[] = [];
  const contexts: ServiceContext[] = [];
  const open = async () => {
    const database = await freshDatabase();
    databases.push(database);
    const context = await openServices(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ACCESSION_PREFIX: 'TH' }), () => now);
    contexts.push(context);
    return context;
  };
  after(async () => {
    for (const context of contexts) await context.db.destroy();
    for (const database of databases) await database.drop();
  });

  const stored = async (context: ServiceContext) =>
    ((await context.db('records').orderBy('id').select('accession', 'source_key', 'status', 'document')) as Array<Record<string, string>>).map((row) => ({ ...row, document: JSON.parse(row.document!) }));

  it('imports what reading here imports: the same summary, failures and records', async () => {
    const results: Array<{ summary: ImportSummary; records: unknown[]; documentsDone: number[] }> = [];
    for (const readerThread of [false, true]) {
      const context = await open();
      // How many records were done with as each document was.
      const documentsDone: number[] = [];
      let running = 0;
      const summary = await importDocuments(context, COMMAND_LINE, documents(), {
        format: 'auto',
        source: {},
        readerThread,
        onProgress: (progress) => (running = progress.stored + progress.updated + progress.unchanged + progress.failed.length),
        onDocument: () => documentsDone.push(running),
      });
      results.push({ summary, records: await stored(context), documentsDone });
    }
    const [here, onThread] = results;
    expect(here!.summary.stored).to.be.greaterThan(690);
    expect(here!.summary).to.deep.include({ updated: 2, unchanged: 99 });
    expect(here!.summary.failed.map((f) => f.sourceIdentifier)).to.deep.equal(['10.5061/thread.3', '10.5061/thread.4', 'broken.json']);
    expect(onThread!.summary).to.deep.equal(here!.summary);
    expect(onThread!.records).to.deep.equal(here!.records);
    expect(onThread!.documentsDone).to.deep.equal(here!.documentsDone);
  });

  it('stops at a document that cannot be fetched, once the documents before it are imported', async () => {
    async function* fetched(): AsyncGenerator<SourceDocument> {
      yield page('first.json', 0, 3);
      yield page('second.json', 3, 3);
      throw new Error('https://example.org/third.json answered 503');
    }
    const context = await open();
    const error = await importDocuments(context, COMMAND_LINE, fetched(), { format: 'datacite-json', source: {}, readerThread: true }).catch((e: Error) => e);
    expect(String(error)).to.contain('third.json answered 503');
    expect(await stored(context)).to.have.length(6);
  });

  it('refuses an unknown format before reading any document', async () => {
    const context = await open();
    let read = false;
    const error = await importDocuments(context, COMMAND_LINE, (function* () {
      read = true;
      yield page('first.json', 0, 1);
    })(), { format: 'word', source: {}, readerThread: true }).catch((e: Error) => e);
    expect(String(error)).to.match(/format must be auto or one of/);
    expect(read).to.equal(false);
  });
});
