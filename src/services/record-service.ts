/**
 * Record use cases: create, read, replace, patch, withdraw, list and resolve. Each checks permission
 * through policy/ and runs in one transaction.
 */
import type { Knex } from 'knex';
import jsonMergePatch from 'json-merge-patch';
import { DomainError, ValidationError, notFound } from '../model/errors.js';
import { cstrKey, doiKey, formatAccession, oaiIdentifier, parseIdentifier } from '../model/identifiers.js';
import type { FairRecord, RecordInput, RecordStatus } from '../model/schema.js';
import { validateRecordInput, validateWithdrawal } from '../model/validate.js';
import { citationText } from '../formats/citation-text.js';
import type { DownloadFacts } from '../policy/downloads.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { accessChangeProblem, citesJournalArticle, releaseDateProblem } from '../policy/release.js';
import {
  canChooseAccession,
  canCreate,
  canEdit,
  canView,
  canWithdraw,
  effectiveStatus,
  isPublic,
  listFilter,
  releaseMoment,
  today,
  type VisibilityFacts,
} from '../policy/visibility.js';
import { findRecordBy, holderOf, insertRecord, listRecords, takeNextSerial, updateRecord, type StoredRecord } from '../store/record-store.js';
import { columnsFor, publicSinceAfter } from './record-columns.js';
import { linkVersions } from './version-links.js';
import { mintDoi, queueDoiRegistration } from './doi-queue.js';
import { inTransaction, type ServiceContext } from './context.js';
import { withFileAccess } from './file-urls.js';

/** The visibility facts of a record about to be stored: those of its document alone. */
function visibilityFactsOf(record: FairRecord): VisibilityFacts {
  return { status: record.status, accessLevel: record.access.level, releaseDate: record.access.releaseDate ?? null };
}

export function visibilityFacts(stored: StoredRecord): VisibilityFacts {
  return {
    status: stored.record.status,
    accessLevel: stored.record.access.level,
    releaseDate: stored.record.access.releaseDate ?? null,
    ownerId: stored.ownerId,
    publicSince: stored.publicSince,
  };
}

export function downloadFacts(stored: StoredRecord): DownloadFacts {
  return { ...visibilityFacts(stored), embargoEnd: stored.record.access.embargoEnd ?? null };
}

/** Records as the caller sees them now: file URLs only where the caller may download the files. */
export function asCallerSees(db: Knex, principal: Principal, stored: StoredRecord[], now: Date): Promise<FairRecord[]> {
  return withFileAccess(db, principal, stored.map((s) => ({ recordId: s.id, facts: downloadFacts(s), record: presentRecord(s.record, now) })), now);
}

export function requireAccount(principal: Principal): asserts principal is Extract<Principal, { kind: 'account' }> {
  if (principal.kind !== 'account') throw new DomainError('unauthenticated', 'this request needs a bearer token');
}

/** The record as the caller sees it now: a scheduled record whose day has come reads as released. */
export function presentRecord(record: FairRecord, now: Date): FairRecord {
  const status = effectiveStatus({ status: record.status, releaseDate: record.access.releaseDate }, now);
  return status === record.status ? record : { ...record, status };
}

function present(stored: StoredRecord, now: Date): FairRecord {
  return presentRecord(stored.record, now);
}

function landingUrl(context: ServiceContext, accession: string): string {
  return `${context.config.baseUrl}/records/${encodeURIComponent(accession)}`;
}

/** The status a write leads to, refusing the transitions a repository must not allow. */
function nextStatus(input: RecordInput, current: RecordStatus | undefined, now: Date): RecordStatus {
  const releaseDate = input.access?.releaseDate;
  const releaseInFuture = releaseDate !== undefined && releaseDate > today(now);
  const requested = input.status ?? (current === 'draft' ? 'draft' : undefined);
  const alreadyReleased = current === 'released';
  if (requested === 'draft') {
    if (alreadyReleased) throw new ValidationError([{ field: '/status', rule: 'transition', message: 'a released record cannot return to draft' }]);
    return 'draft';
  }
  if (releaseInFuture) {
    if (alreadyReleased) {
      throw new ValidationError([{ field: '/access/releaseDate', rule: 'transition', message: `the record is already released; its release date cannot move to ${releaseDate}` }]);
    }
    return 'scheduled';
  }
  if (requested === 'scheduled') {
    throw new ValidationError([{ field: '/status', rule: 'transition', message: 'a scheduled record needs an access.releaseDate in the future' }]);
  }
  return 'released';
}

/**
 * The status a write leads to and the input as it is stored, after the release rules: a release date at
 * most two years after submission, and release on publication (STOmicsDB art. 11) when a related journal
 * article arrives, which makes today the release date.
 */
function applyReleaseRules(input: RecordInput, current: RecordStatus | undefined, submitted: string, now: Date): { status: RecordStatus; input: RecordInput } {
  const access = input.access;
  const released = current === 'released';
  const staysDraft = (input.status ?? (current === 'draft' ? 'draft' : undefined)) === 'draft';
  if (access?.releaseDate && !released) {
    const problem = releaseDateProblem(access.releaseDate, submitted);
    if (problem) throw new ValidationError([problem]);
  }
  if (access?.releaseOnPublication && !released && !staysDraft) {
    if (citesJournalArticle(input)) {
      const releaseDate = access.releaseDate && access.releaseDate <= today(now) ? access.releaseDate : today(now);
      const publishedInput = { ...input, status: undefined, access: { ...access, releaseDate } };
      return { status: 'released', input: publishedInput };
    }
    if (!access.releaseDate || access.releaseDate <= today(now)) {
      throw new ValidationError([
        {
          field: '/access/releaseDate',
          rule: 'required',
          message: 'a record released on publication needs a future release date: the day it is released if no journal article is added before',
        },
      ]);
    }
  }
  return { status: nextStatus(input, current, now), input };
}

/** The moment the public view changes through this write: now, or the release moment of a scheduled record. */
function publicChangeMoment(status: RecordStatus, input: RecordInput, now: Date): string {
  return status === 'scheduled' && input.access?.releaseDate ? releaseMoment(input.access.releaseDate) : now.toISOString();
}

/** Assembles the stored document in a stable field order: identifiers, status, metadata, repository blocks, timestamps. */
function assemble(
  context: ServiceContext,
  input: RecordInput,
  system: { accession: string; status: RecordStatus; versions: FairRecord['versions']; created: string; updated: string; datestamp: string },
): FairRecord {
  const { accession: _accession, status: _status, mintDoi: _mintDoi, doi, cstr, access, source, files, ...metadata } = input;
  const record: FairRecord = {
    accession: system.accession,
    oaiIdentifier: oaiIdentifier(context.config.oai.repositoryIdentifier, system.accession),
    ...(doi ? { doi } : {}),
    ...(cstr ? { cstr } : {}),
    status: system.status,
    ...metadata,
    access: access ?? { level: 'public' },
    ...(source ? { source } : {}),
    ...(files ? { files } : {}),
    versions: system.versions,
    created: system.created,
    updated: system.updated,
    datestamp: system.datestamp,
  };
  return record;
}

/** A DOI or CSTR belongs to one record only. The holder is named only to a caller who may see it. */
async function assertIdentifiersFree(db: Knex, principal: Principal, identifiers: { doi?: string; cstr?: string }, now: Date, exceptId?: number): Promise<void> {
  const checks = [
    { column: 'doi_key' as const, field: '/doi', label: 'DOI', value: identifiers.doi, key: identifiers.doi && doiKey(identifiers.doi) },
    { column: 'cstr_key' as const, field: '/cstr', label: 'CSTR', value: identifiers.cstr, key: identifiers.cstr && cstrKey(identifiers.cstr) },
  ];
  for (const check of checks) {
    if (!check.key) continue;
    const holder = await holderOf(db, check.column, check.key, exceptId);
    if (!holder) continue;
    if (canView(principal, visibilityFacts(holder), now)) {
      throw new DomainError('conflict', `${check.label} ${check.value} is already held by record ${holder.record.accession}`, check.field, { holder: holder.record.accession });
    }
    throw new DomainError('conflict', `${check.label} ${check.value} is already held by another record`, check.field);
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(e.message ?? ''));
}

async function withConflictsReported<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'the accession, DOI or CSTR was taken by a concurrent request; retry to see which record holds it');
    throw error;
  }
}

export async function createRecord(context: ServiceContext, principal: Principal, body: unknown): Promise<FairRecord> {
  requireAccount(principal);
  if (!canCreate(principal)) throw new DomainError('forbidden', 'this account may not create records');
  const input = validateRecordInput(body);
  if (input.accession !== undefined) {
    if (!canChooseAccession(principal)) throw new DomainError('forbidden', 'only curators may set an accession; leave it out to have one minted', '/accession');
    if (new RegExp(`^${context.config.accessionPrefix}\\d{7}$`).test(input.accession)) {
      throw new ValidationError([{ field: '/accession', rule: 'reserved', message: `accessions of the form ${context.config.accessionPrefix}NNNNNNN are minted here and cannot be chosen` }]);
    }
  }
  return storeNewRecord(context, principal, input, async () => (accession) => ({ conceptAccession: accession, versionNumber: 1, latestAccession: accession }));
}

/** Gives a new record its place among versions, once its accession is known. */
export type VersionPlacement = (accession: string) => FairRecord['versions'];

/**
 * Stores a validated new record in one transaction: the release rules, the identifier checks, then the
 * accession, minted last so that a refused record takes no number. `place` runs inside the transaction,
 * so what it reads (the other versions) cannot change before the record is stored.
 */
export async function storeNewRecord(
  context: ServiceContext,
  principal: Extract<Principal, { kind: 'account' }>,
  input: RecordInput,
  place: (trx: Knex.Transaction) => Promise<VersionPlacement>,
  mirror?: { sourceKey: string },
): Promise<FairRecord> {
  if (input.mintDoi && input.doi) {
    throw new ValidationError([{ field: '/mintDoi', rule: 'exclusive', message: 'a record either gives its DOI or asks for one to be minted, not both' }]);
  }
  const now = context.now();
  const nowIso = now.toISOString();
  const { status, input: released } = applyReleaseRules(input, undefined, nowIso, now);
  const ownerId = principal.accountId > 0 ? principal.accountId : null;

  return withConflictsReported(() =>
    inTransaction(context, async (trx) => {
      if (input.accession && (await findRecordBy(trx, 'accession', input.accession))) {
        throw new DomainError('conflict', `accession ${input.accession} is already in use`, '/accession');
      }
      await assertIdentifiersFree(trx, principal, input, now);
      const versions = await place(trx);
      const minted = input.mintDoi ? { ...released, doi: await mintDoi(trx, context.config) } : released;
      const accession = input.accession ?? formatAccession(context.config.accessionPrefix, await takeNextSerial(trx));
      const record = assemble(context, minted, {
        accession,
        status,
        versions: versions(accession),
        created: nowIso,
        updated: nowIso,
        datestamp: publicChangeMoment(status, released, now),
      });
      const publicSince = publicSinceAfter(null, record, now);
      const id = await insertRecord(trx, { ...columnsFor(record, ownerId, publicSince), source_key: mirror?.sourceKey ?? null });
      await queueDoiRegistration(trx, context.config, { id, publicSince }, record, now);
      // A record that starts a concept of its own has no other versions to link.
      const ofAnotherConcept = record.versions.conceptAccession !== accession;
      if (ofAnotherConcept && isPublic(visibilityFactsOf(record), now)) await linkVersions(trx, context.config, record.versions.conceptAccession, now);
      return record;
    }),
  );
}

/** The stored record, if the caller may see it; otherwise not found, exactly like a missing one. */
export async function loadVisible(db: Knex, principal: Principal, accession: string, now: Date, forUpdate = false): Promise<StoredRecord> {
  const stored = await findRecordBy(db, 'accession', accession, { forUpdate });
  if (!stored || !canView(principal, visibilityFacts(stored), now)) throw notFound(`record ${accession}`);
  return stored;
}

/** What remains public of a withdrawn record: identifiers, titles, creators, publisher, year, type and the tombstone. */
export function tombstoneView(record: FairRecord): FairRecord {
  return {
    accession: record.accession,
    oaiIdentifier: record.oaiIdentifier,
    ...(record.doi ? { doi: record.doi } : {}),
    ...(record.cstr ? { cstr: record.cstr } : {}),
    status: record.status,
    titles: record.titles,
    creators: record.creators.map((c) => ({ name: c.name, ...(c.nameType ? { nameType: c.nameType } : {}), ...(c.givenName ? { givenName: c.givenName } : {}), ...(c.familyName ? { familyName: c.familyName } : {}) })),
    publisher: record.publisher,
    publicationYear: record.publicationYear,
    types: record.types,
    access: { level: record.access.level },
    versions: record.versions,
    ...(record.tombstone ? { tombstone: record.tombstone } : {}),
    created: record.created,
    updated: record.updated,
    datestamp: record.datestamp,
  };
}

function goneError(context: ServiceContext, stored: StoredRecord): DomainError {
  const { record } = stored;
  const { tombstone, ...identity } = tombstoneView(record);
  return new DomainError('gone', `record ${record.accession} was withdrawn: ${tombstone?.reason ?? 'no reason given'}`, undefined, {
    tombstone: { ...identity, ...tombstone, landingPage: landingUrl(context, record.accession) },
  });
}

/**
 * BioImage Archive: an obsolete entry is moved out of the active archive (out of lists, search and
 * harvesting, where it is a deleted record) but stays accessible by its identifiers; a removed one
 * leaves only its tombstone.
 */
export function isObsolete(record: FairRecord): boolean {
  return record.status === 'withdrawn' && record.tombstone?.kind === 'obsolete';
}

export interface RecordView {
  record: FairRecord;
  /** A withdrawn record is shown as its tombstone only, and answered with 410 Gone. */
  withdrawn: boolean;
}

/** The record behind /records/{accession}, for anyone who may see it; withdrawn records as their tombstone. */
export async function viewRecord(context: ServiceContext, principal: Principal, accession: string): Promise<RecordView> {
  const now = context.now();
  const record = present(await loadVisible(context.db, principal, accession, now), now);
  if (record.status !== 'withdrawn' || isObsolete(record)) return { record, withdrawn: false };
  return { record: tombstoneView(record), withdrawn: true };
}

export async function getRecord(context: ServiceContext, principal: Principal, accession: string): Promise<FairRecord> {
  const now = context.now();
  const stored = await loadVisible(context.db, principal, accession, now);
  const seesEverything = isStaff(principal) || (principal.kind === 'account' && stored.ownerId === principal.accountId);
  if (stored.record.status === 'withdrawn' && !isObsolete(stored.record) && !seesEverything) throw goneError(context, stored);
  const [record] = await asCallerSees(context.db, principal, [stored], now);
  return record!;
}

/** The client's editable view of a stored record: what a GET returns minus the fields the server owns. */
/** A copy the caller may change: merge patches change the objects they are applied to, nested ones included. */
export function editableView(record: FairRecord): Record<string, unknown> {
  const { oaiIdentifier: _o, versions: _v, tombstone: _t, created: _c, updated: _u, datestamp: _d, ...editable } = record;
  return structuredClone(editable);
}

async function applyEdit(
  context: ServiceContext,
  principal: Principal,
  accession: string,
  edit: (current: FairRecord) => unknown,
  origin: 'client' | 'source' = 'client',
): Promise<FairRecord> {
  requireAccount(principal);
  const now = context.now();
  return withConflictsReported(() =>
    inTransaction(context, async (trx) => {
      const stored = await loadVisible(trx, principal, accession, now, true);
      if (stored.record.status === 'withdrawn') throw goneError(context, stored);
      if (stored.sourceKey && origin === 'client') {
        throw new DomainError(
          'conflict',
          `record ${accession} mirrors ${stored.sourceKey}: its changes come from its source. A curator may detach it (POST /api/v1/records/${accession}/detach) to edit it here`,
        );
      }
      if (!canEdit(principal, visibilityFacts(stored), now)) {
        throw new DomainError('forbidden', isPublic(visibilityFacts(stored), now) ? `record ${accession} is public: changes go through a curator or a new version` : `you may not change record ${accession}`);
      }
      const current = present(stored, now);
      const body = edit(current);
      const validated = validateRecordInput(body, origin);
      if (validated.accession !== undefined && validated.accession !== accession) {
        throw new ValidationError([{ field: '/accession', rule: 'immutable', message: `the accession of ${accession} cannot change` }]);
      }
      const hasBeenPublic = isPublic(visibilityFacts(stored), now) || (stored.publicSince !== null && stored.publicSince <= now.toISOString());
      const accessProblem = accessChangeProblem(current.access.level, validated.access?.level ?? 'public', hasBeenPublic);
      if (accessProblem) throw new ValidationError([accessProblem]);
      const { status, input: released } = applyReleaseRules(validated, current.status, current.created, now);
      const input = released.mintDoi && !released.doi ? { ...released, doi: await mintDoi(trx, context.config) } : released;
      const record = assemble(context, input, {
        accession,
        status,
        versions: current.versions,
        created: current.created,
        updated: now.toISOString(),
        datestamp: publicChangeMoment(status, input, now),
      });
      await assertIdentifiersFree(trx, principal, record, now, stored.id);
      const publicSince = publicSinceAfter(stored.publicSince, record, now);
      await updateRecord(trx, stored.id, columnsFor(record, stored.ownerId, publicSince));
      await queueDoiRegistration(trx, context.config, { id: stored.id, publicSince }, record, now);
      if (isPublic(visibilityFactsOf(record), now) && !isPublic(visibilityFacts(stored), now)) await linkVersions(trx, context.config, record.versions.conceptAccession, now);
      return present({ ...stored, record }, now);
    }),
  );
}

export function replaceRecord(context: ServiceContext, principal: Principal, accession: string, body: unknown): Promise<FairRecord> {
  return applyEdit(context, principal, accession, () => body);
}

/** A mirror replaced by what its source now says (the importer). */
export function replaceMirror(context: ServiceContext, principal: Principal, accession: string, body: unknown): Promise<FairRecord> {
  return applyEdit(context, principal, accession, () => body, 'source');
}

/** A curator detaches a mirror from its source: it is edited here from then on, and no import changes it. */
export async function detachMirror(context: ServiceContext, principal: Principal, accession: string): Promise<FairRecord> {
  requireAccount(principal);
  if (!isStaff(principal)) throw new DomainError('forbidden', 'only curators may detach a record from its source');
  const now = context.now();
  return context.db.transaction(async (trx) => {
    const stored = await loadVisible(trx, principal, accession, now, true);
    if (!stored.sourceKey) throw new DomainError('conflict', `record ${accession} mirrors no source`);
    await updateRecord(trx, stored.id, { source_key: null });
    return present(stored, now);
  });
}

/** RFC 7386 JSON merge patch over the record's editable view. */
export function patchRecord(context: ServiceContext, principal: Principal, accession: string, patch: unknown): Promise<FairRecord> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ValidationError([{ field: '', rule: 'type', message: 'a merge patch must be a JSON object' }]);
  }
  return applyEdit(context, principal, accession, (current) => jsonMergePatch.apply(editableView(current), patch));
}

export async function withdrawRecord(context: ServiceContext, principal: Principal, accession: string, body: unknown): Promise<FairRecord> {
  requireAccount(principal);
  const { reason, category, kind } = validateWithdrawal(body);
  const now = context.now();
  return inTransaction(context, async (trx) => {
    const stored = await loadVisible(trx, principal, accession, now, true);
    if (!canWithdraw(principal)) throw new DomainError('forbidden', 'only curators may withdraw a record');
    if (stored.record.status === 'withdrawn') throw goneError(context, stored);
    const nowIso = now.toISOString();
    const record: FairRecord = {
      ...stored.record,
      status: 'withdrawn',
      tombstone: { reason, category: category ?? 'other', kind: kind ?? 'removed', date: nowIso, citation: citationText(stored.record, landingUrl(context, accession)) },
      updated: nowIso,
      datestamp: nowIso,
    };
    // A record that never became public leaves no public tombstone.
    const publicSince = publicSinceAfter(stored.publicSince, record, now);
    await updateRecord(trx, stored.id, columnsFor(record, stored.ownerId, publicSince));
    await queueDoiRegistration(trx, context.config, { id: stored.id, publicSince }, record, now);
    return record;
  });
}

export interface ListRequest {
  q?: string;
  pageSize?: number;
  cursor?: string;
  status?: string;
  accessLevel?: string;
}

export interface RecordPage {
  records: FairRecord[];
  nextCursor?: string;
}

const MAX_PAGE_SIZE = 1000;

function decodeCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(value?.before) && value.before > 0) return value.before;
  } catch {
    // reported below
  }
  throw new DomainError('bad_request', 'page[cursor] is not a cursor this server issued', 'page[cursor]');
}

export async function listVisibleRecords(context: ServiceContext, principal: Principal, request: ListRequest): Promise<RecordPage> {
  const pageSize = request.pageSize ?? 25;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new DomainError('bad_request', `page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'page[size]');
  }
  const statuses = ['draft', 'scheduled', 'released', 'withdrawn'];
  if (request.status !== undefined && !statuses.includes(request.status)) {
    throw new DomainError('bad_request', `status must be one of ${statuses.join(', ')}`, 'status');
  }
  const levels = ['public', 'registered', 'controlled', 'private'];
  if (request.accessLevel !== undefined && !levels.includes(request.accessLevel)) {
    throw new DomainError('bad_request', `access must be one of ${levels.join(', ')}`, 'access');
  }
  const now = context.now();
  const stored = await listRecords(context.db, {
    filter: listFilter(principal, now),
    words: (request.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20),
    status: request.status as RecordStatus | undefined,
    accessLevel: request.accessLevel as FairRecord['access']['level'] | undefined,
    today: today(now),
    beforeId: request.cursor ? decodeCursor(request.cursor) : undefined,
    limit: pageSize + 1,
  });
  const page = stored.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    records: await asCallerSees(context.db, principal, page, now),
    nextCursor: stored.length > pageSize && last ? Buffer.from(JSON.stringify({ before: last.id })).toString('base64url') : undefined,
  };
}

/** Finds the record behind any identifier form (accession, OAI identifier, DOI, CSTR) that the caller may see. */
export async function resolveIdentifier(context: ServiceContext, principal: Principal, identifier: string): Promise<FairRecord> {
  const reference = parseIdentifier(identifier, context.config.oai.repositoryIdentifier);
  if (!reference) throw new DomainError('bad_request', `${JSON.stringify(identifier.slice(0, 200))} is not an accession, DOI, CSTR or OAI identifier`, 'id');
  const column = reference.type === 'accession' ? 'accession' : reference.type === 'doi' ? 'doi_key' : 'cstr_key';
  const key = reference.type === 'doi' ? doiKey(reference.value) : reference.type === 'cstr' ? cstrKey(reference.value) : reference.value;
  const stored = await findRecordBy(context.db, column, key);
  const now = context.now();
  if (!stored || !canView(principal, visibilityFacts(stored), now)) throw notFound(`${reference.type} ${reference.value}`);
  return present(stored, now);
}
