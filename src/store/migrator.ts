import type { Knex } from 'knex';
import * as initial from './migrations/0001_initial.js';
import * as reviewLinks from './migrations/0002_review_links.js';
import * as doiRegistrations from './migrations/0004_doi_registrations.js';
import * as harvestSources from './migrations/0005_harvest_sources.js';
import * as recordSourceKeys from './migrations/0006_record_source_keys.js';
import * as accessRequests from './migrations/0003_access_requests.js';
import * as search from './migrations/0007_search.js';
import * as renderings from './migrations/0008_renderings.js';
import * as harvestFactsIndex from './migrations/0009_harvest_facts_index.js';
import * as harvestOrderIndex from './migrations/0010_harvest_order_index.js';
import * as accessionLookupIndex from './migrations/0011_accession_lookup_index.js';

interface Migration {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Migrations are listed here in order, so they load the same from src/ and from the compiled dist/. */
const MIGRATIONS: Array<[string, Migration]> = [
  ['0001_initial', initial],
  ['0002_review_links', reviewLinks],
  ['0003_access_requests', accessRequests],
  ['0004_doi_registrations', doiRegistrations],
  ['0005_harvest_sources', harvestSources],
  ['0006_record_source_keys', recordSourceKeys],
  ['0007_search', search],
  ['0008_renderings', renderings],
  ['0009_harvest_facts_index', harvestFactsIndex],
  ['0010_harvest_order_index', harvestOrderIndex],
  ['0011_accession_lookup_index', accessionLookupIndex],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource });
  return applied as string[];
}
