/** A harvester's view of an OAI-PMH list: every page fetched in turn, following resumption tokens. */

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

/** Harvests `verb` in `metadataPrefix` from the start to the last page. */
export async function harvestAll(baseUrl: string, verb: 'ListRecords' | 'ListIdentifiers', metadataPrefix: string): Promise<HarvestMeasure> {
  const latencies: number[] = [];
  const element = verb === 'ListRecords' ? '<record>' : '<header';
  let records = 0;
  let query = `verb=${verb}&metadataPrefix=${metadataPrefix}`;
  const started = performance.now();
  for (;;) {
    const sent = performance.now();
    const response = await fetch(`${baseUrl}/oai?${query}`);
    if (!response.ok) throw new Error(`page ${latencies.length + 1} answered ${response.status}`);
    const page = await response.text();
    latencies.push(performance.now() - sent);
    if (page.includes('<error')) throw new Error(`page ${latencies.length}: ${page.slice(0, 500)}`);
    records += count(page, element);
    const token = TOKEN.exec(page)?.[1];
    if (!token) break;
    query = `verb=${verb}&resumptionToken=${encodeURIComponent(token)}`;
  }
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
