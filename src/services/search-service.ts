/**
 * Public search, browsing and the sitemap: what anyone may find. Every query runs under the public list
 * filter, and every record found is checked again before it is shown.
 */
import { DomainError } from '../model/errors.js';
import type { FairRecord } from '../model/schema.js';
import { ANONYMOUS } from '../policy/principal.js';
import { isPublic, listFilter, type ListFilter } from '../policy/visibility.js';
import { findRecordById } from '../store/record-store.js';
import {
  FACET_NAMES,
  countPublicRecords,
  publicIdBefore,
  publicRecordEntries,
  searchPublicRecords,
  type FacetCount,
  type FacetName,
  type PublicFilter,
  type SitemapEntry,
} from '../store/search-store.js';
import type { ServiceContext } from './context.js';
import { presentRecord, visibilityFacts } from './record-service.js';

export { FACET_NAMES, type FacetCount, type FacetName, type SitemapEntry };

export const SEARCH_PAGE_SIZE = 20;
/** Deeper pages than this are refused: search ranks by relevance, and nobody reads page 500. */
export const MAX_SEARCH_PAGE = 500;
/** The sitemaps.org limit on URLs in one sitemap. */
export const SITEMAP_PAGE_SIZE = 50_000;

export interface SearchRequest {
  q?: string;
  facets?: Partial<Record<FacetName, string>>;
  page?: number;
  pageSize?: number;
}

export interface SearchPage {
  q: string;
  facets: Partial<Record<FacetName, string>>;
  records: FairRecord[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  facetCounts: Record<FacetName, FacetCount[]>;
}

function publicFilter(now: Date): PublicFilter {
  const filter: ListFilter = listFilter(ANONYMOUS, now);
  if (filter.kind !== 'public') throw new Error('the anonymous list filter must be the public one');
  return filter;
}

export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 20);
}

export async function searchRecords(context: ServiceContext, request: SearchRequest): Promise<SearchPage> {
  const pageSize = request.pageSize ?? SEARCH_PAGE_SIZE;
  const page = request.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_SEARCH_PAGE) throw new DomainError('bad_request', `page must be an integer from 1 to ${MAX_SEARCH_PAGE}`, 'page');
  const q = (request.q ?? '').slice(0, 500);
  const facets: Partial<Record<FacetName, string>> = {};
  for (const name of FACET_NAMES) {
    const value = request.facets?.[name]?.trim();
    if (value) facets[name] = value.slice(0, 200);
  }
  const now = context.now();
  const result = await searchPublicRecords(context.db, { filter: publicFilter(now), words: searchWords(q), facets, page, limit: pageSize });
  const records: FairRecord[] = [];
  for (const id of result.ids) {
    const stored = await findRecordById(context.db, id);
    if (stored && isPublic(visibilityFacts(stored), now)) records.push(presentRecord(stored.record, now));
  }
  return { q, facets, records, total: result.total, page, pageSize, pageCount: Math.max(1, Math.ceil(result.total / pageSize)), facetCounts: result.facets };
}

/** How many sitemap pages the public records fill. */
export async function sitemapPageCount(context: ServiceContext, pageSize = SITEMAP_PAGE_SIZE): Promise<number> {
  const count = await countPublicRecords(context.db, publicFilter(context.now()));
  return Math.max(1, Math.ceil(count / pageSize));
}

/** The public records on one sitemap page (1-based), in id order; undefined past the last page. */
export async function* sitemapEntries(context: ServiceContext, page: number, pageSize = SITEMAP_PAGE_SIZE, batch = 1_000): AsyncGenerator<SitemapEntry> {
  const filter = publicFilter(context.now());
  let afterId = await publicIdBefore(context.db, filter, (page - 1) * pageSize);
  if (afterId === undefined) return;
  let left = pageSize;
  while (left > 0) {
    const entries = await publicRecordEntries(context.db, filter, afterId, Math.min(batch, left));
    for (const entry of entries) yield { accession: entry.accession, datestamp: entry.datestamp };
    left -= entries.length;
    if (entries.length < Math.min(batch, left + entries.length)) return;
    afterId = entries[entries.length - 1]!.id;
  }
}
