/**
 * DOI registration with DataCite through a durable outbox. Every write of a record whose DOI the
 * repository registers queues, in the same transaction, the state DataCite should reach; a sender, on any
 * instance, works the queue off with retries and backoff. Each send carries the record as it is then, so
 * sending twice does no harm and a DataCite outage never blocks or loses a deposit.
 */
import { dataCiteXmlFormat } from '../formats/datacite-xml.js';
import { landingPageUrl } from '../formats/format.js';
import { DomainError, notFound } from '../model/errors.js';
import type { FairRecord } from '../model/schema.js';
import type { Principal } from '../policy/principal.js';
import {
  claimRegistration,
  dueRegistrations,
  failedRegistrations,
  finishSend,
  registrationOf,
  requeueRegistrations,
  type DataCiteState,
  type RegistrationRow,
  type SendOutcome,
} from '../store/doi-registration-store.js';
import { findRecordBy, findRecordById } from '../store/record-store.js';
import type { ServiceContext } from './context.js';
import { DataCiteClient, DataCiteRefusal, type DataCiteEvent } from './datacite-client.js';
import { isObsolete, loadVisible, presentRecord, tombstoneView } from './record-service.js';
import { registersDoi } from './doi-queue.js';
import { renderContext } from './render-context.js';

/** The event that moves a DOI from what DataCite holds to the target; none for a metadata update. */
function eventFor(current: DataCiteState | null, target: DataCiteState): DataCiteEvent | undefined {
  if (target === 'findable') return current === 'findable' ? undefined : 'publish';
  if (target === 'registered') return current === 'findable' ? 'hide' : current === 'registered' ? undefined : 'register';
  return undefined;
}

const RETRY_BASE_MS = 10_000;
const RETRY_MAX_MS = 60 * 60 * 1000;
const CLAIM_MS = 2 * 60 * 1000;

function retryAt(now: Date, attempts: number): string {
  return new Date(now.getTime() + Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS)).toISOString();
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error as { name?: string })?.name === 'TimeoutError' || (error as { name?: string })?.name === 'AbortError';
}

function describeFailure(error: unknown): string {
  if (error instanceof DataCiteRefusal) return `DataCite answered ${error.status}: ${error.message}`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return `DataCite could not be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

/** What DataCite should hold of the record: the tombstone of a removed record, the record otherwise. */
function registeredView(record: FairRecord): FairRecord {
  return record.status === 'withdrawn' && !isObsolete(record) ? tombstoneView(record) : record;
}

async function send(context: ServiceContext, client: DataCiteClient, row: RegistrationRow, now: Date): Promise<SendOutcome> {
  const attempts = row.attempts + 1;
  const stored = await findRecordById(context.db, row.record_id);
  if (!stored) return { status: 'failed', attempts, next_attempt_at: now.toISOString(), last_error: 'the record no longer exists' };
  if (row.target_state === 'draft' && (row.datacite_state === 'registered' || row.datacite_state === 'findable')) {
    return { status: 'done', attempts, next_attempt_at: now.toISOString(), last_error: `DataCite keeps a ${row.datacite_state} DOI: it cannot return to draft` };
  }
  const rendering = renderContext(context);
  const record = registeredView(presentRecord(stored.record, now));
  const xml = Buffer.from(await dataCiteXmlFormat.render(record, rendering), 'utf8').toString('base64');
  const attributes = { doi: row.doi, url: landingPageUrl(rendering, record.accession), xml };
  const settings = context.config.dataCite!;
  try {
    let confirmed;
    try {
      confirmed =
        row.datacite_state === null
          ? await client.create({ ...attributes, event: eventFor(null, row.target_state) })
          : await client.update({ ...attributes, event: eventFor(row.datacite_state, row.target_state) });
    } catch (error) {
      if (!(error instanceof DataCiteRefusal && error.isTaken)) throw error;
      // Taken: by this repository (a send whose answer was lost), or by another one.
      const existing = await client.get(row.doi);
      if (existing.client?.toLowerCase() !== settings.repositoryId.toLowerCase()) {
        return {
          status: 'failed',
          attempts,
          next_attempt_at: now.toISOString(),
          last_error: `DOI ${row.doi} is already registered at DataCite by another repository${existing.client ? ` (${existing.client})` : ''}`,
        };
      }
      confirmed = await client.update({ ...attributes, event: eventFor(existing.state, row.target_state) });
    }
    return { datacite_state: confirmed.state, status: 'done', attempts: 0, next_attempt_at: now.toISOString(), last_error: null };
  } catch (error) {
    const temporary = isNetworkFailure(error) || (error instanceof DataCiteRefusal && error.isTemporary);
    if (!temporary && !(error instanceof DataCiteRefusal)) throw error;
    return { status: temporary ? 'pending' : 'failed', attempts, next_attempt_at: temporary ? retryAt(now, attempts) : now.toISOString(), last_error: describeFailure(error) };
  }
}

export interface SendSummary {
  done: number;
  failed: number;
  retrying: number;
}

/** Sends every registration that is due now; returns what became of them. */
export async function sendDueRegistrations(context: ServiceContext, batch = 50): Promise<SendSummary> {
  const summary: SendSummary = { done: 0, failed: 0, retrying: 0 };
  if (!context.config.dataCite) return summary;
  const client = new DataCiteClient(context.config.dataCite);
  const tried = new Set<number>();
  for (;;) {
    const now = context.now();
    const due = (await dueRegistrations(context.db, now.toISOString(), batch)).filter((row) => !tried.has(row.id));
    if (due.length === 0) return summary;
    for (const row of due) {
      tried.add(row.id);
      if (!(await claimRegistration(context.db, row.id, now.toISOString(), new Date(now.getTime() + CLAIM_MS).toISOString()))) continue;
      const outcome = await send(context, client, row, now);
      await finishSend(context.db, row, outcome, context.now().toISOString());
      summary[outcome.status === 'done' ? 'done' : outcome.status === 'failed' ? 'failed' : 'retrying']++;
    }
  }
}

export interface DoiRegistrationView {
  doi?: string;
  /** Whether this repository registers the record's DOI with DataCite. */
  registered: boolean;
  reason?: string;
  state?: RegistrationRow['status'];
  target?: DataCiteState;
  datacite?: DataCiteState;
  attempts?: number;
  nextAttempt?: string;
  error?: string;
  updated?: string;
}

/** GET /api/v1/records/{accession}/doi: where the record's DOI stands with DataCite. */
export async function doiRegistrationOf(context: ServiceContext, principal: Principal, accession: string): Promise<DoiRegistrationView> {
  const stored = await loadVisible(context.db, principal, accession, context.now());
  const { doi } = stored.record;
  if (!doi) return { registered: false, reason: 'the record has no DOI' };
  if (!context.config.dataCite) return { doi, registered: false, reason: 'DOI registration is off (DATACITE_* not set): the DOI is stored as given' };
  if (!registersDoi(context.config, doi)) return { doi, registered: false, reason: `the DOI is not under the repository's prefix ${context.config.dataCite.prefix}` };
  const row = await registrationOf(context.db, stored.id);
  if (!row) throw notFound(`DOI registration of record ${accession}`);
  return {
    doi,
    registered: true,
    state: row.status,
    target: row.target_state,
    ...(row.datacite_state ? { datacite: row.datacite_state } : {}),
    attempts: row.attempts,
    ...(row.status === 'pending' ? { nextAttempt: row.next_attempt_at } : {}),
    ...(row.last_error ? { error: row.last_error } : {}),
    updated: row.updated_at,
  };
}

export interface SyncReport extends SendSummary {
  queued: number;
  failures: Array<{ doi: string; error: string }>;
}

/** `fairharbor doi sync`: sends every registered DOI again (or one record's), now. */
export async function syncDois(context: ServiceContext, accession?: string): Promise<SyncReport> {
  if (!context.config.dataCite) throw new DomainError('bad_request', 'DOI registration is off: set DATACITE_API_URL, DATACITE_REPOSITORY_ID, DATACITE_PASSWORD and DATACITE_PREFIX');
  let recordId: number | undefined;
  if (accession !== undefined) {
    const stored = await findRecordBy(context.db, 'accession', accession);
    if (!stored) throw notFound(`record ${accession}`);
    if (!(await registrationOf(context.db, stored.id))) throw new DomainError('bad_request', `record ${accession} has no DOI registered by this repository`, 'accession');
    recordId = stored.id;
  }
  const queued = await requeueRegistrations(context.db, context.now().toISOString(), recordId);
  const summary = await sendDueRegistrations(context);
  return { queued, ...summary, failures: (await failedRegistrations(context.db)).map((row) => ({ doi: row.doi, error: row.last_error ?? 'refused' })) };
}
