import type { Knex } from 'knex';

/**
 * The DOI registration outbox: one row per record whose DOI the repository registers, written in the
 * transaction that changes the record, and worked off by a sender that may run on any instance.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('doi_registrations', (t) => {
    t.increments('id').primary();
    t.integer('record_id').notNullable().unique().references('records.id');
    t.string('doi', 1000).notNullable();
    // What DataCite should hold (draft, registered, findable) and what it confirmed it holds.
    t.string('target_state', 16).notNullable();
    t.string('datacite_state', 16);
    // pending (to send, or retrying), done, failed (DataCite refused; `doi sync` sends again).
    t.string('status', 16).notNullable();
    // Every change raises `generation`; a send done for an older generation leaves the row pending.
    t.integer('generation').notNullable().defaultTo(1);
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 24).notNullable();
    t.string('claimed_until', 24);
    t.text('last_error');
    t.string('updated_at', 24).notNullable();
    t.index(['status', 'next_attempt_at'], 'doi_registrations_due');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('doi_registrations');
}
