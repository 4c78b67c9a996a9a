import type { Knex } from 'knex';

/**
 * A record looked up by accession for its stored renderings (a landing page's JSON-LD, GetRecord) needs,
 * besides its id, only the columns the visibility filter and the renderings' currency read, its datestamp
 * and its last change. With them in an index beside the accession, the lookup reads that index and the
 * renderings, never the record's row with its document: at a million records, one disk read fewer a request.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.index(['accession', 'id', 'revision', 'status', 'access_level', 'release_date', 'public_since', 'datestamp', 'updated_at'], 'records_accession_lookup');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.dropIndex([], 'records_accession_lookup');
  });
}
