/**
 * Who may see and change what, now: the single place that decides visibility.
 * The record-level predicates and the list filter below express the same rule; the store turns the
 * filter into SQL, and a test checks the two agree on every combination of level, status and caller.
 */
import type { AccessLevel, RecordStatus } from '../model/schema.js';
import { isStaff, type Principal } from './principal.js';

/** The facts about a record that visibility depends on. */
export interface VisibilityFacts {
  status: RecordStatus;
  accessLevel: AccessLevel;
  releaseDate?: string | null;
  ownerId?: number | null;
  /** When the record first became public (a future moment for a scheduled record); null if never. */
  publicSince?: string | null;
}

/** The day a release date takes effect: releases happen at 00:00 UTC of that day. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function releaseMoment(releaseDate: string): string {
  return `${releaseDate}T00:00:00.000Z`;
}

/** A scheduled record is released once its release date has come, without anyone touching it. */
export function effectiveStatus(record: Pick<VisibilityFacts, 'status' | 'releaseDate'>, now: Date): RecordStatus {
  if (record.status === 'scheduled' && record.releaseDate && record.releaseDate <= today(now)) return 'released';
  return record.status;
}

/**
 * The next day on which time alone changes what a record shows: its release date, or the end of its
 * embargo (files open at 00:00 UTC that day). Undefined when no such day is ahead.
 */
export function nextViewChange(access: { releaseDate?: string | null; embargoEnd?: string | null }, now: Date): string | undefined {
  const day = today(now);
  const ahead = [access.releaseDate, access.embargoEnd].filter((date): date is string => typeof date === 'string' && date > day);
  return ahead.sort()[0];
}

/** Visible to anyone, in every public output. */
export function isPublic(record: VisibilityFacts, now: Date): boolean {
  return record.accessLevel !== 'private' && effectiveStatus(record, now) === 'released';
}

function owns(principal: Principal, record: VisibilityFacts): boolean {
  return principal.kind === 'account' && record.ownerId != null && record.ownerId === principal.accountId;
}

/** May the caller see this record's metadata (a withdrawn record shows only its tombstone)? */
export function canView(principal: Principal, record: VisibilityFacts, now: Date): boolean {
  if (isStaff(principal) || owns(principal, record)) return true;
  return isPublic(record, now) || isPublicTombstone(record, now);
}

/** A withdrawn record that was public keeps a public tombstone; one that never was stays invisible. */
export function isPublicTombstone(record: VisibilityFacts, now: Date): boolean {
  return record.status === 'withdrawn' && record.publicSince != null && record.publicSince <= now.toISOString();
}

/** Submitters change their own records until these are public; after that, changes go through curators. */
export function canEdit(principal: Principal, record: VisibilityFacts, now: Date): boolean {
  if (principal.kind !== 'account' || record.status === 'withdrawn') return false;
  if (isStaff(principal)) return true;
  return owns(principal, record) && !isPublic(record, now);
}

/** Reviewer links are made and revoked by the record's owner or a curator. */
export function canManageReviewLinks(principal: Principal, record: VisibilityFacts): boolean {
  if (principal.kind !== 'account' || record.status === 'withdrawn') return false;
  return isStaff(principal) || owns(principal, record);
}

/** A released record changes through a new version, made by its owner or a curator. */
export function canCreateVersion(principal: Principal, record: VisibilityFacts): boolean {
  return canManageReviewLinks(principal, record);
}

/** A reviewer link is for a record the public cannot see yet; once it is public, the public page serves. */
export function needsReviewLink(record: VisibilityFacts, now: Date): boolean {
  return record.status !== 'withdrawn' && !isPublic(record, now);
}

export function canCreate(principal: Principal): boolean {
  return principal.kind === 'account';
}

/** Keeping an accession from another repository is a curatorial act. */
export function canChooseAccession(principal: Principal): boolean {
  return isStaff(principal);
}

/** Withdrawal leaves a permanent tombstone: a curatorial decision. */
export function canWithdraw(principal: Principal): boolean {
  return isStaff(principal);
}

/** Which records a list may contain, for the store to apply in SQL. */
export type ListFilter =
  | { kind: 'everything' }
  | { kind: 'public'; today: string }
  | { kind: 'public-or-owned'; today: string; ownerId: number }
  | { kind: 'harvestable'; today: string; now: string };

/** Lists never include tombstones: those are reached by their identifier. */
export function listFilter(principal: Principal, now: Date): ListFilter {
  if (isStaff(principal)) return { kind: 'everything' };
  if (principal.kind === 'account') return { kind: 'public-or-owned', today: today(now), ownerId: principal.accountId };
  return { kind: 'public', today: today(now) };
}

/** The record-level equivalent of listFilter, used to check the two agree. */
export function isListed(principal: Principal, record: VisibilityFacts, now: Date): boolean {
  if (isStaff(principal)) return true;
  return isPublic(record, now) || owns(principal, record);
}

/**
 * What OAI-PMH and every other public feed disseminates: public records, and the tombstones of records
 * that were public (as deleted records, forever).
 */
export function isHarvestable(record: VisibilityFacts, now: Date): boolean {
  return isPublic(record, now) || isPublicTombstone(record, now);
}

export function harvestFilter(now: Date): ListFilter {
  return { kind: 'harvestable', today: today(now), now: now.toISOString() };
}
