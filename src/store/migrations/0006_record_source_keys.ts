import type { Knex } from 'knex';

/**
 * Imported records are mirrors of a source record: `source_key` (source name and the record's identifier
 * there) finds the mirror again on re-import, and marks it read-only until a curator detaches it.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.string('source_key', 2000);
    t.unique(['source_key'], { indexName: 'records_source_key' });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.dropUnique(['source_key'], 'records_source_key');
    t.dropColumn('source_key');
  });
}
