import type { Knex } from 'knex';
import type { Config } from '../config.js';

/** What every use case runs with: the database, the configuration, the signing secret and the clock. */
export interface ServiceContext {
  db: Knex;
  config: Config;
  /** Signs resumption tokens and reviewer links (FAIRHARBOR_SECRET, or generated once and kept in the database). */
  secret: string;
  now(): Date;
  /**
   * Set inside a transaction that is rolled back whole when any write in it fails (a batch of imports):
   * writes then run in it directly, without a savepoint of their own.
   */
  allOrNothing?: Knex.Transaction;
}

/**
 * Runs `work` in a transaction: a savepoint of its own when the caller is already in one, so that a
 * failure undoes this write alone; or, under `allOrNothing`, the caller's transaction itself.
 */
export function inTransaction<T>(context: ServiceContext, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return context.allOrNothing ? work(context.allOrNothing) : context.db.transaction(work);
}
