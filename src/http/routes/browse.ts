/**
 * The human face: the home page, search with facets, the sitemap and robots.txt. Plain server-rendered
 * HTML that works without JavaScript; only public records appear, through the search service.
 */
import { Router } from '@koa/router';
import { Readable } from 'node:stream';
import { Eta } from 'eta';
import type { Context } from 'koa';
import { DomainError } from '../../model/errors.js';
import { packagePath } from '../../model/package-root.js';
import type { FairRecord } from '../../model/schema.js';
import type { ServiceContext } from '../../services/context.js';
import {
  FACET_NAMES,
  SEARCH_PAGE_SIZE,
  SITEMAP_PAGE_SIZE,
  searchRecords,
  sitemapEntries,
  sitemapPageCount,
  type FacetCount,
  type FacetName,
  type SearchPage,
} from '../../services/search-service.js';

const views = new Eta({ views: packagePath('views'), autoEscape: true, cache: true });

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

const FACET_LABELS: Record<FacetName, string> = {
  type: 'Resource type',
  access: 'Access',
  licence: 'Licence',
  source: 'Source',
  year: 'Publication year',
};

const ACCESS_LABELS: Record<string, string> = { public: 'Open', registered: 'Registered users', controlled: 'Controlled', private: 'Private' };

export interface BrowseOptions {
  /** URLs per sitemap before /sitemap.xml becomes a sitemap index. */
  sitemapPageSize?: number;
  searchPageSize?: number;
}

type Params = { q?: string; facets: Partial<Record<FacetName, string>>; page?: number };

function searchHref(params: Params): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  for (const name of FACET_NAMES) {
    const value = params.facets[name];
    if (value !== undefined) query.set(name, value);
  }
  if (params.page && params.page > 1) query.set('page', String(params.page));
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

function valueLabel(name: FacetName, value: string): string {
  return name === 'access' ? (ACCESS_LABELS[value] ?? value) : value;
}

function facetLists(counts: Record<FacetName, FacetCount[]>, params: Params) {
  return FACET_NAMES.map((name) => ({
    label: FACET_LABELS[name],
    values: counts[name].map((entry) => ({
      label: valueLabel(name, entry.value),
      count: entry.count,
      selected: params.facets[name] === entry.value,
      href: searchHref({ q: params.q, facets: { ...params.facets, [name]: entry.value } }),
    })),
  }));
}

function summary(record: FairRecord) {
  const names = record.creators.map((creator) => creator.name);
  return {
    title: record.titles[0]?.title ?? record.accession,
    creators: names.length > 3 ? `${names.slice(0, 3).join('; ')} et al.` : names.join('; '),
    year: record.publicationYear,
    accession: record.accession,
    href: `/records/${encodeURIComponent(record.accession)}`,
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Text safe inside XML 1.0 element content. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function lastmod(datestamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(datestamp);
  return match ? `${match[1]}Z` : datestamp;
}

export function browseRoutes(services: ServiceContext, options: BrowseOptions = {}): Router {
  const router = new Router();
  const repositoryName = services.config.oai.repositoryName;
  const baseUrl = services.config.baseUrl;
  const sitemapPageSize = options.sitemapPageSize ?? SITEMAP_PAGE_SIZE;
  const searchPageSize = options.searchPageSize ?? SEARCH_PAGE_SIZE;

  const html = (ctx: Context, template: string, data: Record<string, unknown>) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = views.render(template, { repositoryName, ...data });
  };

  router.get('/', async (ctx) => {
    const recent = await searchRecords(services, { pageSize: 10 });
    html(ctx, 'home', { recent: recent.records.map(summary), facets: facetLists(recent.facetCounts, { facets: {} }) });
  });

  router.get('/search', async (ctx) => {
    const q = single(ctx.query.q) ?? '';
    const facets: Partial<Record<FacetName, string>> = {};
    for (const name of FACET_NAMES) {
      const value = single(ctx.query[name])?.trim();
      if (value) facets[name] = value;
    }
    const pageText = single(ctx.query.page);
    const page = pageText === undefined || pageText === '' ? 1 : /^\d{1,6}$/.test(pageText) ? Number(pageText) : NaN;
    let result: SearchPage;
    try {
      result = await searchRecords(services, { q, facets, page, pageSize: searchPageSize });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      ctx.status = 400;
      html(ctx, 'search', { q, hidden: [], active: [], facets: [], results: [], total: 0, start: 1, page: 1, pageCount: 1, error: error.message });
      return;
    }
    const params: Params = { q: result.q, facets: result.facets };
    html(ctx, 'search', {
      q: result.q,
      hidden: FACET_NAMES.filter((name) => result.facets[name] !== undefined).map((name) => ({ name, value: result.facets[name] })),
      active: FACET_NAMES.filter((name) => result.facets[name] !== undefined).map((name) => ({
        label: FACET_LABELS[name],
        value: valueLabel(name, result.facets[name]!),
        href: searchHref({ q: result.q, facets: { ...result.facets, [name]: undefined } }),
      })),
      facets: facetLists(result.facetCounts, params),
      results: result.records.map(summary),
      total: result.total,
      start: (result.page - 1) * result.pageSize + 1,
      page: result.page,
      pageCount: result.pageCount,
      previous: result.page > 1 ? searchHref({ ...params, page: result.page - 1 }) : undefined,
      next: result.page < result.pageCount ? searchHref({ ...params, page: result.page + 1 }) : undefined,
    });
  });

  const urlset = async function* (page: number): AsyncGenerator<string> {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n`;
    for await (const entry of sitemapEntries(services, page, sitemapPageSize)) {
      yield `<url><loc>${xml(`${baseUrl}/records/${encodeURIComponent(entry.accession)}`)}</loc><lastmod>${xml(lastmod(entry.datestamp))}</lastmod></url>\n`;
    }
    yield '</urlset>\n';
  };

  const sendXml = (ctx: Context, parts: AsyncIterable<string>) => {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = Readable.from(parts);
  };

  router.get('/sitemap.xml', async (ctx) => {
    const pages = await sitemapPageCount(services, sitemapPageSize);
    if (pages <= 1) {
      sendXml(ctx, urlset(1));
      return;
    }
    const index = async function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n`;
      for (let page = 1; page <= pages; page++) yield `<sitemap><loc>${xml(`${baseUrl}/sitemaps/${page}.xml`)}</loc></sitemap>\n`;
      yield '</sitemapindex>\n';
    };
    sendXml(ctx, index());
  });

  router.get('/sitemaps/:file', async (ctx) => {
    const match = /^([1-9]\d{0,5})\.xml$/.exec(ctx.params.file ?? '');
    const page = match ? Number(match[1]) : 0;
    if (!page || page > (await sitemapPageCount(services, sitemapPageSize))) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'No such sitemap';
      return;
    }
    sendXml(ctx, urlset(page));
  });

  router.get('/robots.txt', (ctx) => {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `User-agent: *\nDisallow: /api/\nDisallow: /review/\nAllow: /\n\nSitemap: ${baseUrl}/sitemap.xml\n`;
  });

  return router;
}
