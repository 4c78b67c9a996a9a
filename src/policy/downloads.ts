import type { FairRecord } from '../model/schema.js';
import { today } from './visibility.js';

/**
 * May anyone download the record's files, now? Public records only, and not before an embargo ends;
 * registered and controlled files need a signed-in or approved user, which no anonymous link can carry.
 */
export function filesOpenToEveryone(record: Pick<FairRecord, 'access' | 'status'>, now: Date): boolean {
  if (record.status === 'withdrawn' || record.access.level !== 'public') return false;
  const embargoEnd = record.access.embargoEnd;
  return embargoEnd === undefined || embargoEnd <= today(now);
}
