/** `fairharbor harvest BASE_URL`: harvest an OAI-PMH source now, incrementally, resuming a stopped run. */
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.js';
import { COMMAND_LINE } from '../policy/principal.js';
import { parseHarvestDate } from '../import/oai-datestamps.js';
import { harvestSource, type HarvestProgress, type HarvestRun } from '../import/oai-harvester.js';
import { ensureHarvestSource } from '../services/harvest-source-service.js';
import { openServices } from '../services/open-services.js';
import { summaryLines } from './import-command.js';

interface HarvestCommandOptions {
  metadataPrefix?: string;
  set?: string;
  from?: string;
  until?: string;
  source?: string;
}

function harvestDate(name: 'from' | 'until') {
  return (value: string) => {
    try {
      parseHarvestDate(value, name);
      return value;
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

function baseUrl(value: string): string {
  if (!/^https?:\/\/[^\s?#]+$/.test(value)) throw new InvalidArgumentError('must be the http(s) base URL of an OAI-PMH source, without a query');
  return value;
}

/** A progress bar on a terminal; elsewhere, only the waits are told. */
function progressDisplay(source: string) {
  if (!process.stderr.isTTY) {
    return {
      update: (_progress: HarvestProgress) => {},
      note: (message: string) => console.error(message),
      stop: () => {},
    };
  }
  const bar = new SingleBar({
    format: `${source} [{bar}] {value}/{total} records | page {page} | stored {stored} updated {updated} unchanged {unchanged} withdrawn {withdrawn} failed {failed}`,
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  const payload = (p?: HarvestProgress) => ({
    page: (p?.pagesDone ?? 0) + 1,
    stored: p?.summary.stored ?? 0,
    updated: p?.summary.updated ?? 0,
    unchanged: p?.summary.unchanged ?? 0,
    withdrawn: p?.summary.withdrawn ?? 0,
    failed: p?.summary.failed.length ?? 0,
  });
  return {
    update(progress: HarvestProgress) {
      const total = Math.max(progress.completeListSize ?? 0, progress.recordsSeen);
      if (!started) {
        bar.start(total, progress.recordsSeen, payload(progress));
        started = true;
      }
      bar.setTotal(total);
      bar.update(progress.recordsSeen, payload(progress));
    },
    note(message: string) {
      if (started) bar.stop();
      started = false;
      console.error(message);
    },
    stop: () => bar.stop(),
  };
}

function printRun(run: HarvestRun): void {
  const bounds = [run.from ? `from ${run.from}` : 'everything', run.until ? `until ${run.until}` : undefined].filter(Boolean).join(' ');
  console.log(`${run.status === 'succeeded' ? 'harvested' : 'stopped harvesting'} ${run.source} (${run.baseUrl}, ${run.metadataPrefix ?? 'no format'}${run.set ? `, set ${run.set}` : ''}, ${bounds})`);
  if (run.resumed) console.log('  resumed the run that had stopped');
  if (run.restarted) console.log('  the source refused a resumption token: the run started over from its from');
  console.log(`  ${run.pagesDone} pages, ${run.recordsSeen} records listed`);
  for (const line of summaryLines(run.summary)) console.log(line);
  if (run.deletedRecord === 'no') console.log('note: the source says it keeps no deleted records, so records it deletes are not withdrawn here');
  if (run.error) console.error(`fairharbor: ${run.error}; the next harvest of ${run.source} resumes where this one stopped`);
}

export function harvestCommand(): Command {
  return new Command('harvest')
    .description('harvest an OAI-PMH source now: incremental from the start of its last successful harvest, resuming a harvest that stopped')
    .argument('<base-url>', 'the base URL of the OAI-PMH source', baseUrl)
    .option('--metadata-prefix <prefix>', 'metadata format (default: oai_datacite when the source offers it, else oai_dc)')
    .option('--set <spec>', 'harvest only this set of the source')
    .option('--from <date>', 'harvest records changed since this day or moment, instead of since the last harvest', harvestDate('from'))
    .option('--until <date>', 'harvest records changed up to this day or moment', harvestDate('until'))
    .option('--source <name>', 'the name of the source here, forming the OAI set source:NAME (default: made from the host)')
    .action(async (url: string, options: HarvestCommandOptions) => {
      const context = await openServices(loadConfig());
      let run: HarvestRun;
      try {
        const source = await ensureHarvestSource(context, COMMAND_LINE, {
          baseUrl: url,
          ...(options.source !== undefined ? { name: options.source } : {}),
          ...(options.metadataPrefix !== undefined ? { metadataPrefix: options.metadataPrefix } : {}),
          ...(options.set !== undefined ? { set: options.set } : {}),
        });
        const display = progressDisplay(source.name);
        try {
          run = await harvestSource(context, COMMAND_LINE, source.name, {
            from: options.from,
            until: options.until,
            onProgress: (progress) => display.update(progress),
            client: { onWait: ({ ms, reason }) => display.note(`${source.name}: ${reason}; waiting ${Math.round(ms / 1000)} s before asking again`) },
          });
        } finally {
          display.stop();
        }
      } finally {
        await context.db.destroy();
      }
      printRun(run);
      if (run.status === 'failed' || run.summary.failed.length > 0) process.exitCode = 1;
    });
}
