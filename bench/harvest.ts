/**
 * A harvester's view of an OAI-PMH list: every page fetched in turn, following resumption tokens, over
 * one kept-alive connection and gzip, as harvesters ask for it. node:http rather than fetch: on the same
 * two CPUs as the server, fetch's streams cost the harvester more than the server spends on a page.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface HarvestMeasure {
  records: number;
  pages: number;
  seconds: number;
  recordsPerSecond: number;
  firstPageMs: number;
  middlePageMs: number;
  lastPageMs: number;
  /** Median of pages 2–11 and of the ten full pages before the last: deep pages against early ones. */
  earlyPagesMedianMs: number;
  latePagesMedianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

const TOKEN = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/;

function get(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, body: (response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8') });
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Harvests `verb` in `metadataPrefix` from the start to the last page. */
export async function harvestAll(baseUrl: string, verb: 'ListRecords' | 'ListIdentifiers', metadataPrefix: string): Promise<HarvestMeasure> {
  const latencies: number[] = [];
  const element = verb === 'ListRecords' ? '<record>' : '<header';
  let records = 0;
  let query = `verb=${verb}&metadataPrefix=${metadataPrefix}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const started = performance.now();
  for (;;) {
    const sent = performance.now();
    const { status, body: page } = await get(`${baseUrl}/oai?${query}`, agent);
    if (status !== 200) throw new Error(`page ${latencies.length + 1} answered ${status}`);
    latencies.push(performance.now() - sent);
    if (page.includes('<error')) throw new Error(`page ${latencies.length}: ${page.slice(0, 500)}`);
    records += count(page, element);
    // The token closes the page: look for it there, not through the whole page.
    const token = TOKEN.exec(page.slice(page.lastIndexOf('<resumptionToken')))?.[1];
    if (!token) break;
    query = `verb=${verb}&resumptionToken=${encodeURIComponent(token)}`;
  }
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    records,
    pages: latencies.length,
    seconds: Math.round(seconds * 10) / 10,
    recordsPerSecond: Math.round(records / seconds),
    firstPageMs: round(latencies[0]!),
    middlePageMs: round(latencies[Math.floor(latencies.length / 2)]!),
    lastPageMs: round(latencies.at(-1)!),
    earlyPagesMedianMs: round(median(latencies.slice(1, 11))),
    latePagesMedianMs: round(median(latencies.slice(-11, -1))),
  };
}
