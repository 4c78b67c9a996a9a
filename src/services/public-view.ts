import type { Knex } from 'knex';
import type { FairRecord } from '../model/schema.js';
import { updateRecord } from '../store/record-store.js';

/**
 * Records the moment a record's public view changed without its document changing (a set it belongs to
 * was added or removed), so incremental harvests pick the change up (DESIGN invariant 2). A datestamp
 * already in the future — a scheduled release — stays: the record's first public view is still ahead.
 */
export async function touchDatestamps(trx: Knex.Transaction, recordIds: number[], now: Date): Promise<void> {
  const nowIso = now.toISOString();
  for (const id of recordIds) {
    const row = await trx('records').where({ id }).first('datestamp', 'document');
    if (!row || row.datestamp >= nowIso) continue;
    const record: FairRecord = JSON.parse(typeof row.document === 'string' ? row.document : JSON.stringify(row.document));
    await updateRecord(trx, id, { datestamp: nowIso, document: JSON.stringify({ ...record, datestamp: nowIso }) });
  }
}
