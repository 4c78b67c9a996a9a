import type { Knex } from 'knex';

/** Dates are stored as ISO 8601 UTC text (`2026-11-22T10:00:00.000Z`): sortable and identical on SQLite and PostgreSQL. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('accounts', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable().unique();
    t.string('role', 20).notNullable();
    t.string('created_at', 24).notNullable();
  });

  await db.schema.createTable('tokens', (t) => {
    t.increments('id').primary();
    t.integer('account_id').notNullable().references('accounts.id');
    // SHA-256 of the token: the token itself is shown once and never stored.
    t.string('token_hash', 64).notNullable().unique();
    t.string('created_at', 24).notNullable();
    t.string('last_used_at', 24);
    t.string('revoked_at', 24);
  });

  await db.schema.createTable('sequences', (t) => {
    t.string('name', 50).primary();
    t.bigInteger('value').notNullable();
  });
  await db('sequences').insert({ name: 'accession', value: 0 });

  await db.schema.createTable('settings', (t) => {
    t.string('name', 100).primary();
    t.text('value').notNullable();
  });

  await db.schema.createTable('records', (t) => {
    t.increments('id').primary();
    t.string('accession', 64).notNullable().unique();
    t.string('doi_key', 1000).unique();
    t.string('cstr_key', 1000).unique();
    t.string('status', 16).notNullable();
    t.string('access_level', 16).notNullable();
    t.string('release_date', 10);
    t.string('embargo_end', 10);
    // When the record first became (or, if scheduled, becomes) public; kept through withdrawal.
    t.string('public_since', 24);
    t.integer('owner_id').references('accounts.id');
    t.string('source_repository', 1000);
    // The short source name that forms the OAI set source:NAME.
    t.string('source_set', 64);
    t.string('resource_type', 64).notNullable();
    t.string('concept_accession', 64).notNullable();
    t.string('datestamp', 24).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.text('search_text').notNullable();
    t.text('document').notNullable();
    t.index(['status', 'access_level'], 'records_visibility');
    t.index(['release_date'], 'records_release_date');
    t.index(['datestamp', 'id'], 'records_datestamp');
    t.index(['owner_id'], 'records_owner');
    t.index(['concept_accession'], 'records_concept');
    t.index(['source_set'], 'records_source');
    t.index(['resource_type'], 'records_resource_type');
  });

  // Curated collections: OAI sets collection:SPEC.
  await db.schema.createTable('collections', (t) => {
    t.increments('id').primary();
    t.string('spec', 64).notNullable().unique();
    t.string('name', 1000).notNullable();
    t.text('description');
    t.string('created_at', 24).notNullable();
  });
  await db.schema.createTable('collection_records', (t) => {
    t.integer('collection_id').notNullable().references('collections.id').onDelete('CASCADE');
    t.integer('record_id').notNullable().references('records.id');
    t.primary(['collection_id', 'record_id']);
    t.index(['record_id'], 'collection_records_record');
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['collection_records', 'collections', 'records', 'settings', 'sequences', 'tokens', 'accounts']) await db.schema.dropTableIfExists(table);
}
