/**
 * What a record write asks of DataCite, queued in the write's own transaction (the outbox of
 * doi-registration.ts), and the DOIs the repository mints.
 */
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { ValidationError } from '../model/errors.js';
import { mintDoiSuffix } from '../model/doi-suffix.js';
import { doiKey } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { effectiveStatus } from '../policy/visibility.js';
import { queueRegistration, type DataCiteState } from '../store/doi-registration-store.js';
import { holderOf } from '../store/record-store.js';

/** Registration is on, and the DOI is under the repository's prefix. */
export function registersDoi(config: Config, doi: string | undefined): boolean {
  return Boolean(config.dataCite && doi && doiKey(doi).startsWith(`${config.dataCite.prefix}/`));
}

/**
 * Not yet released: draft. Released: findable when its metadata is public, registered when private.
 * Withdrawn after being public: registered (hidden from DataCite's search, resolving to the tombstone).
 */
export function targetState(record: FairRecord, publicSince: string | null, now: Date): DataCiteState {
  if (record.status === 'withdrawn') return publicSince !== null && publicSince <= now.toISOString() ? 'registered' : 'draft';
  if (effectiveStatus({ status: record.status, releaseDate: record.access.releaseDate }, now) !== 'released') return 'draft';
  return record.access.level === 'private' ? 'registered' : 'findable';
}

/** Queues the record's DOI, in the caller's transaction, when the repository registers it. */
export async function queueDoiRegistration(trx: Knex, config: Config, stored: { id: number; publicSince: string | null }, record: FairRecord, now: Date): Promise<void> {
  if (!record.doi || !registersDoi(config, record.doi)) return;
  await queueRegistration(trx, stored.id, record.doi, targetState(record, stored.publicSince, now), now.toISOString());
}

/** A new DOI under the repository's prefix, free here; DataCite confirms it is free when the draft is reserved. */
export async function mintDoi(trx: Knex, config: Config): Promise<string> {
  if (!config.dataCite) {
    throw new ValidationError([{ field: '/mintDoi', rule: 'configuration', message: 'DOI registration is not configured here (the DATACITE_* settings), so no DOI can be minted' }]);
  }
  // Nine random base-32 characters: a clash is all but impossible, and a few tries make it so.
  for (let attempt = 0; attempt < 5; attempt++) {
    const doi = `${config.dataCite.prefix}/${mintDoiSuffix()}`;
    if (!(await holderOf(trx, 'doi_key', doiKey(doi)))) return doi;
  }
  throw new Error('could not mint a DOI that is not taken');
}
