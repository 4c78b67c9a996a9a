import type { Knex } from 'knex';

/**
 * Stored renderings: the formats harvesters and machines ask for most, rendered once after each write and
 * served by joining strings. `revision` counts the writes to a record; a rendering is served only while it
 * was made from the record's current revision, with the current renderers and configuration
 * (`fingerprint`), and before `valid_until` (the day a release date or embargo end changes the record's
 * view). `needs_rendering` marks the records the renderer has yet to (re)render.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('records', (t) => {
    t.integer('revision').notNullable().defaultTo(1);
    t.boolean('needs_rendering').notNullable().defaultTo(true);
  });
  await db.raw('CREATE INDEX records_needs_rendering ON records (id) WHERE needs_rendering');
  await db.schema.createTable('record_renderings', (t) => {
    t.integer('record_id').notNullable().references('records.id').onDelete('CASCADE');
    t.string('format', 40).notNullable();
    t.integer('revision').notNullable();
    t.string('fingerprint', 64).notNullable();
    t.string('valid_until', 10);
    t.text('body').notNullable();
    t.primary(['record_id', 'format']);
    t.index(['valid_until'], 'record_renderings_valid_until');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('record_renderings');
  await db.raw('DROP INDEX records_needs_rendering');
  await db.schema.alterTable('records', (t) => {
    t.dropColumn('needs_rendering');
    t.dropColumn('revision');
  });
}
