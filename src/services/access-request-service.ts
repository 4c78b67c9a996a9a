/**
 * Requests for access to controlled data, and their decisions. A signed-in user applies with the research
 * purpose, their name and institution (CNGBdb 2.1's application form); the record's owner or a curator
 * approves for a period (CNGBdb: the initial access period is set by the submitter) or rejects, with a note.
 * Requests and decisions are kept forever: a request ends by being rejected, withdrawn or by its period
 * running out, never by deletion.
 */
import { DomainError, ValidationError, notFound } from '../model/errors.js';
import { ACCESS_DEFAULT_DAYS, type AccessRequestStatus } from '../model/access-request-schema.js';
import { validateAccessDecisionInput, validateAccessRequestInput } from '../model/validate.js';
import { canDecideAccess, canDownload } from '../policy/downloads.js';
import type { Principal } from '../policy/principal.js';
import {
  accessRequestsOf,
  findAccessRequest,
  insertAccessRequest,
  settleAccessRequest,
  type AccessRequestOutcome,
  type AccessRequestRow,
} from '../store/access-request-store.js';
import type { StoredRecord } from '../store/record-store.js';
import type { ServiceContext } from './context.js';
import { downloadFacts, loadVisible, visibilityFacts } from './record-service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccessRequestView {
  id: number;
  accession: string;
  /** The requester's account. */
  account: string;
  name: string;
  institution: string;
  purpose: string;
  status: AccessRequestStatus;
  created: string;
  /** When it was approved, rejected or withdrawn. */
  decided?: string;
  note?: string;
  /** The end of the approved access period. */
  accessUntil?: string;
  /** Approved, and the period has not ended. */
  active: boolean;
}

function view(row: AccessRequestRow, accession: string, now: Date): AccessRequestView {
  return {
    id: row.id,
    accession,
    account: row.requester_account,
    name: row.requester_name,
    institution: row.requester_institution,
    purpose: row.purpose,
    status: row.status,
    created: row.created_at,
    ...(row.decided_at ? { decided: row.decided_at } : {}),
    ...(row.decision_note ? { note: row.decision_note } : {}),
    ...(row.access_until ? { accessUntil: row.access_until } : {}),
    active: isActive(row, now),
  };
}

function isActive(row: AccessRequestRow, now: Date): boolean {
  return row.status === 'approved' && row.access_until !== null && row.access_until > now.toISOString();
}

function requireSignedIn(principal: Principal, what: string): asserts principal is Extract<Principal, { kind: 'account' }> {
  if (principal.kind !== 'account') throw new DomainError('unauthenticated', `${what} needs a bearer token: sign in first`);
}

/** The API address where access to a record's files is requested. */
export function accessRequestsUrl(context: ServiceContext, accession: string): string {
  return `${context.config.baseUrl}/api/v1/records/${encodeURIComponent(accession)}/access-requests`;
}

function refuseUnlessControlled(stored: StoredRecord): void {
  const { accession, status, access } = stored.record;
  if (status === 'withdrawn') throw new DomainError('gone', `record ${accession} was withdrawn: its files are no longer available`);
  if (access.level === 'controlled') return;
  const open = access.level === 'public' ? 'open to everyone' : access.level === 'registered' ? 'open to every signed-in user' : 'not shared';
  throw new DomainError('conflict', `the files of record ${accession} are ${open}: access requests are for controlled records only`);
}

/** STOmicsDB art. 8: controlled data accepts user requests for access and downloading. */
export async function requestAccess(context: ServiceContext, principal: Principal, accession: string, body: unknown): Promise<AccessRequestView> {
  requireSignedIn(principal, 'requesting access');
  const input = validateAccessRequestInput(body);
  const now = context.now();
  return context.db.transaction(async (trx) => {
    // The record's row lock makes concurrent requests of one user queue, so at most one stays open.
    const stored = await loadVisible(trx, principal, accession, now, true);
    refuseUnlessControlled(stored);
    if (canDownload(principal, downloadFacts(stored), now)) {
      throw new DomainError('conflict', `you may already download the files of record ${accession}`);
    }
    const own = await accessRequestsOf(trx, stored.id, principal.accountId);
    const pending = own.find((row) => row.status === 'pending');
    if (pending) throw new DomainError('conflict', `your request ${pending.id} for record ${accession} is still pending`, undefined, { request: pending.id });
    const active = own.find((row) => isActive(row, now));
    if (active) {
      throw new DomainError('conflict', `your request ${active.id} for record ${accession} is approved until ${active.access_until}`, undefined, { request: active.id });
    }
    const id = await insertAccessRequest(trx, {
      record_id: stored.id,
      requester_id: principal.accountId,
      purpose: input.purpose,
      requester_name: input.name,
      requester_institution: input.institution,
      created_at: now.toISOString(),
    });
    return view((await findAccessRequest(trx, stored.id, id))!, accession, now);
  });
}

/** The owner and curators see every request for the record; anyone else only their own. */
export async function listAccessRequests(context: ServiceContext, principal: Principal, accession: string): Promise<AccessRequestView[]> {
  requireSignedIn(principal, 'listing access requests');
  const now = context.now();
  const stored = await loadVisible(context.db, principal, accession, now);
  const requesterId = canDecideAccess(principal, visibilityFacts(stored)) ? undefined : principal.accountId;
  return (await accessRequestsOf(context.db, stored.id, requesterId)).map((row) => view(row, accession, now));
}

/** The approval's period: the decision's, else the one the submitter set on the record, else a year. */
function accessPeriodDays(stored: StoredRecord, requested: number | undefined): number {
  return requested ?? stored.record.access.accessPeriodDays ?? ACCESS_DEFAULT_DAYS;
}

export async function decideAccessRequest(context: ServiceContext, principal: Principal, accession: string, id: number, body: unknown): Promise<AccessRequestView> {
  requireSignedIn(principal, 'deciding an access request');
  const input = validateAccessDecisionInput(body);
  if (input.decision === 'rejected' && input.accessDays !== undefined) {
    throw new ValidationError([{ field: '/accessDays', rule: 'decision', message: 'accessDays applies only to an approval' }]);
  }
  const now = context.now();
  return context.db.transaction(async (trx) => {
    const stored = await loadVisible(trx, principal, accession, now, true);
    if (!canDecideAccess(principal, visibilityFacts(stored))) {
      throw new DomainError('forbidden', `only the owner of record ${accession} or a curator may decide its access requests`);
    }
    const request = await findAccessRequest(trx, stored.id, id);
    if (!request) throw notFound(`access request ${id} of record ${accession}`);
    if (request.status !== 'pending') throw new DomainError('conflict', `access request ${id} is already ${request.status}`);
    const outcome: AccessRequestOutcome = {
      status: input.decision,
      decided_by: principal.accountId > 0 ? principal.accountId : null,
      decided_at: now.toISOString(),
      decision_note: input.note ?? null,
      access_until: input.decision === 'approved' ? new Date(now.getTime() + accessPeriodDays(stored, input.accessDays) * DAY_MS).toISOString() : null,
    };
    if (!(await settleAccessRequest(trx, id, outcome))) throw new DomainError('conflict', `access request ${id} was decided by a concurrent request`);
    return view({ ...request, ...outcome }, accession, now);
  });
}

/** A requester may take back a request that is still pending; it stays on record as withdrawn. */
export async function withdrawAccessRequest(context: ServiceContext, principal: Principal, accession: string, id: number): Promise<AccessRequestView> {
  requireSignedIn(principal, 'withdrawing an access request');
  const now = context.now();
  return context.db.transaction(async (trx) => {
    const stored = await loadVisible(trx, principal, accession, now, true);
    const request = await findAccessRequest(trx, stored.id, id);
    const ownRequest = request?.requester_id === principal.accountId;
    if (!request || (!ownRequest && !canDecideAccess(principal, visibilityFacts(stored)))) throw notFound(`access request ${id} of record ${accession}`);
    if (!ownRequest) throw new DomainError('forbidden', `only the requester may withdraw access request ${id}`);
    if (request.status !== 'pending') throw new DomainError('conflict', `access request ${id} is already ${request.status}`);
    const outcome: AccessRequestOutcome = { status: 'withdrawn', decided_by: principal.accountId, decided_at: now.toISOString(), decision_note: null, access_until: null };
    if (!(await settleAccessRequest(trx, id, outcome))) throw new DomainError('conflict', `access request ${id} was decided by a concurrent request`);
    return view({ ...request, ...outcome }, accession, now);
  });
}
