/**
 * The OAI-PMH harvesting client. A run asks the source who it is (Identify: the granularity of its
 * datestamps), picks a metadata format, then follows ListRecords from page to page, importing each page's
 * records as mirrors. After each page a checkpoint (the next page's resumption token) is written, so a
 * run that stops resumes at the page it stopped at. A successful run's start is the next run's `from`.
 */
import { DomainError, notFound } from '../model/errors.js';
import type { Principal } from '../policy/principal.js';
import type { ServiceContext } from '../services/context.js';
import { requireCurator } from '../services/harvest-source-service.js';
import { emptySummary, importItems, type ImportSource, type ImportSummary } from '../services/import-service.js';
import { failRun, findHarvestSource, finishRun, setMetadataPrefix, writeCheckpoint, type Checkpoint, type HarvestSourceRow } from '../store/harvest-source-store.js';
import type { ImportItem } from './import-item.js';
import { OaiClient, SourceUnavailable, type OaiClientOptions } from './oai-client.js';
import { sourceDatestamp } from './oai-datestamps.js';
import { pageReader, PREFERRED_PREFIXES, type PageReader } from './oai-page-reader.js';
import { OaiProtocolError, readIdentify, readMetadataFormats, readRecordsPage, UnreadableResponse, type Granularity, type MetadataFormat, type RecordsPage } from './oai-response.js';

export interface HarvestOptions {
  /** Bounds of a new run (a day, or a date and time); without them the run is incremental, or resumes a stopped one. */
  from?: string;
  until?: string;
  client?: OaiClientOptions;
  onProgress?: (progress: HarvestProgress) => void;
  /** Called once a page is imported and its checkpoint written. */
  afterPage?: (pagesDone: number) => void | Promise<void>;
}

export interface HarvestProgress {
  pagesDone: number;
  /** Records of the list handled so far, in this run and in the stopped run it resumed. */
  recordsSeen: number;
  /** The size of the whole list, when the source says. */
  completeListSize?: number;
  /** What this process imported. */
  summary: ImportSummary;
}

export interface HarvestRun {
  source: string;
  baseUrl: string;
  metadataPrefix?: string;
  set?: string;
  from?: string;
  until?: string;
  status: 'succeeded' | 'failed';
  error?: string;
  /** The run continued one that had stopped before its end. */
  resumed: boolean;
  /** The source refused a resumption token and the run started over from its `from`. */
  restarted: boolean;
  pagesDone: number;
  recordsSeen: number;
  /** What the source's Identify says of deletions (no, transient, persistent). */
  deletedRecord?: string;
  summary: ImportSummary;
}

/** Failures that belong to the source or the network: they end the run, which resumes next time. */
const RUN_FAILURES = [OaiProtocolError, SourceUnavailable, UnreadableResponse, DomainError];

function addSummary(total: ImportSummary, part: ImportSummary): ImportSummary {
  return {
    stored: total.stored + part.stored,
    updated: total.updated + part.updated,
    unchanged: total.unchanged + part.unchanged,
    withdrawn: total.withdrawn + part.withdrawn,
    failed: [...total.failed, ...part.failed],
  };
}

const handled = (summary: ImportSummary) => summary.stored + summary.updated + summary.unchanged + summary.withdrawn + summary.failed.length;

function choosePrefix(formats: MetadataFormat[]): string {
  for (const [prefix, namespace] of PREFERRED_PREFIXES) {
    const offered = formats.find((f) => f.prefix === prefix) ?? formats.find((f) => f.namespace === namespace);
    if (offered) return offered.prefix;
  }
  return 'oai_dc';
}

/** The page's items; a page the reader cannot read at all fails each of its records, naming why. */
function itemsOf(read: PageReader, text: string, page: RecordsPage): ImportItem[] {
  try {
    return read(text, page);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return page.records.map((record) => ({ sourceIdentifier: record.identifier, error: `the page holding it could not be read: ${error.message}` }));
  }
}

class Harvest {
  private readonly client: OaiClient;
  private summary = emptySummary();
  private completeListSize?: number;
  readonly report: HarvestRun;

  constructor(
    private readonly context: ServiceContext,
    private readonly principal: Principal,
    private readonly row: HarvestSourceRow,
    private readonly options: HarvestOptions,
  ) {
    this.client = new OaiClient(row.base_url, { now: () => context.now(), ...options.client });
    this.report = {
      source: row.name,
      baseUrl: row.base_url,
      ...(row.set_spec ? { set: row.set_spec } : {}),
      status: 'failed',
      resumed: false,
      restarted: false,
      pagesDone: 0,
      recordsSeen: 0,
      summary: this.summary,
    };
  }

  private now(): string {
    return this.context.now().toISOString();
  }

  async run(): Promise<void> {
    const identify = readIdentify((await this.client.request({ verb: 'Identify' })).root);
    this.report.deletedRecord = identify.deletedRecord;
    const formats = await this.metadataFormats();
    const prefix = this.row.metadata_prefix ?? choosePrefix(formats);
    this.report.metadataPrefix = prefix;
    if (formats.length > 0 && !formats.some((f) => f.prefix === prefix)) {
      throw new OaiProtocolError('cannotDisseminateFormat', `the source does not offer ${prefix}; it offers ${formats.map((f) => f.prefix).join(', ')}`);
    }
    if (!this.row.metadata_prefix) await setMetadataPrefix(this.context.db, this.row.name, prefix, this.now());
    const namespace = formats.find((f) => f.prefix === prefix)?.namespace;
    const read = pageReader(prefix, namespace);
    const source: ImportSource = { name: this.row.name, baseUrl: this.row.base_url, ...(identify.repositoryName ? { repository: identify.repositoryName } : {}), ...(namespace ? { metadataNamespace: namespace } : {}) };

    let checkpoint = await this.startOrResume(identify.granularity);
    this.report.from = checkpoint.run_from ?? undefined;
    this.report.until = checkpoint.run_until ?? undefined;
    for (;;) {
      const next = await this.nextPage(prefix, checkpoint);
      if (next.kind === 'end') break;
      if (next.kind === 'restart') {
        // Tokens expire; importing again is idempotent, so the list is walked again from the run's `from`.
        this.report.restarted = true;
        checkpoint = { ...checkpoint, resumption_token: null, pages_done: 0, records_seen: 0 };
        await writeCheckpoint(this.context.db, this.row.name, checkpoint, this.now());
        continue;
      }
      const { page, text } = next;
      this.completeListSize = page.completeListSize ?? this.completeListSize;
      await this.importPage(source, itemsOf(read, text, page), checkpoint);
      checkpoint = { ...checkpoint, resumption_token: page.resumptionToken ?? null, pages_done: checkpoint.pages_done + 1, records_seen: checkpoint.records_seen + page.records.length };
      this.report.pagesDone = checkpoint.pages_done;
      this.report.recordsSeen = checkpoint.records_seen;
      if (!checkpoint.resumption_token) break;
      await writeCheckpoint(this.context.db, this.row.name, checkpoint, this.now());
      await this.options.afterPage?.(checkpoint.pages_done);
    }
    await finishRun(this.context.db, this.row.name, checkpoint.run_started_at, JSON.stringify(this.summary), this.now());
    this.report.status = 'succeeded';
  }

  /** The page the checkpoint points at; the end of the list; or a refused token, worth one restart per run. */
  private async nextPage(prefix: string, checkpoint: Checkpoint): Promise<{ kind: 'page'; page: RecordsPage; text: string } | { kind: 'end' } | { kind: 'restart' }> {
    const token = checkpoint.resumption_token;
    try {
      const response = await this.client.request(token ? { verb: 'ListRecords', resumptionToken: token } : this.firstPageArguments(prefix, checkpoint));
      const page = readRecordsPage(response.root);
      if (token && page.resumptionToken === token) throw new UnreadableResponse('the source answered a resumption token with the same token again');
      return { kind: 'page', page, text: response.text };
    } catch (error) {
      if (error instanceof OaiProtocolError && error.code === 'noRecordsMatch') return { kind: 'end' };
      if (error instanceof OaiProtocolError && error.code === 'badResumptionToken' && token && !this.report.restarted) return { kind: 'restart' };
      throw error;
    }
  }

  private async metadataFormats(): Promise<MetadataFormat[]> {
    try {
      return readMetadataFormats((await this.client.request({ verb: 'ListMetadataFormats' })).root);
    } catch (error) {
      // A source that cannot list its formats still serves oai_dc, which every source must.
      if (error instanceof OaiProtocolError || error instanceof UnreadableResponse) return [];
      throw error;
    }
  }

  /** The stopped run's checkpoint, or a new run: from the given date, else from the last successful run's start. */
  private async startOrResume(granularity: Granularity): Promise<Checkpoint> {
    const { row, options } = this;
    const bounded = options.from !== undefined || options.until !== undefined;
    if (row.run_started_at && !bounded) {
      this.report.resumed = true;
      return { run_started_at: row.run_started_at, run_from: row.run_from, run_until: row.run_until, resumption_token: row.resumption_token, pages_done: row.pages_done, records_seen: row.records_seen };
    }
    const from = options.from ?? row.last_success_from ?? undefined;
    const checkpoint: Checkpoint = {
      run_started_at: this.now(),
      run_from: from === undefined ? null : sourceDatestamp(from, granularity, 'from'),
      run_until: options.until === undefined ? null : sourceDatestamp(options.until, granularity, 'until'),
      resumption_token: null,
      pages_done: 0,
      records_seen: 0,
    };
    await writeCheckpoint(this.context.db, row.name, checkpoint, this.now());
    return checkpoint;
  }

  private firstPageArguments(prefix: string, checkpoint: Checkpoint): Record<string, string> {
    return {
      verb: 'ListRecords',
      metadataPrefix: prefix,
      ...(checkpoint.run_from ? { from: checkpoint.run_from } : {}),
      ...(checkpoint.run_until ? { until: checkpoint.run_until } : {}),
      ...(this.row.set_spec ? { set: this.row.set_spec } : {}),
    };
  }

  private async importPage(source: ImportSource, items: ImportItem[], checkpoint: Checkpoint): Promise<void> {
    const before = this.summary;
    const part = await importItems(this.context, this.principal, items, source, (running) => {
      this.options.onProgress?.({
        pagesDone: checkpoint.pages_done,
        recordsSeen: checkpoint.records_seen + handled(running),
        ...(this.completeListSize !== undefined ? { completeListSize: this.completeListSize } : {}),
        summary: addSummary(before, running),
      });
    });
    this.summary = addSummary(before, part);
    this.report.summary = this.summary;
  }
}

/** Harvests the named source now: a new incremental run, or the stopped one resumed. */
export async function harvestSource(context: ServiceContext, principal: Principal, name: string, options: HarvestOptions = {}): Promise<HarvestRun> {
  requireCurator(principal);
  const row = await findHarvestSource(context.db, name);
  if (!row) throw notFound(`harvest source ${name}`);
  const harvest = new Harvest(context, principal, row, options);
  try {
    await harvest.run();
  } catch (error) {
    const message = (error as Error).message;
    await failRun(context.db, name, message, JSON.stringify(harvest.report.summary), context.now().toISOString());
    if (!RUN_FAILURES.some((kind) => error instanceof kind)) throw error;
    harvest.report.status = 'failed';
    harvest.report.error = message;
  }
  return harvest.report;
}
