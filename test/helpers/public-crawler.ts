/**
 * Fetches every public surface of a running server as an anonymous caller and returns what came back.
 * It judges nothing: the tests that use it decide what the responses may and must contain.
 *
 * A surface is one entry of PUBLIC_SURFACES. Routes that are planned but not served yet are listed too:
 * while they answer "no route" (404) they yield nothing and are reported in `absentSurfaces`, and the day
 * they land they are crawled like the rest.
 */
import { FORMATS } from '../../src/formats/registry.js';
import { parseOai, tokenOf } from './oai.js';

export interface CrawledResponse {
  /** The PUBLIC_SURFACES entry that fetched it. */
  surface: string;
  /** Path and query, relative to the server. */
  url: string;
  /** The Accept header sent, when one was. */
  accept?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The pages of one paged list share a group, in the order they were delivered. */
  group?: string;
}

/** A record to probe by each of its identifiers (public or not: the crawler cannot tell, and must not need to). */
export interface CrawlTarget {
  accession: string;
  oaiIdentifier: string;
  doi?: string;
  cstr?: string;
}

export interface CrawlPlan {
  records: CrawlTarget[];
  /** Terms for /api/v1/records?q=. */
  searchTerms?: string[];
  /** OAI sets to harvest besides those ListSets names (values no public record holds, say). */
  extraSets?: string[];
  /** from/until windows for the set-less OAI lists; the whole list is always harvested. */
  harvestWindows?: Array<{ from?: string; until?: string }>;
  /** The public base URL the server writes into links, so links to it can be followed (sitemaps). */
  publicBaseUrl?: string;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface CrawlResult {
  responses: CrawledResponse[];
  /** Surfaces whose every request answered 404 "no route": not served (yet). */
  absentSurfaces: string[];
}

interface Probe {
  url: string;
  accept?: string;
}

type Surface = (crawl: Crawl) => Promise<void>;

const q = encodeURIComponent;

/** Accept headers tried on /records/{accession} besides ?format= for every registry format. */
export const PROBED_ACCEPTS = [
  '*/*',
  'text/html',
  'application/json',
  'application/ld+json',
  'text/turtle, application/rdf+xml;q=0.5',
  'text/x-bibliography; style=gb-t-7714; locale=zh-CN',
  'application/x-nothing-serves-this',
];

/** Requests that fail, so that error bodies are checked too. */
const ERROR_PROBES: Probe[] = [
  '/records/FH9999999',
  '/records/FH9999999?format=bibtex',
  '/records/no.such.accession/linkset',
  '/api/v1/records/FH9999999',
  '/api/v1/records?page[size]=0',
  '/api/v1/records?page[cursor]=not-a-cursor',
  '/api/v1/records?status=nonsense',
  '/api/v1/records?access=nonsense',
  '/api/v1/resolve',
  '/api/v1/resolve?id=not%20an%20identifier',
  '/api/v1/collections/no-such-collection',
  '/doi/10.12345/no.such.doi',
  '/cstr/31253.11.no.such.cstr',
  '/oai?verb=NoSuchVerb',
  '/oai?verb=GetRecord&identifier=oai:elsewhere.example.org:X1&metadataPrefix=oai_dc',
  '/oai?verb=ListRecords&metadataPrefix=no_such_format',
  '/oai?verb=ListRecords&resumptionToken=not-a-token',
  '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=no:such:set',
  '/oai?verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01',
].map((url) => ({ url }));

const perRecord =
  (probes: (record: CrawlTarget) => Array<string | Probe>): Surface =>
  (crawl) =>
    crawl.all(crawl.plan.records.flatMap(probes));

/** Every identifier form of every record: accession, OAI identifier, DOI and CSTR in their usual spellings. */
const perIdentifier =
  (path: (identifier: string) => string): Surface =>
  (crawl) =>
    crawl.all(crawl.plan.records.flatMap(identifierForms).map(path));

function identifierForms(record: CrawlTarget): string[] {
  return [
    record.accession,
    record.oaiIdentifier,
    ...(record.doi ? [record.doi, `https://doi.org/${record.doi}`] : []),
    ...(record.cstr ? [record.cstr, `CSTR:${record.cstr}`] : []),
  ];
}

/** The public surfaces: adding one is adding a line. */
export const PUBLIC_SURFACES: Record<string, Surface> = {
  'oai-pmh': crawlOai,
  'landing page and linkset': perRecord((r) => [`/records/${q(r.accession)}`, `/records/${q(r.accession)}/linkset`]),
  'every format by name': perRecord((r) => [
    ...FORMATS.map((format) => `/records/${q(r.accession)}?format=${q(format.name)}`),
    `/records/${q(r.accession)}?format=citation&style=gb-t-7714&locale=zh-CN`,
  ]),
  'content negotiation': perRecord((r) => PROBED_ACCEPTS.map((accept) => ({ url: `/records/${q(r.accession)}`, accept }))),
  'api record': perRecord((r) => [`/api/v1/records/${q(r.accession)}`]),
  'files and access requests': perRecord((r) => [`/api/v1/records/${q(r.accession)}/files`, `/api/v1/records/${q(r.accession)}/access-requests`]),
  versions: perRecord((r) => [`/api/v1/records/${q(r.accession)}/versions`, `/records/${q(r.accession)}/latest`, `/records/${q(r.accession)}/latest?format=datacite-json`]),
  'api lists': crawlRecordLists,
  'api search': (crawl) => crawl.all((crawl.plan.searchTerms ?? []).map((term) => `/api/v1/records?q=${q(term)}`)),
  resolver: perIdentifier((id) => `/api/v1/resolve?id=${q(id)}`),
  'doi redirect': perRecord((r) => (r.doi ? [`/doi/${encodeURI(r.doi)}`, `/doi/${encodeURI(r.doi)}?format=bibtex`] : [])),
  'cstr redirect': perRecord((r) => (r.cstr ? [`/cstr/${encodeURI(r.cstr)}`, `/cstr/${encodeURI(r.cstr)}?format=schemaorg`] : [])),
  collections: crawlCollections,
  'error bodies': (crawl) => crawl.all(ERROR_PROBES),
  'service documents': (crawl) => crawl.all(['/health', '/api/v1/openapi.json']),
  sitemap: (crawl) => crawlSitemap(crawl, '/sitemap.xml'),
  'robots.txt': (crawl) => crawl.all(['/robots.txt']),
  'home and search pages': (crawl) =>
    crawl.all(['/', '/search', ...(crawl.plan.searchTerms ?? []).map((term) => `/search?q=${q(term)}`), ...['type=Software', 'access=private', 'year=1999'].map((facet) => `/search?${facet}`)]),
  'check api': perIdentifier((id) => `/api/v1/check?id=${q(id)}`),
};

export class Crawl {
  readonly responses: CrawledResponse[] = [];
  private surface = '';
  private answered = 0;
  private noRoute = 0;

  constructor(
    readonly serverUrl: string,
    readonly plan: CrawlPlan,
  ) {}

  /** Runs one surface, returning true when it answered anything but "no route". */
  async run(name: string, surface: Surface): Promise<boolean> {
    this.surface = name;
    this.answered = 0;
    this.noRoute = 0;
    await surface(this);
    return this.answered > 0 || this.noRoute === 0;
  }

  /** One anonymous GET, redirects not followed; undefined when the route does not exist. */
  async get(probe: string | Probe, group?: string): Promise<CrawledResponse | undefined> {
    const { url, accept } = typeof probe === 'string' ? { url: probe, accept: undefined } : probe;
    const response = await fetch(this.serverUrl + url, { redirect: 'manual', headers: accept ? { Accept: accept } : {} });
    const body = await response.text();
    if (isNoRoute(response.status, body)) {
      this.noRoute++;
      return undefined;
    }
    this.answered++;
    const crawled: CrawledResponse = {
      surface: this.surface,
      url,
      ...(accept ? { accept } : {}),
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body,
      ...(group ? { group } : {}),
    };
    this.responses.push(crawled);
    return crawled;
  }

  /** Independent GETs, a few at a time. */
  async all(probes: Array<string | Probe>): Promise<void> {
    await this.pool(probes.map((probe) => () => this.get(probe).then(() => undefined)));
  }

  /** A paged list: GET first, then whatever `next` finds in each page, until it finds nothing. */
  async pages(first: string, next: (page: CrawledResponse) => string | undefined, group = first): Promise<CrawledResponse[]> {
    const delivered: CrawledResponse[] = [];
    const seen = new Set<string>();
    let url: string | undefined = first;
    while (url !== undefined && !seen.has(url)) {
      seen.add(url);
      const page = await this.get(url, group);
      if (!page) break;
      delivered.push(page);
      url = next(page);
    }
    return delivered;
  }

  async pool(tasks: Array<() => Promise<void>>): Promise<void> {
    const queue = [...tasks];
    const workers = Array.from({ length: Math.min(this.plan.concurrency ?? 6, queue.length) }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    });
    await Promise.all(workers);
  }
}

function isNoRoute(status: number, body: string): boolean {
  if (status !== 404) return false;
  try {
    const message = JSON.parse(body)?.error?.message;
    return typeof message === 'string' && message.startsWith('no route for ');
  } catch {
    return false;
  }
}

function xmlValues(xml: string, element: string): string[] {
  const pattern = new RegExp(`<(?:\\w+:)?${element}>([^<]*)</(?:\\w+:)?${element}>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => decodeXmlText(m[1]!));
}

function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name]!);
}

/** The URL of the next OAI-PMH page, from the page's resumptionToken. */
function nextOaiPage(verb: string) {
  return (page: CrawledResponse): string | undefined => {
    let token: string | undefined;
    try {
      token = tokenOf(parseOai(page.body)?.[verb])?.value;
    } catch {
      return undefined;
    }
    return token ? `/oai?verb=${verb}&resumptionToken=${q(token)}` : undefined;
  };
}

/** Every verb, every metadataPrefix, every set (listed or asked for), every page; GetRecord for every record. */
async function crawlOai(crawl: Crawl): Promise<void> {
  await crawl.get('/oai?verb=Identify');
  const formats = await crawl.get('/oai?verb=ListMetadataFormats');
  const prefixes = formats ? xmlValues(formats.body, 'metadataPrefix') : [];
  const setPages = await crawl.pages('/oai?verb=ListSets', nextOaiPage('ListSets'), 'ListSets');
  const listedSets = setPages.flatMap((page) => xmlValues(page.body, 'setSpec'));
  const sets = [...new Set([...listedSets, ...(crawl.plan.extraSets ?? [])])];
  const windows = crawl.plan.harvestWindows ?? [{}];

  const lists: string[] = [];
  for (const verb of ['ListIdentifiers', 'ListRecords']) {
    for (const prefix of prefixes) {
      const base = `/oai?verb=${verb}&metadataPrefix=${q(prefix)}`;
      lists.push(base);
      for (const window of windows) {
        if (!window.from && !window.until) continue;
        lists.push(base + (window.from ? `&from=${q(window.from)}` : '') + (window.until ? `&until=${q(window.until)}` : ''));
      }
      for (const set of sets) lists.push(`${base}&set=${q(set)}`);
    }
  }
  await crawl.pool(lists.map((first) => () => crawl.pages(first, nextOaiPage(new URLSearchParams(first.split('?')[1]).get('verb')!)).then(() => undefined)));

  await crawl.all(
    crawl.plan.records.flatMap((record) => [
      `/oai?verb=ListMetadataFormats&identifier=${q(record.oaiIdentifier)}`,
      ...prefixes.map((prefix) => `/oai?verb=GetRecord&identifier=${q(record.oaiIdentifier)}&metadataPrefix=${q(prefix)}`),
    ]),
  );
}

/** The record list as a whole (small and default pages) and under every filter, following links.next. */
async function crawlRecordLists(crawl: Crawl): Promise<void> {
  const next = (page: CrawledResponse): string | undefined => {
    try {
      const link = JSON.parse(page.body)?.links?.next;
      return typeof link === 'string' ? link : undefined;
    } catch {
      return undefined;
    }
  };
  const firsts = [
    '/api/v1/records',
    '/api/v1/records?page[size]=7',
    ...['draft', 'scheduled', 'released', 'withdrawn'].map((status) => `/api/v1/records?status=${status}&page[size]=7`),
    ...['public', 'registered', 'controlled', 'private'].map((level) => `/api/v1/records?access=${level}&page[size]=7`),
  ];
  await crawl.pool(firsts.map((first) => () => crawl.pages(first, next).then(() => undefined)));
}

async function crawlCollections(crawl: Crawl): Promise<void> {
  const list = await crawl.get('/api/v1/collections');
  if (!list || list.status !== 200) return;
  const specs = ((JSON.parse(list.body)?.data ?? []) as Array<{ spec?: unknown }>).flatMap((c) => (typeof c.spec === 'string' ? [c.spec] : []));
  await crawl.all(specs.map((spec) => `/api/v1/collections/${q(spec)}`));
}

/** A sitemap, and every sitemap a sitemap index names on this server. */
async function crawlSitemap(crawl: Crawl, path: string, depth = 0): Promise<void> {
  const sitemap = await crawl.get(path);
  if (!sitemap || sitemap.status !== 200 || depth > 3 || !/<sitemapindex\b/.test(sitemap.body)) return;
  const base = crawl.plan.publicBaseUrl ?? crawl.serverUrl;
  for (const loc of xmlValues(sitemap.body, 'loc')) {
    const local = loc.startsWith(base) ? loc.slice(base.length) : loc.startsWith(crawl.serverUrl) ? loc.slice(crawl.serverUrl.length) : undefined;
    if (local?.startsWith('/')) await crawlSitemap(crawl, local, depth + 1);
  }
}

/** Fetches every public surface of the server at `serverUrl`. */
export async function crawlPublicSurfaces(serverUrl: string, plan: CrawlPlan, surfaces: Record<string, Surface> = PUBLIC_SURFACES): Promise<CrawlResult> {
  const crawl = new Crawl(serverUrl, plan);
  const absentSurfaces: string[] = [];
  for (const [name, surface] of Object.entries(surfaces)) {
    if (!(await crawl.run(name, surface))) absentSurfaces.push(name);
  }
  return { responses: crawl.responses, absentSurfaces };
}
