/**
 * Full-text search and facet counts over public records: FTS5 on SQLite, a tsvector on PostgreSQL.
 * Every query starts from the public list filter, so nothing else is matched or counted.
 */
import type { Knex } from 'knex';
import type { ListFilter } from '../policy/visibility.js';
import { applyListFilter } from './record-store.js';

export type PublicFilter = Extract<ListFilter, { kind: 'public' }>;

export const FACET_NAMES = ['type', 'access', 'licence', 'source', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

const FACET_COLUMNS: Record<FacetName, string> = {
  type: 'resource_type',
  access: 'access_level',
  licence: 'licence_id',
  source: 'source_set',
  year: 'publication_year',
};

export interface SearchQuery {
  filter: PublicFilter;
  /** Words that must all occur; none lists every public record, newest first. */
  words: string[];
  facets: Partial<Record<FacetName, string>>;
  /** 1-based page number. */
  page: number;
  limit: number;
  /** How many values to count per facet. */
  facetLimit?: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  /** Matching record ids, best first. */
  ids: number[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/** One FTS5 phrase per word, so no word is read as query syntax. */
function ftsQuery(words: string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
}

/** Public records matching the words and the chosen facet values, without ordering. */
function matching(db: Knex, query: SearchQuery): Knex.QueryBuilder {
  const builder = db('records');
  applyListFilter(builder, query.filter);
  if (query.words.length) {
    if (isPostgres(db)) builder.whereRaw("records.search_vector @@ plainto_tsquery('english', ?)", [query.words.join(' ')]);
    else builder.whereRaw('records.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)', [ftsQuery(query.words)]);
  }
  for (const name of FACET_NAMES) {
    const value = query.facets[name];
    if (value === undefined) continue;
    if (name === 'year') {
      const year = Number(value);
      if (!Number.isInteger(year)) builder.whereRaw('1 = 0');
      else builder.where(FACET_COLUMNS.year, year);
    } else {
      builder.where(FACET_COLUMNS[name], value);
    }
  }
  return builder;
}

export async function searchPublicRecords(db: Knex, query: SearchQuery): Promise<SearchResult> {
  const offset = (query.page - 1) * query.limit;
  let ids: number[];
  if (query.words.length && !isPostgres(db)) {
    const rows = (await matching(db, query)
      .join(db.raw('(SELECT rowid AS fts_id, bm25(records_fts) AS rank FROM records_fts WHERE records_fts MATCH ?) AS hits', [ftsQuery(query.words)]), 'hits.fts_id', 'records.id')
      .select('records.id')
      .orderBy([{ column: 'hits.rank', order: 'asc' }, { column: 'records.id', order: 'desc' }])
      .offset(offset)
      .limit(query.limit)) as Array<{ id: number }>;
    ids = rows.map((row) => Number(row.id));
  } else if (query.words.length) {
    const rows = (await matching(db, query)
      .select('records.id', db.raw("ts_rank(records.search_vector, plainto_tsquery('english', ?), 1) AS rank", [query.words.join(' ')]))
      .orderBy([{ column: 'rank', order: 'desc' }, { column: 'records.id', order: 'desc' }])
      .offset(offset)
      .limit(query.limit)) as Array<{ id: number }>;
    ids = rows.map((row) => Number(row.id));
  } else {
    const rows = (await matching(db, query).select('records.id').orderBy('records.id', 'desc').offset(offset).limit(query.limit)) as Array<{ id: number }>;
    ids = rows.map((row) => Number(row.id));
  }
  const [totalRow] = (await matching(db, query).count({ count: '*' })) as Array<{ count: number | string }>;
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const name of FACET_NAMES) {
    const column = FACET_COLUMNS[name];
    const rows = (await matching(db, query)
      .whereNotNull(column)
      .select({ value: column })
      .count({ count: '*' })
      .groupBy(column)
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'value', order: name === 'year' ? 'desc' : 'asc' }])
      .limit(query.facetLimit ?? 20)) as Array<{ value: string | number; count: number | string }>;
    facets[name] = rows.map((row) => ({ value: String(row.value), count: Number(row.count) }));
  }
  return { ids, total: Number(totalRow?.count ?? 0), facets };
}

export interface SitemapEntry {
  accession: string;
  datestamp: string;
}

export async function countPublicRecords(db: Knex, filter: PublicFilter): Promise<number> {
  const query = db('records');
  applyListFilter(query, filter);
  const [row] = (await query.count({ count: '*' })) as Array<{ count: number | string }>;
  return Number(row?.count ?? 0);
}

/** Public records in id order, from the record after `afterId`. */
export async function publicRecordEntries(db: Knex, filter: PublicFilter, afterId: number, limit: number): Promise<Array<SitemapEntry & { id: number }>> {
  const query = db('records').select('id', 'accession', 'datestamp').where('id', '>', afterId);
  applyListFilter(query, filter);
  const rows = (await query.orderBy('id').limit(limit)) as Array<{ id: number; accession: string; datestamp: string }>;
  return rows.map((row) => ({ id: Number(row.id), accession: row.accession, datestamp: row.datestamp }));
}

/** The id just before the public record at this position (0-based) in id order; the start of a sitemap page. */
export async function publicIdBefore(db: Knex, filter: PublicFilter, position: number): Promise<number | undefined> {
  if (position === 0) return 0;
  const query = db('records').select('id');
  applyListFilter(query, filter);
  const row = (await query.orderBy('id').offset(position - 1).first()) as { id: number } | undefined;
  return row ? Number(row.id) : undefined;
}
