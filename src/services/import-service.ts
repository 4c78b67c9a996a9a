/**
 * Imports records read from another repository as mirrors of them, 500 to a transaction; a bad record is
 * reported and the others are stored (see importBatch). A source record imported again
 * updates its mirror (or, unchanged, leaves it and its datestamp alone); one deleted at the source
 * withdraws its mirror. The source, its licence and its terms are kept as the reader found them.
 */
import { DomainError, ValidationError } from '../model/errors.js';
import { SOURCE_NAME_PATTERN, type FairRecord } from '../model/schema.js';
import { acceptRecordInput, validateRecordInput } from '../model/validate.js';
import { mirrorInput, sourceKey, sourceNameOf, type PreparedItem } from '../import/mirror-input.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { findRecordBy } from '../store/record-store.js';
import type { ServiceContext } from './context.js';
import { editableView, replaceMirror, requireAccount, storeNewRecord, withdrawRecord } from './record-service.js';

/** What every reader yields: one source record, read into a record input, or the reason it could not be. */
export interface ImportItem {
  /** The record input (validated when imported); absent when `error` or `deleted`. */
  record?: Record<string, unknown>;
  /** The record's identifier in its source (OAI identifier, DOI, accession): identity on re-import, and how failures are reported. */
  sourceIdentifier: string;
  /** When the source last changed the record, as the source wrote it. */
  sourceDatestamp?: string;
  /** The source deleted the record: its mirror here is withdrawn. */
  deleted?: boolean;
  /** Why this one record could not be read; the others are still imported. */
  error?: string;
}

export interface ImportSource {
  /**
   * Short lower-case name: the OAI set source:NAME, and half of every mirror's identity. Without one, each
   * record's own source name (as its reader found it) is used, else `import`.
   */
  name?: string;
  /** The source repository's name, when the reader does not give one. */
  repository?: string;
  baseUrl?: string;
  metadataNamespace?: string;
}

export interface ImportFailure {
  sourceIdentifier: string;
  reason: string;
}

export interface ImportSummary {
  stored: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  failed: ImportFailure[];
}

type Outcome = 'stored' | 'updated' | 'unchanged' | 'withdrawn';

export function emptySummary(): ImportSummary {
  return { stored: 0, updated: 0, unchanged: 0, withdrawn: 0, failed: [] };
}

function reasonOf(error: unknown): string {
  if (error instanceof ValidationError) return error.problems.map((p) => `${p.field || '/'}: ${p.message}`).join('; ');
  if (error instanceof DomainError) return error.message;
  throw error;
}

/** JSON with object keys in order, so that equal content compares equal however it was built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** What of a mirror its source decides: everything a client may send, but the harvest date. */
function sourcedContent(record: Record<string, unknown>): string {
  const { status: _status, accession: _accession, source, ...content } = record;
  const { harvestDate: _harvestDate, ...kept } = (source ?? {}) as Record<string, unknown>;
  return canonical({ access: { level: 'public' }, ...content, source: kept });
}

function isUnchanged(current: FairRecord, input: Record<string, unknown>): boolean {
  return sourcedContent(editableView(current)) === sourcedContent(input);
}

/** An item to import: as its reader gave it, or prepared ahead (on the reader thread) with its mirror's input validated. */
export type Importable = ImportItem | PreparedItem;

async function importOne(context: ServiceContext, principal: Extract<Principal, { kind: 'account' }>, item: Importable, source: ImportSource): Promise<Outcome> {
  const name = 'sourceName' in item ? item.sourceName : sourceNameOf(item, source);
  const key = sourceKey(name, item.sourceIdentifier);
  const mirror = await findRecordBy(context.db, 'source_key', key);
  if (item.deleted) {
    if (!mirror || mirror.record.status === 'withdrawn') return 'unchanged';
    const when = item.sourceDatestamp ? ` on ${item.sourceDatestamp}` : '';
    await withdrawRecord(context, principal, mirror.record.accession, { reason: `Deleted at the source (${name})${when}`, category: 'other' });
    return 'withdrawn';
  }
  const input = 'sourceName' in item ? item.mirror!.input : mirrorInput(item, source, name, context.now().toISOString());
  if (!mirror) {
    // Only curators import (importItems): they may keep a source accession; without one, one is minted.
    const validated = 'sourceName' in item ? acceptRecordInput(input, item.mirror!.problems) : validateRecordInput(input, 'source');
    await storeNewRecord(context, principal, validated, async () => (accession) => ({ conceptAccession: accession, versionNumber: 1, latestAccession: accession }), {
      sourceKey: key,
    });
    return 'stored';
  }
  if (mirror.record.status === 'withdrawn') {
    throw new DomainError('conflict', `its mirror ${mirror.record.accession} was withdrawn here; a withdrawn record is never brought back`);
  }
  if (isUnchanged(mirror.record, input)) return 'unchanged';
  await replaceMirror(context, principal, mirror.record.accession, { ...input, accession: mirror.record.accession });
  return 'updated';
}

/**
 * Records imported per transaction. A batch is first tried as one transaction, each record's writes
 * straight in it; if any record fails, the batch is rolled back and imported again with each record in a
 * savepoint of its own, so that a bad record is rolled back alone. A crash loses at most the batch in
 * hand, which a re-run imports again (re-import is idempotent).
 */
const RECORDS_PER_COMMIT = 500;

type ItemResult = { outcome: Outcome } | { failure: ImportFailure };

/** A record of an all-or-nothing batch failed: the batch is rolled back, to be imported record by record. */
class BatchNeedsSavepoints extends Error {}

/**
 * Imports a batch in one transaction: all or nothing, with each record's writes straight in it (a failure
 * rolls the batch back), or with each record in a savepoint of its own (a failure is reported, the others kept).
 */
async function importBatchIn(
  mode: 'all-or-nothing' | 'savepoints',
  context: ServiceContext,
  principal: Extract<Principal, { kind: 'account' }>,
  items: Importable[],
  source: ImportSource,
): Promise<ItemResult[]> {
  return context.db.transaction(async (trx) => {
    const inBatch = mode === 'all-or-nothing' ? { ...context, db: trx, allOrNothing: trx } : { ...context, db: trx };
    const results: ItemResult[] = [];
    for (const item of items) {
      if (item.error) {
        results.push({ failure: { sourceIdentifier: item.sourceIdentifier, reason: item.error } });
        continue;
      }
      try {
        results.push({ outcome: await importOne(inBatch, principal, item, source) });
      } catch (error) {
        if (mode === 'all-or-nothing') throw new BatchNeedsSavepoints();
        results.push({ failure: { sourceIdentifier: item.sourceIdentifier, reason: reasonOf(error) } });
      }
    }
    return results;
  });
}

/** One commit's worth of items. Savepoints cost a third of a record's import, so a batch takes them only when one of its records fails. */
async function importBatch(context: ServiceContext, principal: Extract<Principal, { kind: 'account' }>, items: Importable[], source: ImportSource): Promise<ItemResult[]> {
  try {
    return await importBatchIn('all-or-nothing', context, principal, items, source);
  } catch (error) {
    if (!(error instanceof BatchNeedsSavepoints)) throw error;
    return importBatchIn('savepoints', context, principal, items, source);
  }
}

/** Imports every item; failures are reported with their source identifier, the others stored. */
export async function importItems(
  context: ServiceContext,
  principal: Principal,
  items: Iterable<Importable> | AsyncIterable<Importable>,
  source: ImportSource,
  onItem?: (summary: ImportSummary) => void,
): Promise<ImportSummary> {
  requireAccount(principal);
  if (!isStaff(principal)) throw new DomainError('forbidden', 'only curators may import records');
  if (source.name !== undefined && !new RegExp(SOURCE_NAME_PATTERN).test(source.name)) {
    throw new DomainError('bad_request', `source must be a short lower-case name (letters, digits, . _ -), the NAME of the OAI set source:NAME; got ${JSON.stringify(source.name.slice(0, 80))}`, 'source');
  }
  const summary = emptySummary();
  const commit = async (batch: Importable[]) => {
    // Counted once committed, so the summary never reports a record that is not stored.
    for (const result of await importBatch(context, principal, batch, source)) {
      if ('failure' in result) summary.failed.push(result.failure);
      else summary[result.outcome]++;
      onItem?.(summary);
    }
  };
  let batch: Importable[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === RECORDS_PER_COMMIT) {
      await commit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await commit(batch);
  return summary;
}
