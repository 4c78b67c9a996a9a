/**
 * What harvesters may take: public records and the tombstones of once-public ones, in datestamp order.
 * The OAI-PMH provider reads only through here, so it sees exactly what policy/ calls harvestable.
 */
import type { FairRecord } from '../model/schema.js';
import { harvestFilter } from '../policy/visibility.js';
import {
  countHarvest,
  earliestDatestamp,
  findHarvestable,
  harvestPage,
  setInventory,
  type HarvestRow,
  type HarvestSelection,
  type SetCondition,
  type SetInventory,
} from '../store/harvest-store.js';
import type { ServiceContext } from './context.js';
import { presentRecord } from './record-service.js';

export type { SetCondition, SetInventory };

export interface HarvestItem {
  record: FairRecord;
  deleted: boolean;
  /** The record's datestamp with milliseconds, as stored. */
  datestamp: string;
  collections: string[];
  /** Keyset position of this item, for resuming after it. */
  position: HarvestPosition;
}

export interface HarvestPosition {
  datestamp: string;
  id: number;
}

export interface HarvestCriteria {
  from?: string;
  before?: string;
  set?: SetCondition;
}

function item(row: HarvestRow, now: Date): HarvestItem {
  const record = presentRecord(JSON.parse(row.document), now);
  return {
    record,
    deleted: record.status === 'withdrawn',
    datestamp: row.datestamp,
    collections: row.collections,
    position: { datestamp: row.datestamp, id: row.id },
  };
}

function selection(context: ServiceContext, criteria: HarvestCriteria): HarvestSelection {
  return { filter: harvestFilter(context.now()), ...criteria };
}

export async function harvestItems(context: ServiceContext, criteria: HarvestCriteria, after: HarvestPosition | undefined, limit: number): Promise<HarvestItem[]> {
  const rows = await harvestPage(context.db, selection(context, criteria), after, limit);
  const now = context.now();
  return rows.map((row) => item(row, now));
}

export function countHarvestItems(context: ServiceContext, criteria: HarvestCriteria): Promise<number> {
  return countHarvest(context.db, selection(context, criteria));
}

export async function harvestItem(context: ServiceContext, accession: string): Promise<HarvestItem | undefined> {
  const row = await findHarvestable(context.db, harvestFilter(context.now()), accession);
  return row ? item(row, context.now()) : undefined;
}

export function earliestHarvestDatestamp(context: ServiceContext): Promise<string | undefined> {
  return earliestDatestamp(context.db, harvestFilter(context.now()));
}

export function harvestSetInventory(context: ServiceContext): Promise<SetInventory> {
  return setInventory(context.db, harvestFilter(context.now()));
}
