/**
 * Stored renderings: which records wait for (re)rendering, and saving what was rendered — only if the
 * record has not been written again meanwhile, so a rendering never outlives the revision it was made from.
 */
import type { Knex } from 'knex';
import { collectionsOf } from './harvest-store.js';

export interface RecordToRender {
  id: number;
  revision: number;
  datestamp: string;
  document: string;
  collections: string[];
}

export interface Rendered {
  id: number;
  revision: number;
  /** The day from which the record's view changes with time (a release date, an embargo end); none if never. */
  validUntil?: string;
  bodies: Record<string, string>;
}

export async function recordsToRender(db: Knex, limit: number): Promise<RecordToRender[]> {
  const rows = await db('records').where('needs_rendering', true).orderBy('id').limit(limit).select('id', 'revision', 'datestamp', 'document');
  const collections = await collectionsOf(db, rows.map((row) => Number(row.id)));
  return rows.map((row) => ({
    id: Number(row.id),
    revision: Number(row.revision),
    datestamp: row.datestamp,
    document: typeof row.document === 'string' ? row.document : JSON.stringify(row.document),
    collections: collections.get(Number(row.id)) ?? [],
  }));
}

/** Saves the renderings of records still at the revision they were rendered from; returns how many were saved. */
export async function saveRenderings(db: Knex, fingerprint: string, rendered: Rendered[]): Promise<number> {
  return db.transaction(async (trx) => {
    let saved = 0;
    for (const record of rendered) {
      const current = await trx('records').where({ id: record.id, revision: record.revision }).update({ needs_rendering: false });
      if (current === 0) continue;
      const rows = Object.entries(record.bodies).map(([format, body]) => ({
        record_id: record.id,
        format,
        revision: record.revision,
        fingerprint,
        valid_until: record.validUntil ?? null,
        body,
      }));
      await trx('record_renderings').insert(rows).onConflict(['record_id', 'format']).merge();
      saved++;
    }
    return saved;
  });
}

/** Asks for every record to be rendered again: the renderers or what they depend on have changed. */
export async function requestRenderingOfAll(db: Knex): Promise<number> {
  return db('records').update({ needs_rendering: true });
}

/** Asks for records whose renderings have expired (their release or embargo day has come) to be rendered again. */
export async function requestRenderingOfExpired(db: Knex, today: string): Promise<number> {
  return db('records')
    .whereIn('id', db('record_renderings').where('valid_until', '<=', today).select('record_id'))
    .where('needs_rendering', false)
    .update({ needs_rendering: true });
}

export async function countRecordsToRender(db: Knex): Promise<number> {
  const row = await db('records').where('needs_rendering', true).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
