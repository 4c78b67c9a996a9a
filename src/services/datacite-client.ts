/**
 * The DataCite REST API calls a repository needs (JSON:API, Basic auth): create a DOI, update it (events
 * publish, register, hide), and read it back.
 */
import type { DataCiteSettings } from '../config.js';
import type { DataCiteState } from '../store/doi-registration-store.js';

export type DataCiteEvent = 'publish' | 'register' | 'hide';

export interface DoiAttributes {
  doi: string;
  event?: DataCiteEvent;
  url: string;
  /** DataCite XML, base64-encoded as the API wants it. */
  xml: string;
}

export interface DataCiteDoi {
  doi: string;
  state: DataCiteState;
  /** The repository (DataCite client) that holds the DOI. */
  client?: string;
}

/** DataCite answered, and refused. */
export class DataCiteRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** Refusals worth trying again later: DataCite is overloaded or down, not the request wrong. */
  get isTemporary(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }

  get isTaken(): boolean {
    return this.status === 422 && /already been taken/i.test(this.message);
  }
}

const JSON_API = 'application/vnd.api+json';
const TIMEOUT_MS = 30_000;

interface JsonApiErrors {
  errors?: Array<{ status?: string; title?: string; source?: string; detail?: string }>;
}

function refusalMessage(status: number, body: string): string {
  try {
    const { errors } = JSON.parse(body) as JsonApiErrors;
    if (errors?.length) return errors.map((e) => [e.source, e.title ?? e.detail].filter(Boolean).join(': ')).join('; ');
  } catch {
    // not JSON:API: the status and the start of the body say what there is
  }
  return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
}

function doiFrom(body: unknown): DataCiteDoi {
  const data = (body as { data?: { attributes?: { doi?: string; state?: DataCiteState }; relationships?: { client?: { data?: { id?: string } } } } }).data;
  if (!data?.attributes?.doi || !data.attributes.state) throw new DataCiteRefusal(502, 'DataCite answered without the DOI and its state');
  return { doi: data.attributes.doi, state: data.attributes.state, client: data.relationships?.client?.data?.id };
}

export class DataCiteClient {
  constructor(private readonly settings: DataCiteSettings) {}

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<DataCiteDoi> {
    const response = await fetch(`${this.settings.apiUrl}${path}`, {
      method,
      headers: {
        Accept: JSON_API,
        Authorization: `Basic ${Buffer.from(`${this.settings.repositoryId}:${this.settings.password}`).toString('base64')}`,
        ...(body ? { 'Content-Type': JSON_API } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new DataCiteRefusal(response.status, refusalMessage(response.status, text));
    return doiFrom(JSON.parse(text));
  }

  create(attributes: DoiAttributes): Promise<DataCiteDoi> {
    return this.call('POST', '/dois', { data: { type: 'dois', attributes } });
  }

  update(attributes: DoiAttributes): Promise<DataCiteDoi> {
    return this.call('PUT', `/dois/${attributes.doi}`, { data: { id: attributes.doi, type: 'dois', attributes } });
  }

  get(doi: string): Promise<DataCiteDoi> {
    return this.call('GET', `/dois/${doi}`);
  }
}
