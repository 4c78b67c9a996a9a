import type { Knex } from 'knex';

/**
 * The OAI-PMH sources this repository harvests. Each source remembers where its last successful run
 * started (the next run's `from`) and, while a run is in progress, the checkpoint written after every
 * imported page, so a harvest that was stopped resumes at the page it stopped at.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('harvest_sources', (t) => {
    t.increments('id').primary();
    // The source's short name: the OAI set source:NAME of its mirrors, and half of their identity.
    t.string('name', 64).notNullable().unique();
    t.string('base_url', 2000).notNullable();
    // Null until the first run chooses one (oai_datacite when offered, else oai_dc).
    t.string('metadata_prefix', 200);
    t.string('set_spec', 2000);
    // When the last successful run started: the next run's default `from`.
    t.string('last_success_from', 24);
    // The run in progress: when it started, its from/until as sent, and the token of the next page.
    t.string('run_started_at', 24);
    t.string('run_from', 24);
    t.string('run_until', 24);
    t.text('resumption_token');
    t.integer('pages_done').notNullable().defaultTo(0);
    t.integer('records_seen').notNullable().defaultTo(0);
    // idle (never run), running (a run is in progress or was stopped), succeeded, failed.
    t.string('status', 16).notNullable();
    t.text('last_error');
    // The counts of the last run, as JSON.
    t.text('last_summary');
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('harvest_sources');
}
