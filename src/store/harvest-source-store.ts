/** The harvested OAI-PMH sources and the checkpoints of their runs (migration 0005). */
import type { Knex } from 'knex';

export type HarvestStatus = 'idle' | 'running' | 'succeeded' | 'failed';

export interface HarvestSourceRow {
  id: number;
  name: string;
  base_url: string;
  metadata_prefix: string | null;
  set_spec: string | null;
  last_success_from: string | null;
  run_started_at: string | null;
  run_from: string | null;
  run_until: string | null;
  resumption_token: string | null;
  pages_done: number;
  records_seen: number;
  status: HarvestStatus;
  last_error: string | null;
  last_summary: string | null;
  created_at: string;
  updated_at: string;
}

/** Where a run stands after a page: written once the page is imported. */
export interface Checkpoint {
  run_started_at: string;
  run_from: string | null;
  run_until: string | null;
  resumption_token: string | null;
  pages_done: number;
  records_seen: number;
}

const NO_RUN = { run_started_at: null, run_from: null, run_until: null, resumption_token: null, pages_done: 0, records_seen: 0 };

function toRow(row: Record<string, unknown>): HarvestSourceRow {
  return { ...(row as unknown as HarvestSourceRow), id: Number(row.id), pages_done: Number(row.pages_done), records_seen: Number(row.records_seen) };
}

export async function findHarvestSource(db: Knex, name: string): Promise<HarvestSourceRow | undefined> {
  const row = await db('harvest_sources').where({ name }).first();
  return row ? toRow(row) : undefined;
}

export async function listHarvestSources(db: Knex): Promise<HarvestSourceRow[]> {
  return (await db('harvest_sources').orderBy('name')).map(toRow);
}

export async function insertHarvestSource(
  db: Knex,
  source: { name: string; base_url: string; metadata_prefix: string | null; set_spec: string | null },
  now: string,
): Promise<void> {
  await db('harvest_sources').insert({ ...source, ...NO_RUN, status: 'idle', created_at: now, updated_at: now });
}

export async function deleteHarvestSource(db: Knex, name: string): Promise<boolean> {
  return (await db('harvest_sources').where({ name }).delete()) > 0;
}

export async function setMetadataPrefix(db: Knex, name: string, prefix: string, now: string): Promise<void> {
  await db('harvest_sources').where({ name }).update({ metadata_prefix: prefix, updated_at: now });
}

/** A run starts, resumes, or has imported one more page. */
export async function writeCheckpoint(db: Knex, name: string, checkpoint: Checkpoint, now: string): Promise<void> {
  await db('harvest_sources').where({ name }).update({ ...checkpoint, status: 'running', last_error: null, updated_at: now });
}

/** The run is over: its start is the next run's `from`, and its checkpoint goes. */
export async function finishRun(db: Knex, name: string, runStartedAt: string, summary: string, now: string): Promise<void> {
  await db('harvest_sources')
    .where({ name })
    .update({ ...NO_RUN, last_success_from: runStartedAt, status: 'succeeded', last_error: null, last_summary: summary, updated_at: now });
}

/** The run stopped on an error; its checkpoint stays, so the next run resumes there. */
export async function failRun(db: Knex, name: string, error: string, summary: string, now: string): Promise<void> {
  await db('harvest_sources').where({ name }).update({ status: 'failed', last_error: error, last_summary: summary, updated_at: now });
}
