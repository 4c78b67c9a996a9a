import type { Knex } from 'knex';

/** Reviewer links: a keyed hash of each link's token, never the token itself. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('review_links', (t) => {
    t.increments('id').primary();
    t.integer('record_id').notNullable().references('records.id');
    t.string('token_hash', 64).notNullable().unique();
    t.string('label', 1000);
    // Double-blind review: the reviewer's view hides who made the record.
    t.boolean('anonymous').notNullable().defaultTo(false);
    t.boolean('include_files').notNullable().defaultTo(false);
    t.integer('created_by').references('accounts.id');
    t.string('created_at', 24).notNullable();
    t.string('expires_at', 24).notNullable();
    t.string('revoked_at', 24);
    t.index(['record_id'], 'review_links_record');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('review_links');
}
