import type { Knex } from 'knex';
import type { Config } from '../config.js';

/** What every use case runs with: the database, the configuration and the clock. */
export interface ServiceContext {
  db: Knex;
  config: Config;
  now(): Date;
}
