import type { FairRecord } from '../model/schema.js';
import type { ServiceContext } from './context.js';
import { harvestItems, type HarvestPosition } from './harvest-service.js';

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
