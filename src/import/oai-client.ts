/**
 * Requests to an OAI-PMH data provider, as a polite harvester makes them: every request with a timeout;
 * a 503 (or 429) with Retry-After waited out, then the same request again; network failures, 5xx answers
 * and unreadable responses retried with exponential backoff. The number of retries and the longest wait
 * are bounded, and the sleeping is injectable.
 */
import { OaiProtocolError, parseOaiDocument, UnreadableResponse } from './oai-response.js';

export interface OaiClientOptions {
  fetch?: typeof fetch;
  /** Waits `ms` milliseconds (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Longest time one request may take, headers and body. */
  timeoutMs?: number;
  /** How many times a Retry-After is honoured for one request. */
  maxRetryAfterWaits?: number;
  /** The longest Retry-After waited; longer ones are cut to this. */
  maxRetryAfterMs?: number;
  /** Attempts of one request through network failures and server errors. */
  maxAttempts?: number;
  /** The first backoff wait, doubled after each failure. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Told about each wait before it starts. */
  onWait?: (wait: { ms: number; reason: string }) => void;
}

export interface OaiResponse {
  text: string;
  root: Record<string, unknown>;
}

/** The source could not be reached or kept failing: the run stops and may be resumed later. */
export class SourceUnavailable extends Error {
  override name = 'SourceUnavailable';
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds from a Retry-After value (seconds, or an HTTP date); undefined when it says neither. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

type Attempt = { kind: 'done'; response: OaiResponse } | { kind: 'retry-after'; ms: number; reason: string } | { kind: 'backoff'; reason: string };

export class OaiClient {
  private readonly options: Required<Omit<OaiClientOptions, 'onWait'>> & Pick<OaiClientOptions, 'onWait'>;

  constructor(
    readonly baseUrl: string,
    options: OaiClientOptions = {},
  ) {
    this.options = {
      fetch: options.fetch ?? globalThis.fetch,
      sleep: options.sleep ?? realSleep,
      now: options.now ?? (() => new Date()),
      timeoutMs: options.timeoutMs ?? 120_000,
      maxRetryAfterWaits: options.maxRetryAfterWaits ?? 10,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 600_000,
      maxAttempts: options.maxAttempts ?? 6,
      backoffMs: options.backoffMs ?? 2_000,
      maxBackoffMs: options.maxBackoffMs ?? 300_000,
      onWait: options.onWait,
    };
  }

  urlFor(args: Record<string, string>): string {
    const url = new URL(this.baseUrl);
    for (const [name, value] of Object.entries(args)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** The response to one request; an OAI-PMH error answer throws OaiProtocolError. */
  async request(args: Record<string, string>): Promise<OaiResponse> {
    const url = this.urlFor(args);
    let failures = 0;
    let waits = 0;
    for (;;) {
      const attempt = await this.attempt(url);
      if (attempt.kind === 'done') return attempt.response;
      if (attempt.kind === 'retry-after' && waits < this.options.maxRetryAfterWaits) {
        waits++;
        await this.wait(Math.min(attempt.ms, this.options.maxRetryAfterMs), attempt.reason);
        continue;
      }
      failures++;
      if (failures >= this.options.maxAttempts) {
        throw new SourceUnavailable(`${args.verb ?? 'request'} to ${this.baseUrl} failed ${failures} times; last: ${attempt.reason}`);
      }
      await this.wait(Math.min(this.options.backoffMs * 2 ** (failures - 1), this.options.maxBackoffMs), attempt.reason);
    }
  }

  private async wait(ms: number, reason: string): Promise<void> {
    this.options.onWait?.({ ms, reason });
    await this.options.sleep(ms);
  }

  private async attempt(url: string): Promise<Attempt> {
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await this.options.fetch(url, {
        headers: { Accept: 'text/xml, application/xml;q=0.9, */*;q=0.1', 'User-Agent': 'fairharbor-harvester' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      });
      status = response.status;
      retryAfter = response.headers.get('Retry-After');
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message;
      return { kind: 'backoff', reason: `${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}${detail ? ` (${detail})` : ''}` };
    }
    if (status === 503 || status === 429) {
      const ms = retryAfterMs(retryAfter, this.options.now());
      const reason = `HTTP ${status}${retryAfter ? `, Retry-After ${retryAfter}` : ''}`;
      return ms === undefined ? { kind: 'backoff', reason } : { kind: 'retry-after', ms, reason };
    }
    if (status >= 500) return { kind: 'backoff', reason: `HTTP ${status}` };
    try {
      return { kind: 'done', response: { text, root: parseOaiDocument(text) } };
    } catch (error) {
      if (error instanceof OaiProtocolError) throw error;
      if (status >= 300) throw new SourceUnavailable(`HTTP ${status} from ${url}`);
      // A body cut short on the way is worth another try; a source that always answers so is not.
      if (error instanceof UnreadableResponse) return { kind: 'backoff', reason: error.message };
      throw error;
    }
  }
}
