/**
 * A small OAI-PMH data provider replaying recorded responses. Each harvest (a ListRecords request without
 * a token) is answered with pages the test chooses; the recorded resumption tokens are rewritten to tokens
 * of this server, so following them walks exactly those pages. Faults are injected per request: replies
 * given instead of the real answer (a 503 with Retry-After, badResumptionToken), or requests held open
 * as if the network hung.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const RECORDED = 'test/fixtures/examples/oai-pmh';
export const recorded = (file: string) => readFileSync(`${RECORDED}/${file}`, 'utf8');

export interface FixtureReply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export type ListChoice = string[] | 'noRecordsMatch';

export interface FixtureOptions {
  identify: string;
  listMetadataFormats: string;
  /** The pages of the list answering a new harvest with these arguments (metadataPrefix, from, until, set). */
  listRecords(params: URLSearchParams): ListChoice;
}

type Match = (params: URLSearchParams) => boolean;

export interface OaiFixtureServer {
  /** The base URL harvesters are given. */
  url: string;
  /** Every request received, in order. */
  requests: URLSearchParams[];
  /** Answers the next `times` requests that match with `reply` instead. */
  inject(match: Match, reply: FixtureReply, times?: number): void;
  /** Leaves the next matching request unanswered; resolves when it arrives. */
  hold(match: Match): Promise<void>;
  close(): Promise<void>;
}

const TOKEN_ELEMENT = /<resumptionToken\b([^>]*?)(?:\/>|>([\s\S]*?)<\/resumptionToken>)/;

/** The page with its resumption token set to `token` (an empty element on the last page of a resumed list). */
export function withToken(page: string, token: string | undefined): string {
  const element = (attributes: string) => (token ? `<resumptionToken${attributes}>${token}</resumptionToken>` : `<resumptionToken${attributes}/>`);
  if (TOKEN_ELEMENT.test(page)) return page.replace(TOKEN_ELEMENT, (_all, attributes: string) => element(attributes));
  return token ? page.replace(/<\/ListRecords>/, `${element('')}</ListRecords>`) : page;
}

export function oaiError(code: string, message = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>http://fixture/oai</request><error code="${code}">${message}</error></OAI-PMH>`;
}

export async function startOaiFixtureServer(options: FixtureOptions): Promise<OaiFixtureServer> {
  const requests: URLSearchParams[] = [];
  const injections: Array<{ match: Match; reply: FixtureReply; times: number }> = [];
  const holds: Array<{ match: Match; arrived: () => void }> = [];
  const lists = new Map<string, string[]>();

  function answer(params: URLSearchParams): FixtureReply | undefined {
    const injected = injections.find((i) => i.times > 0 && i.match(params));
    if (injected) {
      injected.times--;
      return injected.reply;
    }
    const hold = holds.findIndex((h) => h.match(params));
    if (hold >= 0) {
      holds.splice(hold, 1)[0]!.arrived();
      return undefined;
    }
    switch (params.get('verb')) {
      case 'Identify':
        return { body: options.identify };
      case 'ListMetadataFormats':
        return { body: options.listMetadataFormats };
      case 'ListRecords':
        return listRecords(params);
      default:
        return { body: oaiError('badVerb', 'not replayed here') };
    }
  }

  function listRecords(params: URLSearchParams): FixtureReply {
    const token = params.get('resumptionToken');
    if (token !== null) {
      const [list, page] = token.split('.page-');
      const pages = lists.get(list ?? '');
      const index = Number(page) - 1;
      if (!pages || !(index >= 1 && index < pages.length)) return { status: 422, body: recorded('zenodo_error_badResumptionToken_2026.xml') };
      return { body: pageOf(list!, pages, index) };
    }
    const choice = options.listRecords(params);
    if (choice === 'noRecordsMatch') return { status: 422, body: recorded('zenodo_error_noRecordsMatch_2026.xml') };
    const list = `list-${lists.size + 1}`;
    lists.set(list, choice);
    return { body: pageOf(list, choice, 0) };
  }

  const pageOf = (list: string, pages: string[], index: number) => withToken(pages[index]!, index + 1 < pages.length ? `${list}.page-${index + 2}` : undefined);

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const params = new URL(request.url ?? '/', 'http://fixture').searchParams;
    requests.push(params);
    const reply = answer(params);
    if (!reply) return;
    response.writeHead(reply.status ?? 200, { 'Content-Type': 'text/xml; charset=utf-8', ...reply.headers });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/oai2d`,
    requests,
    inject(match, reply, times = 1) {
      injections.push({ match, reply, times });
    },
    hold(match) {
      return new Promise<void>((arrived) => holds.push({ match, arrived }));
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
