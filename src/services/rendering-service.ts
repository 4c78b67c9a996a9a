/**
 * Keeps the stored renderings current. Each write marks its record for rendering; the renderer works
 * those off in small batches, and whatever it has not reached yet is rendered at read time instead, so a
 * stored rendering only ever makes a read faster, never different.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';
import { nextViewChange, today } from '../policy/visibility.js';
import {
  countRecordsToRender,
  publicRenderings,
  recordsToRender,
  requestRenderingOfAll,
  requestRenderingOfExpired,
  saveRenderings,
  type RecordToRender,
  type Rendered,
} from '../store/rendering-store.js';
import { readSetting, writeSetting } from '../store/settings-store.js';
import type { ServiceContext } from './context.js';
import { harvestItemOf, type HarvestItem } from './harvest-service.js';

/**
 * Raise this whenever a change to the code makes a stored rendering differ for the same record and
 * configuration (a renderer, the OAI header, sets, Signposting links); every record is then rendered
 * again on start. test/services/stored-renderings.test.ts fails when the output changes and this does not.
 */
export const RENDERERS_REVISION = 2;

const packageVersion = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;

/** What stored renderings depend on besides the record: the renderers' revision and what they read of the configuration. */
export function renderingsFingerprint(config: Config): string {
  let fingerprint = fingerprints.get(config);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256')
      .update(JSON.stringify([RENDERERS_REVISION, packageVersion, config.baseUrl, config.oai.repositoryName, config.oai.repositoryIdentifier]))
      .digest('hex')
      .slice(0, 32);
    fingerprints.set(config, fingerprint);
  }
  return fingerprint;
}

const fingerprints = new WeakMap<Config, string>();

/** A record public now, as stored renderings (all of `formats`, or nothing), with when it last changed. */
export async function storedPublicRenderings(context: ServiceContext, accession: string, formats: string[]): Promise<{ bodies: Record<string, string>; updated: string } | undefined> {
  const now = context.now();
  return publicRenderings(context.db, { kind: 'public', today: today(now) }, accession, formats, { fingerprint: renderingsFingerprint(context.config), today: today(now) });
}

/** A set of renderings stored for every record. */
export interface StoredRenderings {
  /** Changes whenever the renderers or anything they read besides the record changes. */
  fingerprint: string;
  /** Name → body for one record, as its readers would render it at `now`. */
  render(item: HarvestItem, now: Date): Record<string, string>;
  /** Formats one request reads together, which are therefore stored side by side. */
  readTogether: string[][];
}

const FINGERPRINT_SETTING = 'renderings.fingerprint';

/**
 * After an upgrade or a change of configuration, asks for every record to be rendered again (stored
 * renderings with another fingerprint are never served, so nothing stale is seen meanwhile).
 */
export async function adoptRenderings(context: ServiceContext, renderings: StoredRenderings): Promise<boolean> {
  if ((await readSetting(context.db, FINGERPRINT_SETTING)) === renderings.fingerprint) return false;
  await context.db.transaction(async (trx) => {
    await requestRenderingOfAll(trx);
    await writeSetting(trx, FINGERPRINT_SETTING, renderings.fingerprint);
  });
  return true;
}

export async function requestRenderingOfEveryRecord(context: ServiceContext): Promise<number> {
  return requestRenderingOfAll(context.db);
}

/**
 * Renderers build their output by concatenation, which V8 keeps as a tree of the pieces until the string
 * is read; reading one character joins each body into one string, so a batch waiting to be saved holds its
 * bodies, not every piece they were made of.
 */
function flattened(bodies: Record<string, string>): Record<string, string> {
  for (const body of Object.values(bodies)) body.charCodeAt(0);
  return bodies;
}

function renderOne(item: HarvestItem, revision: number, renderings: StoredRenderings, now: Date, logger?: Logger): Rendered {
  const record: FairRecord = item.record;
  const validUntil = nextViewChange(record.access ?? {}, now);
  try {
    return { id: item.position.id, revision, validUntil, bodies: flattened(renderings.render(item, now)) };
  } catch (error) {
    // Saved with no bodies, so the batch moves on; readers render this record live, and meet the error there.
    logger?.error({ err: error, accession: record.accession }, 'rendering a record failed');
    return { id: item.position.id, revision, validUntil, bodies: {} };
  }
}

function renderRecords(rows: RecordToRender[], renderings: StoredRenderings, now: Date, logger?: Logger): Rendered[] {
  return rows.map((row) => renderOne(harvestItemOf(row, now), row.revision, renderings, now, logger));
}

/** Renders one batch of the records waiting for it; returns how many it rendered (0: none wait). */
export async function renderWaitingRecords(context: ServiceContext, renderings: StoredRenderings, batch: number, logger?: Logger): Promise<number> {
  const rows = await recordsToRender(context.db, batch);
  if (rows.length === 0) return 0;
  const now = context.now();
  const rendered = renderRecords(rows, renderings, now, logger);
  await saveRenderings(context.db, renderings.fingerprint, rendered, renderings.readTogether);
  return rows.length;
}

export interface RenderingProgress {
  rendered: number;
  waiting: number;
}

/**
 * Renders everything waiting, including records whose renderings expired (their release or embargo day
 * came), yielding to the event loop between batches so that a serving process stays responsive.
 */
export async function renderAllWaiting(
  context: ServiceContext,
  renderings: StoredRenderings,
  options: { batch?: number; logger?: Logger; onProgress?: (progress: RenderingProgress) => void } = {},
): Promise<number> {
  await requestRenderingOfExpired(context.db, today(context.now()));
  const waiting = options.onProgress ? await countRecordsToRender(context.db) : 0;
  let rendered = 0;
  for (;;) {
    const done = await renderWaitingRecords(context, renderings, options.batch ?? 50, options.logger);
    if (done === 0) return rendered;
    rendered += done;
    options.onProgress?.({ rendered, waiting });
    await new Promise((resolve) => setImmediate(resolve));
  }
}
