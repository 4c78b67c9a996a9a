#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { harvestCommand } from './harvest-command.js';
import { FORMATS, formatByName } from '../formats/registry.js';
import { startServer } from '../http/server.js';
import { DomainError } from '../model/errors.js';
import { ROLES } from '../policy/principal.js';
import { createToken } from '../services/auth-service.js';
import type { ServiceContext } from '../services/context.js';
import { loadDemo } from '../services/demo-loader.js';
import { exportPublicRecords } from '../services/export-service.js';
import { syncDois } from '../services/doi-registration.js';
import { IMPORT_FORMATS } from '../import/formats.js';
import { runImport, summaryLines } from './import-command.js';
import { runRender } from './render-command.js';
import { openServices } from '../services/open-services.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import { BackupError, backupSqlite, restoreSqlite } from '../store/backup.js';

const DEMO_DATABASE = 'sqlite:./data/demo.sqlite';

function parseRole(value: string): string {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number');
  return port;
}

/** Runs one use case against an up-to-date database, then closes it. */
async function withServices<T>(config: Config, work: (context: ServiceContext) => Promise<T>): Promise<T> {
  const services = await openServices(config);
  try {
    return await work(services);
  } finally {
    await services.db.destroy();
  }
}

function serveUntilSignalled(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function removeSqliteFiles(databaseUrl: string): void {
  const path = resolve(databaseUrl.slice('sqlite:'.length));
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

export function buildProgram(): Command {
  const program = new Command('fairharbor').description('FAIR metadata server: OAI-PMH, DataCite, schema.org, DCAT and citations').showHelpAfterError();

  program
    .command('serve')
    .description('serve HTTP on HOST:PORT (migrations run first)')
    .action(async () => {
      const running = await startServer(loadConfig());
      serveUntilSignalled(running.close);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date, then exit')
    .action(async () => {
      const db = openDatabase(loadConfig().databaseUrl);
      const applied = await migrateToLatest(db).finally(() => db.destroy());
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
    });

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create a bearer token and print it once; only its hash is stored')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--name <name>', 'account the token belongs to (created on first use)')
    .action(async (options: { role: string; name?: string }) => {
      const created = await withServices(loadConfig(), (context) => createToken(context, options.role, options.name));
      console.log(created.token);
      console.error(`token for account "${created.account}" (${created.role}); it is shown only now`);
    });

  program
    .command('export')
    .description('write every public record in one format: JSON Lines for JSON formats, one graph for RDF, one collection element for XML')
    .addOption(new Option('--format <name>', 'output format').choices(FORMATS.map((format) => format.name)).makeOptionMandatory())
    .option('--out <file>', 'file to write (standard output by default); written whole or not at all')
    .action(async (options: { format: string; out?: string }) => {
      const format = formatByName(options.format)!;
      const count = await withServices(loadConfig(), async (context) => {
        if (!options.out) return exportPublicRecords(context, format, process.stdout);
        const partial = `${options.out}.partial`;
        const file = createWriteStream(partial);
        try {
          const written = await exportPublicRecords(context, format, file);
          file.end();
          await finished(file);
          renameSync(partial, options.out);
          return written;
        } catch (error) {
          file.destroy();
          rmSync(partial, { force: true });
          throw error;
        }
      });
      console.error(`exported ${count} public records as ${format.name}${options.out ? ` to ${options.out}` : ''}`);
    });

  program
    .command('backup')
    .description('write a consistent copy of the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump)')
    .argument('<file>', 'the backup to write; it must not exist')
    .action(async (file: string) => {
      const config = loadConfig();
      await withServices(config, (context) => backupSqlite(context.db, config.databaseUrl, file));
      console.log(`backed up ${config.databaseUrl} to ${file}`);
    });

  program
    .command('restore')
    .description('replace the SQLite database with a backup made by fairharbor backup; stop the server first')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string) => {
      const config = loadConfig();
      await restoreSqlite(config.databaseUrl, file);
      console.log(`restored ${config.databaseUrl} from ${file}`);
    });

  program
    .command('import')
    .description('import records from files, directories or URLs as mirrors of their source; prints a summary, and exits 1 if any record failed')
    .argument('<paths...>', 'files, directories (walked) or http(s) URLs')
    .option('--format <format>', `auto, or one of ${IMPORT_FORMATS.map((format) => format.name).join(', ')}`, 'auto')
    .option('--source <name>', 'short lower-case name of the source: the OAI set source:NAME, and the identity of its records here')
    .action(async (paths: string[], options: { format: string; source?: string }) => {
      const summary = await withServices(loadConfig(), (context) => runImport(context, paths, options));
      for (const line of summaryLines(summary)) console.log(line);
      if (summary.failed.length > 0) process.exitCode = 1;
    });

  program
    .command('render')
    .description('render now the stored OAI-PMH records of every record written since they were last rendered (a running server does this in the background)')
    .option('--all', 'render every record again')
    .action(async (options: { all?: boolean }) => {
      const rendered = await withServices(loadConfig(), (context) => runRender(context, options));
      console.log(`rendered ${rendered} records`);
    });

  program.addCommand(harvestCommand());

  const doi = program.command('doi').description('DOI registration with DataCite');
  doi
    .command('sync')
    .description('send every DOI the repository registers to DataCite again, now (or one record\'s), and report what DataCite said')
    .option('--accession <accession>', 'only this record')
    .action(async (options: { accession?: string }) => {
      const report = await withServices(loadConfig(), (context) => syncDois(context, options.accession));
      console.log(`queued ${report.queued}; registered ${report.done}; retrying later ${report.retrying}; failed ${report.failed}`);
      for (const failure of report.failures) console.error(`  ${failure.doi}: ${failure.error}`);
      if (report.failed > 0 || report.retrying > 0) process.exitCode = 1;
    });

  program
    .command('demo')
    .description(`load the bundled demo records into a fresh database (${DEMO_DATABASE} unless --database) and serve them`)
    .option('--database <url>', 'database to load; a SQLite file is recreated, any other database must be empty')
    .option('--port <port>', 'HTTP port (default PORT or 8080)', parsePort)
    .action(async (options: { database?: string; port?: number }) => {
      const databaseUrl = options.database ?? DEMO_DATABASE;
      const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, ...(options.port !== undefined ? { PORT: String(options.port) } : {}) });
      if (databaseUrl.startsWith('sqlite:')) removeSqliteFiles(databaseUrl);
      const running = await startServer(config);
      const count = await running.services.db('records').count({ n: '*' }).first();
      if (Number(count?.n) > 0) {
        await running.close();
        throw new ConfigError(`the demo needs an empty database, and ${databaseUrl} already holds records`);
      }
      const demo = await loadDemo(running.services);
      console.log(`\nfairharbor demo: ${demo.records.length} records at ${config.baseUrl}`);
      console.log(`  ${config.baseUrl}/api/v1/records`);
      console.log(`  curator token:   ${demo.curatorToken}`);
      console.log(`  submitter token: ${demo.submitterToken}\n`);
      serveUntilSignalled(running.close);
    });

  return program;
}

buildProgram()
  .parseAsync()
  .catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DomainError || error instanceof BackupError;
    console.error(`fairharbor: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}`);
    process.exit(known ? 2 : 1);
  });
