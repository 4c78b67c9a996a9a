/**
 * Prometheus metrics at /metrics (prom-client): requests and their latency by route, OAI-PMH verbs,
 * harvest runs and their failures, imported records by outcome, and the process's own figures. Each app
 * has its own registry, so several servers in one process (tests) never share counters.
 */
import type { Context, Next } from 'koa';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  oaiRequests: Counter<'verb'>;
  oaiRefused: Counter;
  harvestRuns: Counter<'outcome'>;
  importedRecords: Counter<'outcome'>;
  /** Counts and times every request by method, route pattern and status. */
  middleware(): (ctx: Context, next: Next) => Promise<void>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fairharbor_' });
  const requests = new Counter({ name: 'fairharbor_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'fairharbor_http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    oaiRequests: new Counter({ name: 'fairharbor_oai_requests_total', help: 'OAI-PMH requests by verb (invalid for a missing or unknown verb)', labelNames: ['verb'] as const, registers: [registry] }),
    oaiRefused: new Counter({ name: 'fairharbor_oai_refused_total', help: 'OAI-PMH requests refused with 503 because the service was at capacity', registers: [registry] }),
    harvestRuns: new Counter({ name: 'fairharbor_harvest_runs_total', help: 'Harvests of other repositories by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    importedRecords: new Counter({ name: 'fairharbor_imported_records_total', help: 'Records imported or harvested, by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    middleware: () => async (ctx, next) => {
      const stop = latency.startTimer();
      try {
        await next();
      } finally {
        // The route pattern, not the path, so that accessions do not become label values.
        const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
        stop({ method: ctx.method, route });
        requests.inc({ method: ctx.method, route, status: String(ctx.status) });
      }
    },
  };
}

/** Adds an import's or a harvest's outcome to the imported-records counter. */
export function countImported(metrics: Metrics, summary: { stored: number; updated: number; unchanged: number; withdrawn: number; failed: unknown[] }): void {
  for (const outcome of ['stored', 'updated', 'unchanged', 'withdrawn'] as const) if (summary[outcome] > 0) metrics.importedRecords.inc({ outcome }, summary[outcome]);
  if (summary.failed.length > 0) metrics.importedRecords.inc({ outcome: 'failed' }, summary.failed.length);
}
