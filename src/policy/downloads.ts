import type { FairRecord } from '../model/schema.js';
import { isStaff, type Principal } from './principal.js';
import { isPublic, today, type VisibilityFacts } from './visibility.js';

/**
 * May anyone download the record's files, now? Public records only, and not before an embargo ends;
 * registered and controlled files need a signed-in or approved user, which no anonymous link can carry.
 */
export function filesOpenToEveryone(record: Pick<FairRecord, 'access' | 'status'>, now: Date): boolean {
  if (record.status === 'withdrawn' || record.access.level !== 'public') return false;
  const embargoEnd = record.access.embargoEnd;
  return embargoEnd === undefined || embargoEnd <= today(now);
}

/** The facts about a record that downloads depend on. */
export interface DownloadFacts extends VisibilityFacts {
  /** Files stay closed until 00:00 UTC of this day. */
  embargoEnd?: string | null;
}

/** An approved access request: its requester may download the record's files until `accessUntil`. */
export interface AccessGrant {
  requesterId: number;
  accessUntil: string;
}

/** Why a caller may not download now, so the answer can say how to get access. */
export type DownloadDecision =
  | { allowed: true }
  | { allowed: false; reason: 'embargo'; opensOn: string }
  | { allowed: false; reason: 'sign-in' }
  | { allowed: false; reason: 'approval'; accessEnded?: string }
  | { allowed: false; reason: 'not-public' };

/**
 * Who may download a record's files, now. Owners and staff always may. Everyone else only from a public
 * record (released, not private) whose embargo is over, and then by its level: public to anyone (STOmicsDB
 * art. 8), registered to any signed-in account (NBDC 5.1.2), controlled only to a requester whose approved
 * access has not ended (STOmicsDB art. 8 and 10, CNGBdb 2.1).
 */
export function downloadDecision(principal: Principal, facts: DownloadFacts, now: Date, grant?: AccessGrant): DownloadDecision {
  const owner = principal.kind === 'account' && facts.ownerId != null && facts.ownerId === principal.accountId;
  if (isStaff(principal) || owner) return { allowed: true };
  if (!isPublic(facts, now)) return { allowed: false, reason: 'not-public' };
  if (facts.embargoEnd && facts.embargoEnd > today(now)) return { allowed: false, reason: 'embargo', opensOn: facts.embargoEnd };
  switch (facts.accessLevel) {
    case 'public':
      return { allowed: true };
    case 'registered':
      return principal.kind === 'account' ? { allowed: true } : { allowed: false, reason: 'sign-in' };
    case 'controlled': {
      const own = grant !== undefined && principal.kind === 'account' && grant.requesterId === principal.accountId;
      if (own && grant.accessUntil > now.toISOString()) return { allowed: true };
      return own ? { allowed: false, reason: 'approval', accessEnded: grant.accessUntil } : { allowed: false, reason: 'approval' };
    }
    case 'private':
      return { allowed: false, reason: 'not-public' };
  }
}

export function canDownload(principal: Principal, facts: DownloadFacts, now: Date, grant?: AccessGrant): boolean {
  return downloadDecision(principal, facts, now, grant).allowed;
}

/** The owner of a record and curators decide who may use its controlled data (CNGBdb 2.1 (1), STOmicsDB art. 8). */
export function canDecideAccess(principal: Principal, facts: Pick<VisibilityFacts, 'ownerId'>): boolean {
  if (principal.kind !== 'account') return false;
  return isStaff(principal) || (facts.ownerId != null && facts.ownerId === principal.accountId);
}
