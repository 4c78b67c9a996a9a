/**
 * POST /api/v1/import?format=NAME&source=NAME: one source document (or a batch in one document) imported as
 * mirrors, answered with the same summary as the command line. The body is read here as bytes, not by the
 * JSON body parser, so XML is accepted and bytes that are not UTF-8 are reported rather than replaced.
 */
import { Router } from '@koa/router';
import getRawBody from 'raw-body';
import { importDocuments } from '../../import/importer.js';
import { DomainError } from '../../model/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { countImported, type Metrics } from '../metrics.js';

export const IMPORT_PATH = '/api/v1/import';

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw new DomainError('bad_request', `${name} may be given only once`, name);
  return value || undefined;
}

export function importApiRoutes(services: ServiceContext, metrics: Metrics): Router {
  const router = new Router();
  router.post(IMPORT_PATH, async (ctx) => {
    const principal = ctx.state.principal;
    if (principal.kind !== 'account') throw new DomainError('unauthenticated', 'importing needs a bearer token');
    const format = single(ctx.query.format, 'format') ?? 'auto';
    const source = single(ctx.query.source, 'source');
    let bytes: Buffer;
    try {
      bytes = await getRawBody(ctx.req, { limit: services.config.maxBodyBytes });
    } catch (error) {
      if ((error as { type?: string }).type === 'entity.too.large') throw new DomainError('payload_too_large', `the request body is larger than the limit of ${services.config.maxBodyBytes} bytes`);
      throw error;
    }
    if (bytes.length === 0) throw new DomainError('bad_request', 'the request body is empty: send the source document');
    const summary = await importDocuments(services, principal, [{ name: 'request body', bytes }], { format, source: source ? { name: source } : {} });
    countImported(metrics, summary);
    ctx.status = summary.failed.length > 0 && summary.stored + summary.updated + summary.unchanged + summary.withdrawn === 0 ? 422 : 200;
    ctx.body = summary;
  });
  return router;
}
