/**
 * What harvesters may take: public records and the tombstones of once-public ones, in datestamp order.
 * The OAI-PMH provider reads only through here, so it sees exactly what policy/ calls harvestable.
 */
import type { FairRecord } from '../model/schema.js';
import { harvestFilter, today } from '../policy/visibility.js';
import {
  countHarvest,
  earliestDatestamp,
  findHarvestable,
  harvestPage,
  harvestRenderedPage,
  setInventory,
  type HarvestRow,
  type RenderingWanted,
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

/** A stored row as harvesters see it at `now`. */
export function harvestItemOf(row: Pick<HarvestRow, 'id' | 'datestamp' | 'document' | 'collections'>, now: Date): HarvestItem {
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
  return rows.map((row) => harvestItemOf(row, now));
}

/** A page entry: a stored rendering of the wanted form, or the item to render now. */
export type HarvestEntry = { position: HarvestPosition; rendered: string; item?: undefined } | { position: HarvestPosition; item: HarvestItem; rendered?: undefined };

/** Like harvestItems, taking the stored rendering `format` of each record that has a current one. */
export async function harvestEntries(
  context: ServiceContext,
  criteria: HarvestCriteria,
  after: HarvestPosition | undefined,
  limit: number,
  stored: { format: string; fingerprint: string },
): Promise<HarvestEntry[]> {
  const now = context.now();
  const wanted: RenderingWanted = { ...stored, today: today(now) };
  const rows = await harvestRenderedPage(context.db, selection(context, criteria), after, limit, wanted);
  return rows.map((row) => {
    const position = { datestamp: row.datestamp, id: row.id };
    return row.rendered !== undefined ? { position, rendered: row.rendered } : { position, item: harvestItemOf(row, now) };
  });
}

export function countHarvestItems(context: ServiceContext, criteria: HarvestCriteria): Promise<number> {
  return countHarvest(context.db, selection(context, criteria));
}

/** One harvestable record as a page entry: its stored rendering `format` when current. */
export async function harvestEntry(context: ServiceContext, accession: string, stored: { format: string; fingerprint: string }): Promise<HarvestEntry | undefined> {
  const now = context.now();
  const [row] = await harvestRenderedPage(context.db, { filter: harvestFilter(now), accession }, undefined, 1, { ...stored, today: today(now) });
  if (!row) return undefined;
  const position = { datestamp: row.datestamp, id: row.id };
  return row.rendered !== undefined ? { position, rendered: row.rendered } : { position, item: harvestItemOf(row, now) };
}

export async function harvestItem(context: ServiceContext, accession: string): Promise<HarvestItem | undefined> {
  const row = await findHarvestable(context.db, harvestFilter(context.now()), accession);
  return row ? harvestItemOf(row, context.now()) : undefined;
}

export function earliestHarvestDatestamp(context: ServiceContext): Promise<string | undefined> {
  return earliestDatestamp(context.db, harvestFilter(context.now()));
}

export function harvestSetInventory(context: ServiceContext): Promise<SetInventory> {
  return setInventory(context.db, harvestFilter(context.now()));
}
