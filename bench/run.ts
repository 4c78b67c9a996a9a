/**
 * Benchmarks of the record store and JSON API.
 *   npm run bench -- [--records N] [--database URL]
 * Creates N synthetic records through the create use case, then pages through them over HTTP and reads
 * single records. Prints a table and writes bench/results.json.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { authenticate } from '../src/services/auth-service.js';
import { createRecord } from '../src/services/record-service.js';

const options = new Command('bench')
  .option('--records <n>', 'records to generate', (v) => Number.parseInt(v, 10), 5_000)
  .option('--database <url>', 'database (default: a fresh SQLite file)')
  .parse()
  .opts<{ records: number; database?: string }>();

const dir = mkdtempSync(join(tmpdir(), 'fairharbor-bench-'));
const config = loadConfig({
  ...process.env,
  PORT: '0',
  DATABASE_URL: options.database ?? `sqlite:${join(dir, 'bench.sqlite')}`,
  FAIRHARBOR_ADMIN_TOKEN: 'bench-admin',
  LOG_LEVEL: 'silent',
});

function syntheticRecord(i: number) {
  return {
    titles: [{ title: `Synthetic single-cell atlas ${i} of tissue ${i % 97}` }],
    creators: [
      { name: `Researcher ${i % 500}, Alex`, nameType: 'Personal', givenName: 'Alex', familyName: `Researcher ${i % 500}` },
      { name: 'Example Sequencing Consortium', nameType: 'Organizational' },
    ],
    publisher: { name: 'Benchmark Data Centre' },
    publicationYear: 2000 + (i % 27),
    types: { resourceTypeGeneral: 'Dataset', resourceType: 'single-cell RNA-seq' },
    subjects: [{ subject: 'transcriptomics' }, { subject: `tissue ${i % 97}` }],
    descriptions: [{ description: `Counts matrix and metadata for sample set ${i}. `.repeat(8), descriptionType: 'Abstract' }],
    rightsList: [{ rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' }],
    doi: `10.99999/bench.${i}`,
    access: { level: i % 10 === 0 ? 'controlled' : 'public' },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const running = await startServer(config, { logger: createLogger('silent') });
try {
  const admin = await authenticate(running.services, 'Bearer bench-admin');
  const results: Record<string, number | string> = { records: options.records, database: config.databaseUrl.startsWith('sqlite') ? 'sqlite' : 'postgresql' };

  let started = performance.now();
  const accessions: string[] = [];
  for (let i = 1; i <= options.records; i++) accessions.push((await createRecord(running.services, admin, syntheticRecord(i))).accession);
  results.createPerSecond = Math.round(options.records / ((performance.now() - started) / 1000));

  started = performance.now();
  let listed = 0;
  let next: string | undefined = '/api/v1/records?page[size]=1000';
  while (next) {
    const page: { data: unknown[]; links: { next?: string } } = await (await fetch(running.url + next)).json();
    listed += page.data.length;
    next = page.links.next;
  }
  results.listedRecords = listed;
  results.listPerSecond = Math.round(listed / ((performance.now() - started) / 1000));

  const latencies: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const accession = accessions[(i * 7919) % accessions.length]!;
    const t = performance.now();
    const response = await fetch(`${running.url}/api/v1/records/${accession}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  results.getRecordP50Ms = Number(percentile(latencies, 50).toFixed(2));
  results.getRecordP99Ms = Number(percentile(latencies, 99).toFixed(2));

  console.table(results);
  writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2) + '\n');
} finally {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
}
