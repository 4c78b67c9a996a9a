import type { Writable } from 'node:stream';
import { collectionWriter } from '../formats/collection-writer.js';
import type { OutputFormat } from '../formats/format.js';
import type { FairRecord } from '../model/schema.js';
import type { ServiceContext } from './context.js';
import { harvestItems, type HarvestPosition } from './harvest-service.js';
import { renderContext } from './render-context.js';

/** Every public record (tombstones left out), in datestamp order, a page at a time so memory stays flat. */
export async function* publicRecords(context: ServiceContext, pageSize = 500): AsyncGenerator<FairRecord> {
  let after: HarvestPosition | undefined;
  for (;;) {
    const page = await harvestItems(context, {}, after, pageSize);
    for (const item of page) if (!item.deleted) yield item.record;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}

/** Writes every public record to `out` as one file in `format`; returns how many were written. */
export async function exportPublicRecords(context: ServiceContext, format: OutputFormat, out: Writable): Promise<number> {
  const writer = collectionWriter(format, renderContext(context), out);
  let count = 0;
  for await (const record of publicRecords(context)) {
    await writer.add(record);
    count++;
  }
  await writer.end();
  return count;
}
