/**
 * `fairharbor import FILE|DIR|URL …`: reads each document, imports its records as mirrors, shows progress
 * on a terminal and ends with a summary.
 */
import { SingleBar, Presets } from 'cli-progress';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceDocument } from '../import/importer.js';
import { importDocuments } from '../import/importer.js';
import { COMMAND_LINE } from '../policy/principal.js';
import type { ServiceContext } from '../services/context.js';
import type { ImportSummary } from '../services/import-service.js';
import { journalStatementsInMemory } from '../store/record-store.js';

/** Every file under the given paths (directories walked, in name order), and every URL. */
function locations(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (/^https?:\/\//.test(path)) return [path];
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .sort()
      .flatMap((entry) => locations([join(path, entry)]));
  });
}

async function* documents(paths: string[]): AsyncGenerator<SourceDocument> {
  for (const location of paths) {
    if (/^https?:\/\//.test(location)) {
      const response = await fetch(location, { signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`${location} answered ${response.status}`);
      yield { name: location, bytes: new Uint8Array(await response.arrayBuffer()) };
    } else {
      yield { name: location, bytes: await readFile(location) };
    }
  }
}

export function summaryLines(summary: ImportSummary): string[] {
  return [
    `stored ${summary.stored}, updated ${summary.updated}, unchanged ${summary.unchanged}, withdrawn ${summary.withdrawn}, failed ${summary.failed.length}`,
    ...summary.failed.map((failure) => `  failed ${failure.sourceIdentifier}: ${failure.reason}`),
  ];
}

export async function runImport(context: ServiceContext, paths: string[], options: { format: string; source?: string }): Promise<ImportSummary> {
  const files = locations(paths);
  await journalStatementsInMemory(context.db);
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '{bar} {value}/{total} documents | stored {stored} updated {updated} unchanged {unchanged} failed {failed}', stream: process.stderr }, Presets.shades_classic)
    : undefined;
  const counts = (summary: ImportSummary) => ({ stored: summary.stored, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed.length });
  bar?.start(files.length, 0, counts({ stored: 0, updated: 0, unchanged: 0, withdrawn: 0, failed: [] }));
  try {
    return await importDocuments(context, COMMAND_LINE, documents(files), {
      format: options.format,
      source: options.source ? { name: options.source } : {},
      onProgress: (summary) => bar?.update(counts(summary)),
      onDocument: () => bar?.increment(),
      readerThread: true,
    });
  } finally {
    bar?.stop();
  }
}
