/**
 * Reviewer links: the private link a journal's editors and reviewers use to see one record before it is
 * released (a journal policy's "private link", Dataverse's Preview URL, InvenioRDM's secret links). A link
 * shows that one record, without its creators in anonymous mode and without files unless allowed, until
 * it expires or is revoked. The token is shown once; only its keyed hash is kept.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DomainError, notFound } from '../model/errors.js';
import { REVIEW_LINK_DEFAULT_DAYS } from '../model/review-link-schema.js';
import type { FairRecord } from '../model/schema.js';
import { validateReviewLinkInput } from '../model/validate.js';
import type { Principal } from '../policy/principal.js';
import { canManageReviewLinks, isPublicTombstone, needsReviewLink } from '../policy/visibility.js';
import { findRecordById } from '../store/record-store.js';
import { findReviewLinkByHash, insertReviewLink, reviewLinksOf, revokeReviewLink, type ReviewLinkRow } from '../store/review-link-store.js';
import type { ServiceContext } from './context.js';
import { loadVisible, presentRecord, visibilityFacts } from './record-service.js';

const TOKEN_PREFIX = 'rv_';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Shown instead of the creators in anonymous mode; DataCite and every citation format need a creator. */
export const ANONYMOUS_CREATOR = 'Anonymous (withheld for double-blind review)';

export interface ReviewLinkSummary {
  id: number;
  label?: string;
  anonymous: boolean;
  includeFiles: boolean;
  created: string;
  expires: string;
  revoked?: string;
  active: boolean;
}

export interface CreatedReviewLink extends ReviewLinkSummary {
  /** The link to give to editors and reviewers; it is shown only now. */
  url: string;
  token: string;
}

function tokenHash(context: ServiceContext, token: string): string {
  return createHmac('sha256', context.secret).update(token, 'utf8').digest('hex');
}

function summary(row: ReviewLinkRow, now: Date): ReviewLinkSummary {
  return {
    id: row.id,
    ...(row.label ? { label: row.label } : {}),
    anonymous: row.anonymous,
    includeFiles: row.include_files,
    created: row.created_at,
    expires: row.expires_at,
    ...(row.revoked_at ? { revoked: row.revoked_at } : {}),
    active: row.revoked_at === null && row.expires_at > now.toISOString(),
  };
}

async function loadManageable(context: ServiceContext, principal: Principal, accession: string, forUpdate = false) {
  if (principal.kind !== 'account') throw new DomainError('unauthenticated', 'reviewer links are managed with a bearer token');
  const stored = await loadVisible(context.db, principal, accession, context.now(), forUpdate);
  if (!canManageReviewLinks(principal, visibilityFacts(stored))) {
    throw new DomainError('forbidden', `only the owner of record ${accession} or a curator may manage its reviewer links`);
  }
  return stored;
}

export async function createReviewLink(context: ServiceContext, principal: Principal, accession: string, body: unknown): Promise<CreatedReviewLink> {
  const input = validateReviewLinkInput(body);
  const now = context.now();
  return context.db.transaction(async (trx) => {
    const stored = await loadManageable({ ...context, db: trx }, principal, accession, true);
    if (!needsReviewLink(visibilityFacts(stored), now)) {
      throw new DomainError('conflict', `record ${accession} is already public: reviewers can use ${context.config.baseUrl}/records/${encodeURIComponent(accession)}`);
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = await insertReviewLink(trx, {
      record_id: stored.id,
      token_hash: tokenHash(context, token),
      label: input.label ?? null,
      anonymous: input.anonymous ?? false,
      include_files: input.includeFiles ?? false,
      created_by: principal.kind === 'account' && principal.accountId > 0 ? principal.accountId : null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (input.expiresInDays ?? REVIEW_LINK_DEFAULT_DAYS) * DAY_MS).toISOString(),
    });
    return { ...summary(row, now), url: `${context.config.baseUrl}/review/${token}`, token };
  });
}

export async function listReviewLinks(context: ServiceContext, principal: Principal, accession: string): Promise<ReviewLinkSummary[]> {
  const stored = await loadManageable(context, principal, accession);
  const now = context.now();
  return (await reviewLinksOf(context.db, stored.id)).map((row) => summary(row, now));
}

export async function revokeReviewLinkOf(context: ServiceContext, principal: Principal, accession: string, id: number): Promise<void> {
  const stored = await loadManageable(context, principal, accession);
  if (!(await revokeReviewLink(context.db, stored.id, id, context.now().toISOString()))) {
    throw notFound(`active reviewer link ${id} of record ${accession}`);
  }
}

/** What a reviewer link leads to: the reviewer's view, or, once the record is public, its public page. */
export type ReviewOutcome = { kind: 'review'; record: FairRecord; anonymous: boolean } | { kind: 'public'; accession: string };

/** The record as the reviewer sees it: without creators in anonymous mode, without files unless allowed. */
export function reviewerView(record: FairRecord, link: Pick<ReviewLinkRow, 'anonymous' | 'include_files'>): FairRecord {
  const { files, contributors, creators, ...rest } = record;
  return {
    ...rest,
    creators: link.anonymous ? [{ name: ANONYMOUS_CREATOR }] : creators,
    ...(contributors && !link.anonymous ? { contributors } : {}),
    ...(files && link.include_files ? { files } : {}),
  };
}

export async function openReviewLink(context: ServiceContext, token: string): Promise<ReviewOutcome> {
  const unknown = notFound('reviewer link');
  if (!token.startsWith(TOKEN_PREFIX)) throw unknown;
  const link = await findReviewLinkByHash(context.db, tokenHash(context, token));
  if (!link) throw unknown;
  const now = context.now();
  const stored = await findRecordById(context.db, link.record_id);
  if (!stored) throw unknown;
  const facts = visibilityFacts(stored);
  // A released record is reached by its public page; a tombstone too, if the record was ever public.
  if (!needsReviewLink(facts, now)) {
    if (facts.status === 'withdrawn' && !isPublicTombstone(facts, now)) throw unknown;
    return { kind: 'public', accession: stored.record.accession };
  }
  if (link.revoked_at) throw new DomainError('gone', `this reviewer link was revoked on ${link.revoked_at.slice(0, 10)}`);
  if (link.expires_at <= now.toISOString()) throw new DomainError('gone', `this reviewer link expired on ${link.expires_at.slice(0, 10)}`);
  return { kind: 'review', record: reviewerView(presentRecord(stored.record, now), link), anonymous: link.anonymous };
}
