import type { Knex } from 'knex';
import type { Config } from '../config.js';

/** What every use case runs with: the database, the configuration, the signing secret and the clock. */
export interface ServiceContext {
  db: Knex;
  config: Config;
  /** Signs resumption tokens and reviewer links (FAIRHARBOR_SECRET, or generated once and kept in the database). */
  secret: string;
  now(): Date;
}
