/**
 * The journal check: what a manuscript's identifiers and data availability statement point at here, and
 * what is wrong with them. Callers learn only what they may see: the public what is public; curators the
 * status of records not yet public, but not their metadata.
 */
import { accessInstructions } from '../formats/access-instructions.js';
import { isAccessRightUri } from '../formats/access-rights.js';
import { availabilityStatement } from '../formats/availability-statement.js';
import { conditionStatement, dataUseConditions } from '../formats/data-use-conditions.js';
import { landingPageUrl, type RenderContext } from '../formats/format.js';
import { formatByName } from '../formats/registry.js';
import { licenceOf } from '../formats/spdx-rights.js';
import { DomainError } from '../model/errors.js';
import { cstrKey, doiKey } from '../model/identifiers.js';
import { classifyIdentifier, scanIdentifiers } from '../model/identifier-scan.js';
import type { FairRecord } from '../model/schema.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { canView, isPublic, isPublicTombstone } from '../policy/visibility.js';
import { findRecordBy, type StoredRecord } from '../store/record-store.js';
import { hasActiveReviewLink } from '../store/review-link-store.js';
import type { FoundIdentifier, IdentifierReport, Problem, StatementReport, StatementTemplate } from './check-types.js';
import type { ServiceContext } from './context.js';
import { isObsolete, presentRecord, tombstoneView, visibilityFacts } from './record-service.js';
import { renderContext } from './render-context.js';

export const MAX_CHECK_BATCH = 1000;

async function holderOf(context: ServiceContext, found: FoundIdentifier): Promise<StoredRecord | undefined> {
  switch (found.kind) {
    case 'doi':
      return findRecordBy(context.db, 'doi_key', doiKey(found.normalized));
    case 'cstr':
      return findRecordBy(context.db, 'cstr_key', cstrKey(found.normalized));
    default:
      return findRecordBy(context.db, 'accession', found.normalized);
  }
}

function licenceOfRecord(record: FairRecord): IdentifierReport['licence'] {
  for (const rights of record.rightsList ?? []) {
    if (isAccessRightUri(rights.rightsUri)) continue;
    const licence = licenceOf(rights);
    if (licence) return { name: licence.name, ...(licence.spdxId ? { spdxId: licence.spdxId } : {}), ...(licence.url ? { url: licence.url } : {}) };
  }
  return undefined;
}

async function citationOf(record: FairRecord, rendering: RenderContext): Promise<string> {
  return (await formatByName('citation')!.render(record, rendering)).trim();
}

/** What the caller may learn of one identifier. */
async function reportOn(context: ServiceContext, principal: Principal, found: FoundIdentifier): Promise<IdentifierReport> {
  if (found.malformed) return { ...found, held: false, problems: [{ code: 'malformed', message: `${found.found} is not a valid ${found.label}: ${found.malformed}` }] };
  const now = context.now();
  const stored = await holderOf(context, found);
  const notHere: IdentifierReport = {
    ...found,
    held: false,
    problems: found.kind === 'external-accession' ? [] : [{ code: 'not-found', message: `no record here holds ${found.label} ${found.normalized}` }],
  };
  if (!stored) return notHere;
  const facts = visibilityFacts(stored);
  const record = presentRecord(stored.record, now);
  const rendering = renderContext(context);
  const shown = canView(principal, facts, now) && (isPublic(facts, now) || isPublicTombstone(facts, now) || !isStaff(principal));
  if (!shown) {
    // Curators learn that promised data exists and when it comes out, not what it holds.
    if (!isStaff(principal)) return notHere;
    return {
      ...found,
      held: true,
      accession: record.accession,
      status: record.status,
      ...(record.access.releaseDate ? { releaseDate: record.access.releaseDate } : {}),
      activeReviewLink: await hasActiveReviewLink(context.db, stored.id, now.toISOString()),
      problems: [{ code: 'not-yet-released', message: `record ${record.accession} is not public yet (${record.status}${record.access.releaseDate ? `, release date ${record.access.releaseDate}` : ''}, ${record.access.level})` }],
    };
  }
  const problems: Problem[] = [];
  const report: IdentifierReport = { ...found, held: true, accession: record.accession, status: record.status, landingPage: landingPageUrl(rendering, record.accession), problems };
  const removed = record.status === 'withdrawn' && !isObsolete(record);
  if (record.status === 'withdrawn' && record.tombstone) {
    report.withdrawal = { reason: record.tombstone.reason, date: record.tombstone.date, ...(record.tombstone.category ? { category: record.tombstone.category } : {}) };
    problems.push({ code: 'withdrawn', message: `${found.label} ${found.normalized} resolves to record ${record.accession}, withdrawn on ${record.tombstone.date.slice(0, 10)}: ${record.tombstone.reason}` });
  }
  if (record.status !== 'released' && record.status !== 'withdrawn') {
    problems.push({ code: 'not-yet-released', message: `record ${record.accession} is ${record.status}${record.access.releaseDate ? ` until ${record.access.releaseDate}` : ''}` });
    if (record.access.releaseDate) report.releaseDate = record.access.releaseDate;
  }
  // A removed record is its tombstone only: who made what, and why it went.
  if (removed) {
    report.citation = await citationOf(tombstoneView(record), rendering);
    return report;
  }
  const instructions = accessInstructions(record, rendering);
  report.access = {
    level: record.access.level,
    conditions: dataUseConditions(record).map(conditionStatement),
    ...(instructions ? { howToApply: instructions.text, requestUrl: instructions.url } : {}),
  };
  const licence = licenceOfRecord(record);
  if (licence) report.licence = licence;
  report.citation = await citationOf(record, rendering);
  report.activeReviewLink = await hasActiveReviewLink(context.db, stored.id, now.toISOString());
  const latest = record.versions.latestAccession;
  if (latest && latest !== record.accession && record.versions.nextAccession) {
    report.latestVersion = latest;
    problems.push({ code: 'newer-version', message: `record ${record.accession} is version ${record.versions.versionNumber}; a newer version exists: ${latest}` });
  }
  return report;
}

export async function checkIdentifiers(context: ServiceContext, principal: Principal, ids: readonly string[]): Promise<IdentifierReport[]> {
  if (ids.length > MAX_CHECK_BATCH) throw new DomainError('bad_request', `at most ${MAX_CHECK_BATCH} identifiers per request, got ${ids.length}`, 'ids');
  const options = scanOptions(context);
  const reports: IdentifierReport[] = [];
  for (const id of ids) {
    const found = classifyIdentifier(id, options) ?? keptAccession(id);
    if (!found) {
      reports.push({ found: id, kind: 'accession', label: 'identifier', normalized: id.trim(), held: false, problems: [{ code: 'malformed', message: `${JSON.stringify(id.slice(0, 200))} is not an identifier this check recognises` }] });
      continue;
    }
    reports.push(await reportOn(context, principal, found));
  }
  return reports;
}

/** Accessions kept from a source repository have any shape an accession may have: they are looked up too. */
function keptAccession(id: string): FoundIdentifier | undefined {
  const accession = id.trim();
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(accession) && /[A-Za-z]/.test(accession) ? { found: accession, kind: 'accession', label: 'accession', normalized: accession } : undefined;
}

function scanOptions(context: ServiceContext) {
  return { accessionPrefix: context.config.accessionPrefix, oaiRepositoryIdentifier: context.config.oai.repositoryIdentifier };
}

/** The journal policy's three templates (section 7), recognised by the words each one uses. */
function templateOf(statement: string): StatementTemplate | undefined {
  if (/should not be shared|cannot be shared|obtained from the (corresponding )?author|(available|obtained) (up)?on (reasonable )?request/i.test(statement)) return 'on-request';
  if (/software (for opening|to open|used to open|needed to open|that opens)|opened with|the software .{0,40} is\b/i.test(statement)) return 'special-software';
  if (/\b(is|are) (openly |freely |publicly )?(available|accessible|deposited|shared) (in|at|from|through|on|via)\b/i.test(statement)) return 'open';
  return undefined;
}

const URL_IN_TEXT = /https?:\/\/\S+/i;
const CONTACT_IN_TEXT = /[\w.+-]+@[\w-]+(\.[\w-]+)+|https?:\/\/\S+/i;

export async function checkStatement(context: ServiceContext, principal: Principal, statement: string): Promise<StatementReport> {
  if (statement.length > 100_000) throw new DomainError('bad_request', 'a statement may be at most 100,000 characters', 'statement');
  const found = scanIdentifiers(statement, scanOptions(context));
  if (found.length > MAX_CHECK_BATCH) throw new DomainError('bad_request', `at most ${MAX_CHECK_BATCH} identifiers per statement`, 'statement');
  const identifiers: IdentifierReport[] = [];
  for (const identifier of found) identifiers.push(await reportOn(context, principal, identifier));
  const template = templateOf(statement);
  const problems: Problem[] = [];
  if (found.length === 0 && template !== 'on-request') problems.push({ code: 'statement-lacks-identifier', message: 'the statement names no DOI, CSTR or accession of the data' });
  if (template !== 'on-request' && !URL_IN_TEXT.test(statement)) problems.push({ code: 'statement-lacks-link', message: 'the statement gives no permanent web link to the data' });
  if (template === 'special-software' && !/software[^.]*\b(is|are)\s+\S{2,}/i.test(statement)) problems.push({ code: 'statement-lacks-software', message: 'the statement does not name the software that opens the data' });
  if (template === 'on-request' && !CONTACT_IN_TEXT.test(statement)) problems.push({ code: 'statement-lacks-contact', message: 'the statement gives no contact for requesting the data' });
  const rendering = renderContext(context);
  const cited: FairRecord[] = [];
  for (const report of identifiers) {
    if (!report.held || !report.accession || !report.landingPage) continue;
    const stored = await findRecordBy(context.db, 'accession', report.accession);
    if (stored) cited.push(presentRecord(stored.record, rendering.now));
  }
  for (const record of cited) {
    const fits = availabilityStatement(record, rendering).template;
    if (template && template !== 'on-request' && fits === 'on-request') {
      problems.push({
        code: 'statement-says-open-but-restricted',
        message: `the statement presents the data as openly available, but record ${record.accession} is ${record.access.level}${record.access.embargoEnd ? ` under embargo until ${record.access.embargoEnd}` : ''}`,
      });
    }
  }
  const first = cited[0];
  return { ...(template ? { template } : {}), identifiers, problems, ...(first ? { suggested: availabilityStatement(first, rendering).text } : {}) };
}
