/**
 * The OAI-PMH sources this repository harvests: added, listed and removed by curators. Removing a source
 * forgets its harvest state only; its mirrors stay.
 */
import { DomainError, notFound } from '../model/errors.js';
import type { HarvestSourceInput } from '../model/harvest-source-schema.js';
import { validateHarvestSourceInput } from '../model/validate.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { deleteHarvestSource, findHarvestSource, insertHarvestSource, listHarvestSources, setMetadataPrefix, type HarvestSourceRow, type HarvestStatus } from '../store/harvest-source-store.js';
import type { ServiceContext } from './context.js';
import type { ImportSummary } from './import-service.js';

export interface HarvestSourceView {
  name: string;
  /** The OAI set of this source's mirrors here. */
  setSpec: string;
  baseUrl: string;
  metadataPrefix?: string;
  set?: string;
  status: HarvestStatus;
  /** Where the next incremental run starts: the start of the last successful one. */
  lastSuccessFrom?: string;
  lastError?: string;
  lastSummary?: ImportSummary;
  /** The run in progress, or stopped before it ended: the next run resumes it. */
  run?: { startedAt: string; from?: string; until?: string; pagesDone: number; recordsSeen: number; resumptionToken?: string };
  created: string;
  updated: string;
}

export function presentHarvestSource(row: HarvestSourceRow): HarvestSourceView {
  const optional = <K extends string>(key: K, value: string | null) => (value === null ? {} : ({ [key]: value } as Record<K, string>));
  return {
    name: row.name,
    setSpec: `source:${row.name}`,
    baseUrl: row.base_url,
    ...optional('metadataPrefix', row.metadata_prefix),
    ...optional('set', row.set_spec),
    status: row.status,
    ...optional('lastSuccessFrom', row.last_success_from),
    ...optional('lastError', row.last_error),
    ...(row.last_summary ? { lastSummary: JSON.parse(row.last_summary) as ImportSummary } : {}),
    ...(row.run_started_at
      ? {
          run: {
            startedAt: row.run_started_at,
            ...optional('from', row.run_from),
            ...optional('until', row.run_until),
            pagesDone: row.pages_done,
            recordsSeen: row.records_seen,
            ...optional('resumptionToken', row.resumption_token),
          },
        }
      : {}),
    created: row.created_at,
    updated: row.updated_at,
  };
}

export function requireCurator(principal: Principal): void {
  if (principal.kind === 'anonymous') throw new DomainError('unauthenticated', 'this request needs a bearer token');
  if (!isStaff(principal)) throw new DomainError('forbidden', 'only curators may manage harvests');
}

/** A source name made from the base URL's host: `zenodo.org`, `localhost-8080`. */
export function sourceNameFor(baseUrl: string): string {
  const host = new URL(baseUrl).host.toLowerCase().replace(/^www\./, '');
  const name = host
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return name || 'source';
}

async function existing(context: ServiceContext, name: string): Promise<HarvestSourceRow> {
  const row = await findHarvestSource(context.db, name);
  if (!row) throw notFound(`harvest source ${name}`);
  return row;
}

function rowFields(input: HarvestSourceInput) {
  return { name: input.name ?? sourceNameFor(input.baseUrl), base_url: input.baseUrl, metadata_prefix: input.metadataPrefix ?? null, set_spec: input.set ?? null };
}

export async function createHarvestSource(context: ServiceContext, principal: Principal, body: unknown): Promise<HarvestSourceView> {
  requireCurator(principal);
  const fields = rowFields(validateHarvestSourceInput(body));
  return context.db.transaction(async (trx) => {
    if (await findHarvestSource(trx, fields.name)) throw new DomainError('conflict', `harvest source ${fields.name} already exists`, '/name');
    await insertHarvestSource(trx, fields, context.now().toISOString());
    return presentHarvestSource((await findHarvestSource(trx, fields.name))!);
  });
}

/**
 * The source the command line names: created on first use. A name stays with its base URL, set and
 * metadata format, since its incremental state and its mirrors belong to them.
 */
export async function ensureHarvestSource(context: ServiceContext, principal: Principal, input: HarvestSourceInput): Promise<HarvestSourceView> {
  requireCurator(principal);
  const fields = rowFields(validateHarvestSourceInput(input));
  const found = await findHarvestSource(context.db, fields.name);
  if (!found) {
    await insertHarvestSource(context.db, fields, context.now().toISOString());
    return presentHarvestSource(await existing(context, fields.name));
  }
  const differences = [
    found.base_url !== fields.base_url ? `base URL ${found.base_url}` : undefined,
    fields.set_spec !== found.set_spec ? (found.set_spec ? `set ${found.set_spec}` : 'no set') : undefined,
    fields.metadata_prefix && found.metadata_prefix && fields.metadata_prefix !== found.metadata_prefix ? `metadata prefix ${found.metadata_prefix}` : undefined,
  ].filter((d): d is string => d !== undefined);
  if (differences.length > 0) {
    throw new DomainError(
      'conflict',
      `harvest source ${fields.name} is harvested with ${differences.join(', ')}; name another source (--source) or delete this one (DELETE /api/v1/harvest-sources/${fields.name})`,
    );
  }
  if (fields.metadata_prefix && !found.metadata_prefix) {
    await setMetadataPrefix(context.db, found.name, fields.metadata_prefix, context.now().toISOString());
    return presentHarvestSource(await existing(context, found.name));
  }
  return presentHarvestSource(found);
}

export async function allHarvestSources(context: ServiceContext, principal: Principal): Promise<HarvestSourceView[]> {
  requireCurator(principal);
  return (await listHarvestSources(context.db)).map(presentHarvestSource);
}

export async function getHarvestSource(context: ServiceContext, principal: Principal, name: string): Promise<HarvestSourceView> {
  requireCurator(principal);
  return presentHarvestSource(await existing(context, name));
}

export async function removeHarvestSource(context: ServiceContext, principal: Principal, name: string): Promise<void> {
  requireCurator(principal);
  if (!(await deleteHarvestSource(context.db, name))) throw notFound(`harvest source ${name}`);
}
