/**
 * Queries for harvesting: keyset pages in datestamp order, counts, the earliest datestamp and the
 * values that sets are made of. Every query takes the visibility filter from policy/.
 */
import type { Knex } from 'knex';
import type { ListFilter } from '../policy/visibility.js';
import { compiledQuery } from './compiled-query.js';
import { applyListFilter, couldBeStored, type RecordRow } from './record-store.js';

/** Set membership, as the store can test it. Omitted values mean the whole branch of the hierarchy. */
export type SetCondition =
  | { kind: 'source'; name?: string }
  | { kind: 'access'; level?: string }
  | { kind: 'type'; resourceType?: string }
  | { kind: 'collection'; spec?: string }
  | { kind: 'all' };

export interface HarvestSelection {
  filter: ListFilter;
  /** Inclusive lower bound on the datestamp (ISO with milliseconds). */
  from?: string;
  /** Exclusive upper bound on the datestamp. */
  before?: string;
  set?: SetCondition;
  /** Only this record. */
  accession?: string;
}

export interface HarvestRow {
  id: number;
  accession: string;
  datestamp: string;
  document: string;
  collections: string[];
}

/** Which stored rendering a page wants, and what it must have been rendered with to be served. */
export interface RenderingWanted {
  format: string;
  fingerprint: string;
  /** Today (UTC): renderings valid only until today or earlier are no longer served. */
  today: string;
}

/**
 * Joins `rendering` to `records` where it is current (ADR 10): made from the record's present revision,
 * with the present renderers and configuration, and not past the day time changes the record's view.
 */
export function onCurrentRendering(db: Knex, join: Knex.JoinClause, current: Omit<RenderingWanted, 'format'>): Knex.JoinClause {
  return join
    .on('rendering.record_id', '=', 'records.id')
    .andOn('rendering.revision', '=', 'records.revision')
    .andOn('rendering.fingerprint', '=', db.raw('?', [current.fingerprint]))
    .andOn((valid) => valid.onNull('rendering.valid_until').orOn('rendering.valid_until', '>', db.raw('?', [current.today])));
}

/** A page row: its stored rendering when a current one exists, else the record's row to render now. */
export type HarvestPageRow = { id: number; datestamp: string; rendered: string } | (HarvestRow & { rendered?: undefined });

/**
 * The records table, to look records up by accession through the index that holds everything such a
 * lookup reads (migration 0011). Without statistics SQLite's planner prefers the unique index on the
 * accession alone, and then reads each record's row with its document.
 */
export function recordsByAccession(db: Knex): Knex.QueryBuilder {
  return String(db.client.config.client) === 'better-sqlite3' ? db.from(db.raw('?? indexed by ??', ['records', 'records_accession_lookup'])) : db('records');
}

function select(db: Knex, selection: HarvestSelection): Knex.QueryBuilder {
  const query: Knex.QueryBuilder = selection.accession !== undefined ? recordsByAccession(db) : db<RecordRow>('records');
  applyListFilter(query, selection.filter);
  if (selection.from) query.where('datestamp', '>=', selection.from);
  if (selection.before) query.where('datestamp', '<', selection.before);
  if (selection.accession !== undefined) query.where('accession', couldBeStored(selection.accession) ? selection.accession : '');
  const set = selection.set;
  if (set) {
    switch (set.kind) {
      case 'source':
        if (set.name) query.where('source_set', set.name);
        else query.whereNotNull('source_set');
        break;
      case 'access':
        if (set.level) query.where('access_level', set.level);
        break;
      case 'type':
        if (set.resourceType) query.where('resource_type', set.resourceType);
        break;
      case 'collection': {
        const members = db('collection_records').join('collections', 'collections.id', 'collection_records.collection_id').select('collection_records.record_id');
        if (set.spec) members.where('collections.spec', set.spec);
        query.whereIn('id', members);
        break;
      }
      case 'all':
        break;
    }
  }
  return query;
}

export async function collectionsOf(db: Knex, recordIds: number[]): Promise<Map<number, string[]>> {
  const byRecord = new Map<number, string[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db('collection_records')
    .join('collections', 'collections.id', 'collection_records.collection_id')
    .whereIn('collection_records.record_id', recordIds)
    .orderBy('collections.spec')
    .select('collection_records.record_id as record_id', 'collections.spec as spec');
  for (const row of rows) {
    const id = Number(row.record_id);
    byRecord.set(id, [...(byRecord.get(id) ?? []), row.spec]);
  }
  return byRecord;
}

async function withCollections(db: Knex, rows: RecordRow[]): Promise<HarvestRow[]> {
  const collections = await collectionsOf(db, rows.map((r) => Number(r.id)));
  return rows.map((row) => ({
    id: Number(row.id),
    accession: row.accession,
    datestamp: row.datestamp,
    document: typeof row.document === 'string' ? row.document : JSON.stringify(row.document),
    collections: collections.get(Number(row.id)) ?? [],
  }));
}

/** The next page after a (datestamp, id) position, in datestamp order: page N costs what page 1 costs. */
export async function harvestPage(db: Knex, selection: HarvestSelection, after: { datestamp: string; id: number } | undefined, limit: number): Promise<HarvestRow[]> {
  const query = select(db, selection).select('id', 'accession', 'datestamp', 'document');
  if (after) query.whereRaw('(datestamp, id) > (?, ?)', [after.datestamp, after.id]);
  const rows = (await query.orderBy([{ column: 'datestamp' }, { column: 'id' }]).limit(limit)) as RecordRow[];
  return withCollections(db, rows);
}

/**
 * Like harvestPage, but a record with a current stored rendering comes as that rendering alone. The page
 * is read from the covering index records_harvest_order and the renderings, without touching a record's
 * row; only records still waiting for their rendering are read whole, in a second query.
 */
type PageRow = { id: number; datestamp: string; rendered: string | null };

/** What varies between harvest page queries besides their values: each shape is compiled once. */
interface PageShape {
  filter: ListFilter['kind'];
  from: boolean;
  before: boolean;
  set?: { kind: SetCondition['kind']; named: boolean };
  accession: boolean;
  after: boolean;
  limit: number;
}

type PageValues = FilterValues & {
  from: string;
  before: string;
  setValue: string;
  accession: string;
  afterDatestamp: string;
  afterId: number;
  format: string;
  fingerprint: string;
  today: string;
};

/** The values of a visibility filter, under the names `filterOfKind` marks them with. */
export type FilterValues = {
  filterToday: string;
  filterNow: string;
  filterOwner: number;
};

/** A visibility filter of `kind` with markers for its values, for a query compiled once per kind. */
export function filterOfKind(kind: ListFilter['kind'], value: (name: keyof FilterValues) => string): ListFilter {
  if (kind === 'everything') return { kind };
  if (kind === 'public') return { kind, today: value('filterToday') };
  if (kind === 'harvestable') return { kind, today: value('filterToday'), now: value('filterNow') };
  return { kind, today: value('filterToday'), ownerId: value('filterOwner') as unknown as number };
}

export function filterValues(filter: ListFilter): FilterValues {
  return {
    filterToday: 'today' in filter ? filter.today : '',
    filterNow: filter.kind === 'harvestable' ? filter.now : '',
    filterOwner: filter.kind === 'public-or-owned' ? filter.ownerId : 0,
  };
}

/** Where each kind of set keeps the value that names one set of its kind. */
const SET_VALUE_FIELD = { source: 'name', access: 'level', type: 'resourceType', collection: 'spec', all: undefined } as const;

function setValueOf(set: SetCondition | undefined): string | undefined {
  const field = set && SET_VALUE_FIELD[set.kind];
  return field ? (set as Record<string, string | undefined>)[field] : undefined;
}

function setWithMarker(set: PageShape['set'], value: (name: 'setValue') => string): SetCondition | undefined {
  if (!set) return undefined;
  const field = SET_VALUE_FIELD[set.kind];
  return { kind: set.kind, ...(field && set.named ? { [field]: value('setValue') } : {}) } as SetCondition;
}

const renderedPageQuery = compiledQuery<PageValues, PageRow>((db, value, shapeKey) => {
  const shape = JSON.parse(shapeKey) as PageShape;
  const selection: HarvestSelection = {
    filter: filterOfKind(shape.filter, value),
    from: shape.from ? value('from') : undefined,
    before: shape.before ? value('before') : undefined,
    set: setWithMarker(shape.set, value),
    accession: shape.accession ? value('accession') : undefined,
  };
  const query = select(db, selection)
    .leftJoin('record_renderings as rendering', (join) =>
      onCurrentRendering(db, join, { fingerprint: value('fingerprint'), today: value('today') }).andOn('rendering.format', '=', db.raw('?', [value('format')])),
    )
    .select('records.id', 'records.datestamp', 'rendering.body as rendered');
  if (shape.after) query.whereRaw('(records.datestamp, records.id) > (?, ?)', [value('afterDatestamp'), value('afterId')]);
  return query.orderBy([{ column: 'records.datestamp' }, { column: 'records.id' }]).limit(shape.limit);
});

/**
 * Like harvestPage, but a record with a current stored rendering comes as that rendering alone. The page
 * is read from the covering index records_harvest_order and the renderings, without touching a record's
 * row; only records still waiting for their rendering are read whole, in a second query.
 */
export async function harvestRenderedPage(
  db: Knex,
  selection: HarvestSelection,
  after: { datestamp: string; id: number } | undefined,
  limit: number,
  wanted: RenderingWanted,
): Promise<HarvestPageRow[]> {
  const { filter, set } = selection;
  const setValue = setValueOf(set);
  const shape: PageShape = {
    filter: filter.kind,
    from: selection.from !== undefined,
    before: selection.before !== undefined,
    set: set && { kind: set.kind, named: setValue !== undefined },
    accession: selection.accession !== undefined,
    after: after !== undefined,
    limit,
  };
  const rows = await renderedPageQuery(db, JSON.stringify(shape), {
    ...filterValues(filter),
    from: selection.from ?? '',
    before: selection.before ?? '',
    setValue: setValue ?? '',
    accession: selection.accession !== undefined && couldBeStored(selection.accession) ? selection.accession : '',
    afterDatestamp: after?.datestamp ?? '',
    afterId: after?.id ?? 0,
    format: wanted.format,
    fingerprint: wanted.fingerprint,
    today: wanted.today,
  });
  const unrendered = rows.filter((row) => row.rendered == null).map((row) => Number(row.id));
  const whole = new Map((await withCollections(db, unrendered.length ? ((await db('records').whereIn('id', unrendered).select('id', 'accession', 'datestamp', 'document')) as RecordRow[]) : [])).map((row) => [row.id, row]));
  return rows.map((row) => (row.rendered != null ? { id: Number(row.id), datestamp: row.datestamp, rendered: row.rendered } : whole.get(Number(row.id))!));
}

export async function countHarvest(db: Knex, selection: HarvestSelection): Promise<number> {
  const row = await select(db, selection).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function findHarvestable(db: Knex, filter: ListFilter, accession: string): Promise<HarvestRow | undefined> {
  const rows = (await select(db, { filter }).where('accession', accession).select('id', 'accession', 'datestamp', 'document')) as RecordRow[];
  return (await withCollections(db, rows))[0];
}

export async function earliestDatestamp(db: Knex, filter: ListFilter): Promise<string | undefined> {
  const row = await select(db, { filter }).min({ earliest: 'datestamp' }).first();
  return row?.earliest ?? undefined;
}

export interface SetInventory {
  sources: Array<{ name: string; repository: string }>;
  accessLevels: string[];
  resourceTypes: string[];
}

/** The values present among the records a filter admits, so that no set betrays a record it hides. */
export async function setInventory(db: Knex, filter: ListFilter): Promise<SetInventory> {
  const sources = (await select(db, { filter })
    .whereNotNull('source_set')
    .groupBy('source_set')
    .select('source_set as name')
    .min({ repository: 'source_repository' })
    .orderBy('source_set')) as Array<{ name: string; repository: string }>;
  const accessLevels = (await select(db, { filter }).distinct('access_level').orderBy('access_level')).map((r: { access_level: string }) => r.access_level);
  const resourceTypes = (await select(db, { filter }).distinct('resource_type').orderBy('resource_type')).map((r: { resource_type: string }) => r.resource_type);
  return { sources, accessLevels, resourceTypes };
}
