import type { Knex } from 'knex';

/**
 * Every column the harvest filter and date bounds read, in one index: counting a list (completeListSize)
 * and listing set values then read this index alone instead of every record's row, document included.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.index(['status', 'access_level', 'release_date', 'public_since', 'datestamp'], 'records_harvest_facts');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.dropIndex([], 'records_harvest_facts');
  });
}
