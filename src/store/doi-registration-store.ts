/** The DOI registration outbox (migration 0004). */
import type { Knex } from 'knex';

export type DataCiteState = 'draft' | 'registered' | 'findable';
export type RegistrationStatus = 'pending' | 'done' | 'failed';

export interface RegistrationRow {
  id: number;
  record_id: number;
  doi: string;
  target_state: DataCiteState;
  datacite_state: DataCiteState | null;
  status: RegistrationStatus;
  generation: number;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  updated_at: string;
}

function toRow(row: Record<string, unknown>): RegistrationRow {
  return { ...(row as unknown as RegistrationRow), id: Number(row.id), record_id: Number(row.record_id), generation: Number(row.generation), attempts: Number(row.attempts) };
}

export async function registrationOf(db: Knex, recordId: number): Promise<RegistrationRow | undefined> {
  const row = await db('doi_registrations').where({ record_id: recordId }).first();
  return row ? toRow(row) : undefined;
}

/** Asks for the record's DOI to reach `target`: a new generation, due now. */
export async function queueRegistration(db: Knex, recordId: number, doi: string, target: DataCiteState, now: string): Promise<void> {
  const existing = await registrationOf(db, recordId);
  if (!existing) {
    await db('doi_registrations').insert({ record_id: recordId, doi, target_state: target, status: 'pending', generation: 1, attempts: 0, next_attempt_at: now, updated_at: now });
    return;
  }
  // A different DOI is a new registration: what DataCite confirmed was about the old one.
  const datacite_state = existing.doi === doi ? existing.datacite_state : null;
  await db('doi_registrations')
    .where({ id: existing.id })
    .update({ doi, target_state: target, datacite_state, status: 'pending', generation: existing.generation + 1, attempts: 0, next_attempt_at: now, last_error: null, updated_at: now });
}

/** Registrations due for sending and not claimed by a sender now. */
export async function dueRegistrations(db: Knex, now: string, limit: number): Promise<RegistrationRow[]> {
  const rows = await db('doi_registrations')
    .where('status', 'pending')
    .andWhere('next_attempt_at', '<=', now)
    .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .orderBy('next_attempt_at')
    .limit(limit);
  return rows.map(toRow);
}

/** Takes a registration for one sender; false when another took it first. */
export async function claimRegistration(db: Knex, id: number, now: string, until: string): Promise<boolean> {
  const taken = await db('doi_registrations')
    .where({ id })
    .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .update({ claimed_until: until });
  return taken === 1;
}

export interface SendOutcome {
  datacite_state?: DataCiteState | null;
  status: RegistrationStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

/**
 * Records what a send achieved. If the record changed while it was sent (a newer generation), the row stays
 * pending so the newer state is sent too.
 */
export async function finishSend(db: Knex, claimed: RegistrationRow, outcome: SendOutcome, now: string): Promise<void> {
  const changed = await db('doi_registrations')
    .where({ id: claimed.id, generation: claimed.generation })
    .update({ ...outcome, claimed_until: null, updated_at: now });
  if (changed === 0) {
    const confirmed = outcome.datacite_state === undefined ? {} : { datacite_state: outcome.datacite_state };
    await db('doi_registrations').where({ id: claimed.id }).update({ ...confirmed, claimed_until: null, updated_at: now });
  }
}

/** Sends every registration again (or one record's): `fairharbor doi sync`. */
export async function requeueRegistrations(db: Knex, now: string, recordId?: number): Promise<number> {
  const query = db('doi_registrations');
  if (recordId !== undefined) query.where({ record_id: recordId });
  return query.update({ status: 'pending', attempts: 0, next_attempt_at: now, claimed_until: null, updated_at: now });
}

export async function failedRegistrations(db: Knex): Promise<RegistrationRow[]> {
  return (await db('doi_registrations').where('status', 'failed').orderBy('id')).map(toRow);
}
