/**
 * Stored renderings: which records wait for (re)rendering, and saving what was rendered — only if the
 * record has not been written again meanwhile, so a rendering never outlives the revision it was made from.
 */
import type { Knex } from 'knex';
import type { ListFilter } from '../policy/visibility.js';
import { compiledQuery } from './compiled-query.js';
import { collectionsOf, filterOfKind, filterValues, onCurrentRendering, recordsByAccession, type FilterValues } from './harvest-store.js';
import { applyListFilter, couldBeStored } from './record-store.js';

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
  // The bare column, not `= true`: SQLite uses the partial index only for a condition that names it so.
  const rows = await db('records').whereRaw('needs_rendering').orderBy('id').limit(limit).select('id', 'revision', 'datestamp', 'document');
  const collections = await collectionsOf(db, rows.map((row) => Number(row.id)));
  return rows.map((row) => ({
    id: Number(row.id),
    revision: Number(row.revision),
    datestamp: row.datestamp,
    document: typeof row.document === 'string' ? row.document : JSON.stringify(row.document),
    collections: collections.get(Number(row.id)) ?? [],
  }));
}

/**
 * The order a batch's renderings are written in, as groups of formats: the formats one request reads
 * together, then each other format alone. Rows lie on disk in the order they are first written.
 */
function layoutGroups(formats: string[], readTogether: string[][]): string[][] {
  const grouped = new Set(readTogether.flat());
  return [...readTogether, ...formats.filter((format) => !grouped.has(format)).map((format) => [format])];
}

/**
 * Saves the renderings of records still at the revision they were rendered from; returns how many were
 * saved. A batch's renderings are written format by format, so that the rows one harvest reads (one
 * format) lie together on disk rather than between the other formats of each record; formats read
 * together (`readTogether`) are written record by record, so that one request finds them side by side.
 */
export async function saveRenderings(db: Knex, fingerprint: string, rendered: Rendered[], readTogether: string[][] = []): Promise<number> {
  return db.transaction(async (trx) => {
    const current: Rendered[] = [];
    for (const record of rendered) {
      if ((await trx('records').where({ id: record.id, revision: record.revision }).update({ needs_rendering: false })) > 0) current.push(record);
    }
    const formats = [...new Set(current.flatMap((record) => Object.keys(record.bodies)))];
    for (const group of layoutGroups(formats, readTogether)) {
      const rows = current.flatMap((record) =>
        group.flatMap((format) =>
          record.bodies[format] === undefined
            ? []
            : [{ record_id: record.id, format, revision: record.revision, fingerprint, valid_until: record.validUntil ?? null, body: record.bodies[format] }],
        ),
      );
      // A few rows per statement: bodies are kilobytes, and statements have a limit on parameters.
      for (let i = 0; i < rows.length; i += 100) await trx('record_renderings').insert(rows.slice(i, i + 100)).onConflict(['record_id', 'format']).merge();
    }
    return current.length;
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
  const row = await db('records').whereRaw('needs_rendering').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

type PublicRenderingsValues = FilterValues & { accession: string; fingerprint: string; today: string } & Record<`format${number}`, string>;

// Compiled once per filter kind and number of formats: this lookup answers every request for a landing page's JSON-LD.
const publicRenderingsQuery = compiledQuery<PublicRenderingsValues, { format: string; body: string; updated_at: string }>((db, value, shape) => {
  const [kind, formats] = shape.split(':') as [ListFilter['kind'], string];
  const query = recordsByAccession(db)
    .join('record_renderings as rendering', (join) => onCurrentRendering(db, join, { fingerprint: value('fingerprint'), today: value('today') }))
    .where('records.accession', value('accession'))
    .whereIn(
      'rendering.format',
      Array.from({ length: Number(formats) }, (_, i) => value(`format${i}`)),
    )
    .select('rendering.format', 'rendering.body', 'records.updated_at');
  applyListFilter(query, filterOfKind(kind, value));
  return query;
});

/** The stored renderings `formats` of a record the filter admits, if every one is current. */
export async function publicRenderings(
  db: Knex,
  filter: ListFilter,
  accession: string,
  formats: string[],
  current: { fingerprint: string; today: string },
): Promise<{ bodies: Record<string, string>; updated: string } | undefined> {
  const values = {
    accession: couldBeStored(accession) ? accession : '',
    fingerprint: current.fingerprint,
    today: current.today,
    ...filterValues(filter),
    ...Object.fromEntries(formats.map((format, i) => [`format${i}`, format])),
  } as PublicRenderingsValues;
  const rows = await publicRenderingsQuery(db, `${filter.kind}:${formats.length}`, values);
  if (rows.length !== formats.length) return undefined;
  return { bodies: Object.fromEntries(rows.map((row) => [row.format, row.body])), updated: rows[0]!.updated_at };
}
