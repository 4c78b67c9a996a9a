/**
 * Releases scheduled records whose day has come. Reads already treat such a record as released at 00:00
 * UTC of its release date (policy/visibility.ts); this makes it so in the database too, and links it to the
 * other versions of its concept, whose public views change only now. Any instance may run it: each record
 * is taken under a row lock and released once.
 */
import type { ServiceContext } from './context.js';
import type { FairRecord } from '../model/schema.js';
import { effectiveStatus, today } from '../policy/visibility.js';
import { dueScheduledRecords, findRecordBy, updateRecord } from '../store/record-store.js';
import { columnsFor } from './record-columns.js';
import { queueDoiRegistration } from './doi-queue.js';
import { linkVersions } from './version-links.js';

const BATCH = 100;

/** Releases every due scheduled record; returns their accessions. */
export async function releaseDueRecords(context: ServiceContext): Promise<string[]> {
  const now = context.now();
  const released: string[] = [];
  const seen = new Set<number>();
  for (;;) {
    const due = (await dueScheduledRecords(context.db, today(now), BATCH)).filter((stored) => !seen.has(stored.id));
    if (due.length === 0) return released;
    for (const candidate of due) {
      seen.add(candidate.id);
      const done = await context.db.transaction(async (trx) => {
        const stored = await findRecordBy(trx, 'accession', candidate.record.accession, { forUpdate: true });
        if (!stored || stored.record.status !== 'scheduled') return false;
        if (effectiveStatus({ status: 'scheduled', releaseDate: stored.record.access.releaseDate }, now) !== 'released') return false;
        const record: FairRecord = { ...stored.record, status: 'released' };
        await updateRecord(trx, stored.id, columnsFor(record, stored.ownerId, stored.publicSince));
        await queueDoiRegistration(trx, context.config, stored, record, now);
        await linkVersions(trx, context.config, record.versions.conceptAccession, now);
        return true;
      });
      if (done) released.push(candidate.record.accession);
    }
  }
}
