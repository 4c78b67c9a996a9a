/**
 * Full-text search and facets: the licence and publication year as columns, and a full-text index over
 * search_text (an FTS5 table kept in step by triggers on SQLite, a generated tsvector with a GIN index on
 * PostgreSQL).
 */
import type { Knex } from 'knex';
import { publicationYearOf, spdxLicenceId } from '../../model/facets.js';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.text('licence_id').nullable();
    t.integer('publication_year').nullable();
  });
  const rows = (await db('records').select('id', 'document')) as Array<{ id: number; document: unknown }>;
  for (const row of rows) {
    const document = JSON.parse(typeof row.document === 'string' ? row.document : JSON.stringify(row.document));
    await db('records').where('id', row.id).update({ licence_id: spdxLicenceId(document), publication_year: publicationYearOf(document) });
  }
  await db.schema.alterTable('records', (t) => {
    t.index(['licence_id'], 'records_licence_id_index');
    t.index(['publication_year'], 'records_publication_year_index');
  });
  if (isPostgres(db)) {
    await db.raw("ALTER TABLE records ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(search_text, ''))) STORED");
    await db.raw('CREATE INDEX records_search_vector_index ON records USING GIN (search_vector)');
    return;
  }
  await db.raw("CREATE VIRTUAL TABLE records_fts USING fts5(search_text, content='records', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')");
  await db.raw(`CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
    INSERT INTO records_fts(rowid, search_text) VALUES (new.id, new.search_text);
  END`);
  await db.raw(`CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
    INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  END`);
  await db.raw(`CREATE TRIGGER records_fts_update AFTER UPDATE OF search_text ON records BEGIN
    INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO records_fts(rowid, search_text) VALUES (new.id, new.search_text);
  END`);
  await db.raw("INSERT INTO records_fts(records_fts) VALUES ('rebuild')");
}

export async function down(db: Knex): Promise<void> {
  if (isPostgres(db)) {
    await db.raw('DROP INDEX IF EXISTS records_search_vector_index');
    await db.raw('ALTER TABLE records DROP COLUMN IF EXISTS search_vector');
  } else {
    for (const trigger of ['records_fts_insert', 'records_fts_delete', 'records_fts_update']) await db.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
    await db.raw('DROP TABLE IF EXISTS records_fts');
  }
  await db.schema.alterTable('records', (t) => {
    t.dropIndex(['licence_id'], 'records_licence_id_index');
    t.dropIndex(['publication_year'], 'records_publication_year_index');
  });
  await db.schema.alterTable('records', (t) => {
    t.dropColumn('licence_id');
    t.dropColumn('publication_year');
  });
}
