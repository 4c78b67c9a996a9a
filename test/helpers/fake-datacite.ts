/**
 * A local stand-in for the DataCite REST API, as far as a repository uses it to register its DOIs:
 * POST /dois, PUT /dois/{doi}, GET /dois/{doi} and DELETE /dois/{doi} (drafts only), with JSON:API bodies,
 * Basic auth as a repository, and the DOI state machine (draft, registered, findable; events register,
 * publish, hide).
 *
 * It follows the documented behaviour of api.datacite.org: DOIs are case-insensitive and answered in
 * lower case, registered and findable DOIs need a url and DataCite XML with the mandatory properties,
 * only findable DOIs are visible without the owning repository's credentials, and a PUT on an unknown
 * DOI creates it. Where DataCite silently ignores an event that has no transition from the DOI's state
 * (register on a findable DOI, hide on a draft), this server answers 422, so that such calls show up.
 *
 * Tests steer it through the returned object: inspect `dois` and `requests`, inject failures with
 * `failWith`, refuse connections with `down` and come back on the same port with `up`.
 */
import { randomInt } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type DoiState = 'draft' | 'registered' | 'findable';
export type DoiEvent = 'publish' | 'register' | 'hide';

/** One write to a DOI: its creation (from null) or an update, with the event it carried. */
export interface DoiChange {
  method: 'POST' | 'PUT';
  event?: DoiEvent;
  from: DoiState | null;
  to: DoiState;
  at: string;
}

export interface FakeDoi {
  /** The DOI in lower case, as DataCite answers it; also the key in `dois`. */
  doi: string;
  /** The repository (DataCite client) holding the DOI, in lower case. */
  clientId: string;
  state: DoiState;
  url?: string;
  /** The DataCite XML, decoded from the base64 the API carries. */
  xml?: string;
  /** Attributes sent besides doi, prefix, event, url and xml, as last given. */
  attributes: Record<string, unknown>;
  created: string;
  updated: string;
  /** When the DOI was first registered or published. */
  registered?: string;
  events: DoiChange[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** The body parsed as JSON when it is JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
  authorization?: string;
  /** The status this server answered with. */
  status?: number;
}

export interface FailOptions {
  /** Value of a Retry-After header (seconds or an HTTP date). */
  retryAfter?: number | string;
}

export interface TakenElsewhereOptions {
  clientId?: string;
  state?: DoiState;
  url?: string;
}

export interface FakeDataCiteOptions {
  repositoryId: string;
  password: string;
  /** The repository's prefix, such as 10.12345. */
  prefix: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface FakeDataCite {
  /** Base URL, such as http://127.0.0.1:40123, to use as the DataCite API URL. */
  readonly url: string;
  readonly port: number;
  readonly prefix: string;
  readonly repositoryId: string;
  /** Every DOI held, keyed by the lower-case DOI. */
  readonly dois: Map<string, FakeDoi>;
  /** Every request received, in order, including those answered by `failWith`. */
  readonly requests: RecordedRequest[];
  /** Answers the next `times` requests (default 1) with `status` and a JSON:API error body. */
  failWith(status: number, times?: number, options?: FailOptions): void;
  /** Holds `doi` as belonging to another repository (findable unless told otherwise). */
  takenElsewhere(doi: string, options?: TakenElsewhereOptions): FakeDoi;
  /** Stops listening so that connections are refused; the DOIs are kept. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

export const JSON_API_CONTENT_TYPE = 'application/vnd.api+json; charset=utf-8';
export const DATACITE_NAMESPACE = 'http://datacite.org/schema/kernel-4';
export const OTHER_REPOSITORY_ID = 'other.repository';

/** The properties DataCite requires of a registered or findable DOI, as named in the errors. */
export const MANDATORY_PROPERTIES = ['identifier', 'creators', 'titles', 'publisher', 'publicationYear', 'resourceTypeGeneral'] as const;
export type MandatoryProperty = (typeof MANDATORY_PROPERTIES)[number];

const DOI_PATTERN = /^10\.\d{4,5}\/[-._;()/:a-zA-Z0-9*~$=]+$/;
const PREFIX_PATTERN = /^10\.\d{4,5}$/;
const URL_PATTERN = /^(ftp|http|https):\/\/\S+$/;
const SUFFIX_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const TRANSITIONS: Record<DoiEvent, Partial<Record<DoiState, DoiState>>> = {
  register: { draft: 'registered', registered: 'registered' },
  publish: { draft: 'findable', registered: 'findable', findable: 'findable' },
  hide: { findable: 'registered', registered: 'registered' },
};

const MESSAGES = {
  badCredentials: 'Bad credentials.',
  forbidden: 'You are not authorized to access this resource.',
  notFound: "The resource you are looking for doesn't exist.",
  noPayload: 'You need to provide a payload following the JSONAPI spec',
  blank: "Can't be blank",
  taken: 'This DOI has already been taken',
} as const;

interface JsonApiError {
  status?: string;
  source?: string;
  uid?: string;
  title: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Caller = { kind: 'anonymous' } | { kind: 'repository' } | { kind: 'rejected' };

/** A DataCite XML document with the mandatory properties, some of which can be left out. */
export function minimalDataCiteXml(doi: string, options: { omit?: MandatoryProperty[]; title?: string } = {}): string {
  const omit = new Set(options.omit ?? []);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<resource xmlns="${DATACITE_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${DATACITE_NAMESPACE} https://schema.datacite.org/meta/kernel-4/metadata.xsd">`,
    omit.has('identifier') ? '' : `  <identifier identifierType="DOI">${doi}</identifier>`,
    omit.has('creators') ? '' : '  <creators><creator><creatorName nameType="Personal">Doe, Jane</creatorName><givenName>Jane</givenName><familyName>Doe</familyName></creator></creators>',
    omit.has('titles') ? '' : `  <titles><title>${options.title ?? 'Spatial transcriptome of the developing mouse brain'}</title></titles>`,
    omit.has('publisher') ? '' : '  <publisher>Example Data Centre</publisher>',
    omit.has('publicationYear') ? '' : '  <publicationYear>2026</publicationYear>',
    omit.has('resourceTypeGeneral') ? '  <resourceType>Dataset</resourceType>' : '  <resourceType resourceTypeGeneral="Dataset">Dataset</resourceType>',
    '</resource>',
  ];
  return lines.filter(Boolean).join('\n');
}

export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

// DataCite XML read into what the API shows of it

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['creator', 'title', 'nameIdentifier', 'affiliation'].includes(name),
});

type XmlNode = Record<string, unknown>;

function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  if (value && typeof value === 'object' && '#text' in value) return String((value as XmlNode)['#text']).trim();
  return '';
}

function attributeOf(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const attribute = (value as XmlNode)[`@_${name}`];
  return typeof attribute === 'string' && attribute.trim() ? attribute.trim() : undefined;
}

function childrenOf(value: unknown, name: string): unknown[] {
  if (!value || typeof value !== 'object') return [];
  const children = (value as XmlNode)[name];
  return Array.isArray(children) ? children : children === undefined ? [] : [children];
}

interface XmlReading {
  error?: string;
  resource: XmlNode;
}

function readXml(xml: string): XmlReading {
  const check = XMLValidator.validate(xml);
  if (check !== true) return { error: `${check.err.msg} at line ${check.err.line}, column ${check.err.col}`, resource: {} };
  const resource = (xmlParser.parse(xml) as XmlNode).resource;
  return { resource: resource && typeof resource === 'object' ? (resource as XmlNode) : {} };
}

function missingProperties(resource: XmlNode): MandatoryProperty[] {
  const present: Record<MandatoryProperty, boolean> = {
    identifier: textOf(resource.identifier) !== '',
    creators: childrenOf(resource.creators, 'creator').some((creator) => textOf((creator as XmlNode).creatorName) !== ''),
    titles: childrenOf(resource.titles, 'title').some((title) => textOf(title) !== ''),
    publisher: textOf(resource.publisher) !== '',
    publicationYear: textOf(resource.publicationYear) !== '',
    resourceTypeGeneral: attributeOf(resource.resourceType, 'resourceTypeGeneral') !== undefined,
  };
  return MANDATORY_PROPERTIES.filter((property) => !present[property]);
}

function metadataAttributes(xml: string | undefined): Record<string, unknown> {
  const empty = { creators: [], titles: [], publisher: null, publicationYear: null, types: {}, schemaVersion: null };
  if (!xml) return empty;
  const { error, resource } = readXml(xml);
  if (error) return empty;
  const creators = childrenOf(resource.creators, 'creator').map((node) => {
    const creator = node as XmlNode;
    return {
      name: textOf(creator.creatorName),
      ...(attributeOf(creator.creatorName, 'nameType') ? { nameType: attributeOf(creator.creatorName, 'nameType') } : {}),
      ...(textOf(creator.givenName) ? { givenName: textOf(creator.givenName) } : {}),
      ...(textOf(creator.familyName) ? { familyName: textOf(creator.familyName) } : {}),
      affiliation: childrenOf(creator, 'affiliation').map(textOf),
      nameIdentifiers: childrenOf(creator, 'nameIdentifier').map((identifier) => ({
        nameIdentifier: textOf(identifier),
        ...(attributeOf(identifier, 'nameIdentifierScheme') ? { nameIdentifierScheme: attributeOf(identifier, 'nameIdentifierScheme') } : {}),
      })),
    };
  });
  const titles = childrenOf(resource.titles, 'title').map((title) => ({
    title: textOf(title),
    ...(attributeOf(title, 'lang') ? { lang: attributeOf(title, 'lang') } : {}),
    ...(attributeOf(title, 'titleType') ? { titleType: attributeOf(title, 'titleType') } : {}),
  }));
  const year = Number.parseInt(textOf(resource.publicationYear), 10);
  const resourceTypeGeneral = attributeOf(resource.resourceType, 'resourceTypeGeneral');
  const resourceType = textOf(resource.resourceType);
  return {
    creators,
    titles,
    publisher: textOf(resource.publisher) || null,
    publicationYear: Number.isNaN(year) ? null : year,
    types: { ...(resourceTypeGeneral ? { resourceTypeGeneral } : {}), ...(resourceType ? { resourceType } : {}) },
    schemaVersion: /xmlns(?::[\w-]+)?="(http:\/\/datacite\.org\/schema\/kernel-[^"]+)"/.exec(xml)?.[1] ?? null,
  };
}

// Requests

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parsedForRecord(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isJsonContentType(header: string | undefined): boolean {
  const mediaType = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/vnd.api+json' || mediaType === 'application/json';
}

function errors(status: number, ...list: JsonApiError[]): Reply {
  return { status, body: { errors: list } };
}

function statusError(status: number, title: string): Reply {
  return errors(status, { status: String(status), title });
}

const badCredentials = (): Reply => statusError(401, MESSAGES.badCredentials);
const forbidden = (): Reply => statusError(403, MESSAGES.forbidden);
const notFound = (): Reply => statusError(404, MESSAGES.notFound);

type Payload = { attributes: Record<string, unknown> } | { error: Reply };

function payloadOf(request: IncomingMessage, text: string): Payload {
  if (!isJsonContentType(request.headers['content-type'])) return { error: statusError(400, MESSAGES.noPayload) };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { error: statusError(400, (error as Error).message) };
  }
  const data = (document as { data?: { attributes?: unknown } } | null)?.data;
  if (!data || typeof data !== 'object') return { error: statusError(400, MESSAGES.noPayload) };
  const attributes = data.attributes && typeof data.attributes === 'object' ? (data.attributes as Record<string, unknown>) : {};
  return { attributes };
}

function stringAttribute(attributes: Record<string, unknown>, name: string): string | undefined {
  const value = attributes[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function decodeXml(attributes: Record<string, unknown>): string | undefined {
  const xml = stringAttribute(attributes, 'xml');
  return xml === undefined ? undefined : Buffer.from(xml, 'base64').toString('utf8');
}

function extraAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const { doi: _doi, prefix: _prefix, suffix: _suffix, event: _event, url: _url, xml: _xml, state: _state, ...rest } = attributes;
  return rest;
}

function randomSuffix(): string {
  const pick = () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
}

function prefixOf(doi: string): string {
  return doi.split('/', 1)[0]!;
}

/** The state after `event`, or the error DataCite's state machine gives for it. */
function nextState(uid: string, current: DoiState, attributes: Record<string, unknown>): DoiState | JsonApiError {
  if (attributes.state === 'draft' && current !== 'draft') {
    return { source: 'state', uid, title: 'Registered and findable DOIs cannot be returned to the draft state' };
  }
  const event = attributes.event;
  if (event === undefined || event === null || event === '') return current;
  if (typeof event !== 'string' || !(event in TRANSITIONS)) {
    return { source: 'event', uid, title: `Event ${JSON.stringify(event)} is not one of publish, register, hide` };
  }
  const target = TRANSITIONS[event as DoiEvent][current];
  return target ?? { source: 'event', uid, title: `Can't ${event} a DOI in state ${current}` };
}

/** What DataCite checks before a DOI in `state` is saved. */
function validationErrors(uid: string, state: DoiState, url: string | undefined, xml: string | undefined): JsonApiError[] {
  const found: JsonApiError[] = [];
  if (url !== undefined && !URL_PATTERN.test(url)) found.push({ source: 'url', uid, title: 'URL is not valid' });
  if (state === 'draft') return found;
  if (url === undefined) found.push({ source: 'url', uid, title: MESSAGES.blank });
  if (xml === undefined) {
    found.push({ source: 'xml', uid, title: MESSAGES.blank });
    return found;
  }
  const { error, resource } = readXml(xml);
  if (error) {
    found.push({ source: 'xml', uid, title: error });
    return found;
  }
  for (const property of missingProperties(resource)) found.push({ source: property, uid, title: MESSAGES.blank });
  return found;
}

// The server

export async function startFakeDataCite(options: FakeDataCiteOptions): Promise<FakeDataCite> {
  if (!PREFIX_PATTERN.test(options.prefix)) throw new Error(`prefix must be a DataCite prefix such as 10.12345, got "${options.prefix}"`);
  const repositoryId = options.repositoryId.toLowerCase();
  const dois = new Map<string, FakeDoi>();
  const requests: RecordedRequest[] = [];
  const failures: Array<{ status: number; retryAfter?: string }> = [];

  function callerOf(request: IncomingMessage): Caller {
    const header = request.headers.authorization;
    if (!header) return { kind: 'anonymous' };
    const [scheme, credentials] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'basic' || !credentials) return { kind: 'rejected' };
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'rejected' };
    const user = decoded.slice(0, colon).toLowerCase();
    const password = decoded.slice(colon + 1);
    return user === repositoryId && password === options.password ? { kind: 'repository' } : { kind: 'rejected' };
  }

  function serialize(entry: FakeDoi): unknown {
    const [prefix, ...rest] = entry.doi.split('/');
    return {
      data: {
        id: entry.doi,
        type: 'dois',
        attributes: {
          ...entry.attributes,
          doi: entry.doi,
          prefix,
          suffix: rest.join('/'),
          identifiers: [],
          ...metadataAttributes(entry.xml),
          url: entry.url ?? null,
          xml: entry.xml === undefined ? null : toBase64(entry.xml),
          state: entry.state,
          isActive: entry.state === 'findable',
          created: entry.created,
          registered: entry.registered ?? null,
          updated: entry.updated,
        },
        relationships: { client: { data: { id: entry.clientId, type: 'clients' } } },
      },
    };
  }

  function saved(entry: FakeDoi, status: number): Reply {
    const headers: Record<string, string> = status === 201 ? { Location: `${fake.url}/dois/${entry.doi}` } : {};
    return { status, body: serialize(entry), headers };
  }

  function create(method: 'POST' | 'PUT', doi: string, attributes: Record<string, unknown>): Reply {
    const uid = doi.toLowerCase();
    const state = nextState(uid, 'draft', attributes);
    const found: JsonApiError[] = [];
    if (!DOI_PATTERN.test(doi)) found.push({ source: 'doi', uid, title: 'Is invalid' });
    if (dois.has(uid)) found.push({ source: 'doi', uid, title: MESSAGES.taken });
    if (typeof state !== 'string') return errors(422, ...found, state);
    const url = stringAttribute(attributes, 'url');
    const xml = decodeXml(attributes);
    found.push(...validationErrors(uid, state, url, xml));
    if (found.length > 0) return errors(422, ...found);
    const now = new Date().toISOString();
    const event = attributes.event as DoiEvent | undefined;
    const entry: FakeDoi = {
      doi: uid,
      clientId: repositoryId,
      state,
      ...(url !== undefined ? { url } : {}),
      ...(xml !== undefined ? { xml } : {}),
      attributes: extraAttributes(attributes),
      created: now,
      updated: now,
      ...(state !== 'draft' ? { registered: now } : {}),
      events: [{ method, ...(event ? { event } : {}), from: null, to: state, at: now }],
    };
    dois.set(uid, entry);
    return saved(entry, 201);
  }

  function update(entry: FakeDoi, attributes: Record<string, unknown>): Reply {
    const state = nextState(entry.doi, entry.state, attributes);
    if (typeof state !== 'string') return errors(422, state);
    const url = stringAttribute(attributes, 'url') ?? entry.url;
    const xml = decodeXml(attributes) ?? entry.xml;
    const found = validationErrors(entry.doi, state, url, xml);
    if (found.length > 0) return errors(422, ...found);
    const now = new Date().toISOString();
    const event = attributes.event as DoiEvent | undefined;
    entry.events.push({ method: 'PUT', ...(event ? { event } : {}), from: entry.state, to: state, at: now });
    if (state !== 'draft' && entry.registered === undefined) entry.registered = now;
    entry.state = state;
    if (url !== undefined) entry.url = url;
    if (xml !== undefined) entry.xml = xml;
    entry.attributes = { ...entry.attributes, ...extraAttributes(attributes) };
    entry.updated = now;
    return saved(entry, 200);
  }

  function postDois(request: IncomingMessage, text: string): Reply {
    if (callerOf(request).kind !== 'repository') return badCredentials();
    const payload = payloadOf(request, text);
    if ('error' in payload) return payload.error;
    const { attributes } = payload;
    const prefix = stringAttribute(attributes, 'prefix');
    const doi = stringAttribute(attributes, 'doi') ?? (prefix ? `${prefix}/${randomSuffix()}` : undefined);
    if (doi === undefined) return errors(422, { source: 'doi', title: MESSAGES.blank });
    if (prefixOf(doi) !== options.prefix) return forbidden();
    return create('POST', doi, attributes);
  }

  function putDoi(request: IncomingMessage, text: string, doi: string): Reply {
    if (callerOf(request).kind !== 'repository') return badCredentials();
    const payload = payloadOf(request, text);
    if ('error' in payload) return payload.error;
    const existing = dois.get(doi.toLowerCase());
    if (existing) return existing.clientId === repositoryId ? update(existing, payload.attributes) : forbidden();
    if (!DOI_PATTERN.test(doi)) return notFound();
    if (prefixOf(doi) !== options.prefix) return forbidden();
    return create('PUT', doi, payload.attributes);
  }

  function getDoi(request: IncomingMessage, doi: string): Reply {
    const caller = callerOf(request);
    if (caller.kind === 'rejected') return badCredentials();
    const entry = dois.get(doi.toLowerCase());
    if (!entry) return notFound();
    const mayRead = entry.state === 'findable' || (caller.kind === 'repository' && entry.clientId === repositoryId);
    return mayRead ? { status: 200, body: serialize(entry) } : notFound();
  }

  function deleteDoi(request: IncomingMessage, doi: string): Reply {
    if (callerOf(request).kind !== 'repository') return badCredentials();
    const entry = dois.get(doi.toLowerCase());
    if (!entry) return notFound();
    if (entry.clientId !== repositoryId) return forbidden();
    if (entry.state !== 'draft') return { ...statusError(405, 'Method not allowed'), headers: { Allow: 'HEAD, GET, POST, PATCH, PUT, OPTIONS' } };
    dois.delete(entry.doi);
    return { status: 204 };
  }

  function route(request: IncomingMessage, text: string): Reply {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = request.method ?? 'GET';
    if (path === '/dois' || path === '/dois/') return method === 'POST' ? postDois(request, text) : notFound();
    if (!path.startsWith('/dois/')) return notFound();
    let doi: string;
    try {
      doi = decodeURIComponent(path.slice('/dois/'.length));
    } catch {
      return notFound();
    }
    if (method === 'GET') return getDoi(request, doi);
    if (method === 'PUT') return putDoi(request, text, doi);
    if (method === 'DELETE') return deleteDoi(request, doi);
    return notFound();
  }

  // Each connection serves one request, so that after down() every new request is refused rather
  // than written to a pooled connection the client has not yet seen closed.
  function send(response: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers, Connection: 'close' };
    if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    const body = JSON.stringify(reply.body);
    headers['Content-Type'] = JSON_API_CONTENT_TYPE;
    headers['Content-Length'] = String(Buffer.byteLength(body));
    response.writeHead(reply.status, headers).end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      body: parsedForRecord(text),
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    };
    requests.push(recorded);
    const failure = failures.shift();
    const reply: Reply = failure
      ? { ...statusError(failure.status, STATUS_CODES[failure.status] ?? 'Error'), headers: failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {} }
      : route(request, text);
    recorded.status = reply.status;
    send(response, reply);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, statusError(500, (error as Error).message));
    });
  });

  function listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  function close(): Promise<void> {
    if (!server.listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  const port = await listen(options.port ?? 0);

  const fake: FakeDataCite = {
    url: `http://127.0.0.1:${port}`,
    port,
    prefix: options.prefix,
    repositoryId,
    dois,
    requests,
    failWith(status, times = 1, failOptions = {}) {
      const retryAfter = failOptions.retryAfter === undefined ? undefined : String(failOptions.retryAfter);
      for (let i = 0; i < times; i++) failures.push({ status, ...(retryAfter !== undefined ? { retryAfter } : {}) });
    },
    takenElsewhere(doi, takenOptions = {}) {
      const uid = doi.toLowerCase();
      const state = takenOptions.state ?? 'findable';
      const now = new Date().toISOString();
      const entry: FakeDoi = {
        doi: uid,
        clientId: (takenOptions.clientId ?? OTHER_REPOSITORY_ID).toLowerCase(),
        state,
        url: takenOptions.url ?? `https://elsewhere.example.org/${encodeURIComponent(uid)}`,
        xml: minimalDataCiteXml(uid, { title: 'A dataset of another repository' }),
        attributes: {},
        created: now,
        updated: now,
        ...(state !== 'draft' ? { registered: now } : {}),
        events: [{ method: 'POST', ...(state === 'findable' ? { event: 'publish' as const } : state === 'registered' ? { event: 'register' as const } : {}), from: null, to: state, at: now }],
      };
      dois.set(uid, entry);
      return entry;
    },
    down: close,
    async up() {
      if (!server.listening) await listen(port);
    },
    stop: close,
  };
  return fake;
}
