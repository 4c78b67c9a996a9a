/**
 * fairharbor at repository scale, in one run:
 *   npm run bench -- [--records N] [--database URL] [--connections C] [--seconds S]
 * Generates N synthetic DataCite records (default 1,000,000; kept in bench/.data for the next run), then
 * measures the import, the rendering of stored records, full OAI-PMH harvests over HTTP following
 * resumption tokens (with the server's peak memory), ListIdentifiers, GetRecord and /records/{accession}
 * as JSON-LD under C concurrent connections, and the same-run baseline: the store reading the same rows
 * and joining their stored XML, with no HTTP. On SQLite it also probes the disk's random reads, which
 * lookups over more records than memory holds depend on. Prints a table and writes bench/results.json.
 */
import { Command } from 'commander';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { harvestFilter, today } from '../src/policy/visibility.js';
import { openDatabase } from '../src/store/database.js';
import { harvestRenderedPage } from '../src/store/harvest-store.js';
import { recordRendering } from '../src/oai/stored-renderings.js';
import { renderingsFingerprint } from '../src/services/rendering-service.js';
import { loadConfig } from '../src/config.js';
import { harvestAll, type HarvestMeasure } from './harvest.js';
import { diskProbe } from './disk.js';
import { load } from './load.js';
import { runCli, startServerProcess } from './processes.js';
import { writeDataCitePages } from './synthetic.js';

const options = new Command('bench')
  .option('--records <n>', 'records to generate and import', (v) => Number.parseInt(v, 10), 1_000_000)
  .option('--database <url>', 'an empty database to use (default: a fresh SQLite file)')
  .option('--connections <n>', 'concurrent connections for the request benchmarks', (v) => Number.parseInt(v, 10), 50)
  .option('--seconds <n>', 'duration of each request benchmark', (v) => Number.parseInt(v, 10), 20)
  .parse()
  .opts<{ records: number; database?: string; connections: number; seconds: number }>();

const BASE_URL = 'http://localhost:8080';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function step(message: string): void {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function syntheticPages(records: number): string {
  const directory = join(ROOT, 'bench', '.data', `datacite-${records}`);
  const complete = join(ROOT, 'bench', '.data', `datacite-${records}.complete`);
  if (!existsSync(complete)) {
    step(`generating ${records} records in ${directory}`);
    rmSync(directory, { recursive: true, force: true });
    writeDataCitePages(directory, records);
    writeFileSync(complete, '');
  }
  return directory;
}

/** The practical limit: the server's own page query, joined without HTTP, OAI envelope or tokens. */
async function baseline(databaseUrl: string): Promise<{ records: number; recordsPerSecond: number }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, BASE_URL, LOG_LEVEL: 'silent' });
  const db = openDatabase(databaseUrl);
  const wanted = { format: recordRendering('oai_dc'), fingerprint: renderingsFingerprint(config), today: today(new Date()) };
  try {
    let records = 0;
    let bytes = 0;
    let after: { datestamp: string; id: number } | undefined;
    const started = performance.now();
    for (;;) {
      const rows = await harvestRenderedPage(db, { filter: harvestFilter(new Date()) }, after, config.oai.pageSize, wanted);
      if (rows.length === 0) break;
      const joined = rows.map((row) => ('rendered' in row && row.rendered !== undefined ? row.rendered : '')).join('');
      bytes += joined.length;
      records += rows.length;
      const last = rows.at(-1)!;
      after = { datestamp: last.datestamp, id: last.id };
    }
    if (bytes === 0) throw new Error('no stored renderings were read');
    return { records, recordsPerSecond: Math.round(records / ((performance.now() - started) / 1000)) };
  } finally {
    await db.destroy();
  }
}

/** One row per measurement, for the terminal. */
function summaryTable(results: Record<string, unknown>): Record<string, Record<string, number | string>> {
  const harvests = results.harvests as Record<string, HarvestMeasure>;
  const rows: Record<string, Record<string, number | string>> = {
    import: { 'records/s': (results.import as { recordsPerSecond: number }).recordsPerSecond },
    render: { 'records/s': (results.render as { recordsPerSecond: number }).recordsPerSecond },
    'baseline (no HTTP)': { 'records/s': (results.baseline as { recordsPerSecond: number }).recordsPerSecond },
  };
  for (const [name, harvest] of Object.entries(harvests)) {
    rows[name] = { 'records/s': harvest.recordsPerSecond, 'first page ms': harvest.firstPageMs, 'middle page ms': harvest.middlePageMs, 'last page ms': harvest.lastPageMs };
  }
  for (const name of ['getRecord', 'recordJsonLd'] as const) {
    const measure = results[name] as { requestsPerSecond: number; p50Ms: number; p99Ms: number };
    rows[name] = { 'requests/s': measure.requestsPerSecond, 'p50 ms': measure.p50Ms, 'p99 ms': measure.p99Ms };
  }
  rows['server peak RSS'] = { MB: results.serverPeakRssMb as number };
  const disk = results.diskRandomReadsPerSecond as { oneAtATime: number; eightAtOnce: number } | undefined;
  if (disk) rows['disk: random 8 kB reads'] = { 'reads/s, 1 at a time': disk.oneAtATime, 'reads/s, 8 at once': disk.eightAtOnce };
  return rows;
}

function machine() {
  const cpu = cpus();
  const sqlite = (() => {
    try {
      return execFileSync(process.execPath, ['-e', "console.log(new (require('better-sqlite3'))(':memory:').prepare('select sqlite_version() v').get().v)"], { cwd: ROOT }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  return { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version, sqlite };
}

const work = mkdtempSync(join(tmpdir(), 'fairharbor-bench-'));
const databaseUrl = options.database ?? `sqlite:${join(work, 'bench.sqlite')}`;
const env = { DATABASE_URL: databaseUrl, BASE_URL, LOG_LEVEL: 'warn', FAIRHARBOR_ADMIN_TOKEN: 'bench-admin-token' };
const results: Record<string, unknown> = { date: new Date().toISOString(), records: options.records, database: databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgresql', machine: machine() };

try {
  step('building');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const pages = syntheticPages(options.records);
  const files = readdirSync(pages).filter((name) => name.endsWith('.json')).length;

  await runCli(['migrate'], env);
  step(`importing ${options.records} records from ${files} DataCite JSON files`);
  const imported = await runCli(['import', '--format', 'datacite-json', pages], env);
  if (!imported.output.includes(`stored ${options.records},`)) throw new Error(`import did not store every record:\n${imported.output.slice(0, 2000)}`);
  results.import = { seconds: Math.round(imported.seconds), recordsPerSecond: Math.round(options.records / imported.seconds) };

  step('rendering stored records');
  const rendered = await runCli(['render'], env);
  results.render = { seconds: Math.round(rendered.seconds), recordsPerSecond: Math.round(options.records / rendered.seconds) };

  step('baseline: reading the stored rows with no HTTP');
  results.baseline = await baseline(databaseUrl);

  const server = await startServerProcess(env);
  try {
    const harvests: Record<string, HarvestMeasure> = {};
    for (const [name, verb, prefix] of [
      ['ListRecords oai_dc', 'ListRecords', 'oai_dc'],
      ['ListRecords oai_datacite', 'ListRecords', 'oai_datacite'],
      ['ListIdentifiers', 'ListIdentifiers', 'oai_dc'],
    ] as const) {
      step(`harvesting ${name}`);
      harvests[name] = await harvestAll(server.url, verb, prefix);
      if (harvests[name]!.records !== options.records) throw new Error(`${name} delivered ${harvests[name]!.records} of ${options.records} records`);
    }
    results.harvests = harvests;
    results.serverPeakRssMbAfterHarvests = Math.round(server.peakRssMb());

    const accession = (i: number) => `FH${String(1 + ((i * 7919) % options.records)).padStart(7, '0')}`;
    step(`GetRecord with ${options.connections} connections for ${options.seconds} s`);
    results.getRecord = await load({
      url: server.url,
      connections: options.connections,
      seconds: options.seconds,
      path: (i) => `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:${accession(i)}`,
    });
    if (databaseUrl.startsWith('sqlite:')) {
      step('random 8 kB reads on the database file, one and eight at a time');
      results.diskRandomReadsPerSecond = await diskProbe(databaseUrl.slice('sqlite:'.length));
    }
    step(`/records/{accession} as JSON-LD with ${options.connections} connections for ${options.seconds} s`);
    results.recordJsonLd = await load({
      url: server.url,
      connections: options.connections,
      seconds: options.seconds,
      path: (i) => `/records/${accession(i)}`,
      headers: { Accept: 'application/ld+json' },
    });
    results.serverPeakRssMb = Math.round(server.peakRssMb());
  } finally {
    await server.stop();
  }
  const dc = (results.harvests as Record<string, HarvestMeasure>)['ListRecords oai_dc']!;
  results.harvestShareOfBaseline = Math.round((100 * dc.recordsPerSecond) / (results.baseline as { recordsPerSecond: number }).recordsPerSecond) / 100;

  console.table(summaryTable(results));
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  step('written to bench/results.json');
} finally {
  rmSync(work, { recursive: true, force: true });
}
