/**
 * A record's files with their download URLs, for a caller who may download them now; anyone else is told
 * how to get access: sign in, apply, or wait for the embargo to end.
 */
import { DomainError } from '../model/errors.js';
import type { FairRecord } from '../model/schema.js';
import { downloadDecision, type DownloadDecision } from '../policy/downloads.js';
import type { Principal } from '../policy/principal.js';
import { accessRequestsOf } from '../store/access-request-store.js';
import type { StoredRecord } from '../store/record-store.js';
import { accessRequestsUrl } from './access-request-service.js';
import type { ServiceContext } from './context.js';
import { grantsOf } from './file-urls.js';
import { downloadFacts, loadVisible } from './record-service.js';

export interface RecordFiles {
  files: NonNullable<FairRecord['files']>;
  /** When the caller's approved access ends, for files of a controlled record they were granted. */
  accessUntil?: string;
}

async function refusal(context: ServiceContext, principal: Principal, stored: StoredRecord, decision: Exclude<DownloadDecision, { allowed: true }>): Promise<DomainError> {
  const { accession } = stored.record;
  const files = `the files of record ${accession}`;
  switch (decision.reason) {
    case 'not-public':
      return new DomainError('gone', `record ${accession} was withdrawn: its files are no longer available`);
    case 'embargo':
      return new DomainError('forbidden', `${files} are under embargo: files open on ${decision.opensOn}`, undefined, { access: { embargoEnd: decision.opensOn } });
    case 'sign-in':
      return new DomainError('forbidden', `${files} are open to signed-in users: sign in (send a bearer token) to download them`, undefined, { access: { level: 'registered' } });
    case 'approval': {
      const requestUrl = accessRequestsUrl(context, accession);
      if (principal.kind !== 'account') {
        return new DomainError('forbidden', `${files} are under controlled access: sign in and apply at ${requestUrl}`, undefined, { access: { level: 'controlled', requestUrl } });
      }
      const pending = (await accessRequestsOf(context.db, stored.id, principal.accountId)).filter((row) => row.status === 'pending').map((row) => row.id);
      const state = pending.length > 0 ? `; your request ${pending.join(', ')} is pending` : decision.accessEnded ? `; your access ended on ${decision.accessEnded.slice(0, 10)}` : '';
      return new DomainError('forbidden', `${files} are under controlled access: apply at ${requestUrl}${state}`, undefined, {
        access: { level: 'controlled', requestUrl, pending: pending.length },
      });
    }
  }
}

export async function listFiles(context: ServiceContext, principal: Principal, accession: string): Promise<RecordFiles> {
  const now = context.now();
  const stored = await loadVisible(context.db, principal, accession, now);
  const facts = downloadFacts(stored);
  const grant = (await grantsOf(context.db, principal, [{ recordId: stored.id, facts }])).get(stored.id);
  const decision = downloadDecision(principal, facts, now, grant);
  if (!decision.allowed) throw await refusal(context, principal, stored, decision);
  const viaGrant = grant !== undefined && downloadDecision(principal, facts, now).allowed === false;
  return { files: stored.record.files ?? [], ...(viaGrant ? { accessUntil: grant.accessUntil } : {}) };
}
