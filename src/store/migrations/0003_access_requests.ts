import type { Knex } from 'knex';

/**
 * Requests for access to controlled data and their decisions (CNGBdb 2.1's application form). Rows are
 * never deleted: a withdrawn, rejected or expired request stays as the record of who asked and who decided.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('access_requests', (t) => {
    t.increments('id').primary();
    t.integer('record_id').notNullable().references('records.id');
    t.integer('requester_id').notNullable().references('accounts.id');
    t.text('purpose').notNullable();
    t.string('requester_name', 500).notNullable();
    t.string('requester_institution', 1000).notNullable();
    t.string('status', 16).notNullable();
    // Null when the environment's admin token decided: that account exists only in memory.
    t.integer('decided_by').references('accounts.id');
    // When the request was approved, rejected or withdrawn.
    t.string('decided_at', 24);
    t.text('decision_note');
    t.string('access_until', 24);
    t.string('created_at', 24).notNullable();
    t.index(['record_id', 'requester_id'], 'access_requests_record_requester');
    t.index(['requester_id', 'status'], 'access_requests_requester');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('access_requests');
}
