/**
 * The journal check over HTTP: GET /api/v1/check?id=ID for one identifier, POST /api/v1/check with
 * {"ids": […]} (up to 1,000) or {"statement": "…"}. Rate-limited per client address (429 with Retry-After),
 * since each identifier is a lookup.
 */
import { Router } from '@koa/router';
import ratelimit from 'koa-ratelimit';
import { DomainError } from '../../model/errors.js';
import { checkIdentifiers, checkStatement, MAX_CHECK_BATCH } from '../../services/check-service.js';
import type { ServiceContext } from '../../services/context.js';
import { requireJsonBody } from './json-body.js';

export function checkApiRoutes(services: ServiceContext): Router {
  const router = new Router({ prefix: '/api/v1/check' });
  const limit = ratelimit({
    driver: 'memory',
    db: new Map(),
    duration: 60_000,
    max: services.config.checkRequestsPerMinute,
    id: (ctx) => ctx.ip,
    errorMessage: { error: { status: 429, code: 'too_many_requests', message: `at most ${services.config.checkRequestsPerMinute} check requests a minute; retry after the time in Retry-After` } } as unknown as string,
    headers: { remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset', total: 'RateLimit-Limit' },
  });

  router.get('/', limit, async (ctx) => {
    const id = ctx.query.id;
    if (typeof id !== 'string' || id.trim() === '') throw new DomainError('bad_request', 'give one identifier as ?id= (or POST {"ids": […]} for several)', 'id');
    const [report] = await checkIdentifiers(services, ctx.state.principal, [id]);
    ctx.body = { data: report };
  });

  router.post('/', limit, requireJsonBody, async (ctx) => {
    const body = ctx.request.body as { ids?: unknown; statement?: unknown } | undefined;
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    if (keys.length !== 1 || !['ids', 'statement'].includes(keys[0]!)) {
      throw new DomainError('bad_request', 'send either {"ids": ["…", …]} or {"statement": "…"}', '');
    }
    if (body!.statement !== undefined) {
      if (typeof body!.statement !== 'string' || body!.statement.trim() === '') throw new DomainError('bad_request', 'statement must be the text of a data availability statement', '/statement');
      ctx.body = await checkStatement(services, ctx.state.principal, body!.statement);
      return;
    }
    const ids = body!.ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw new DomainError('bad_request', 'ids must be a list of identifiers (strings)', '/ids');
    if (ids.length > MAX_CHECK_BATCH) throw new DomainError('payload_too_large', `at most ${MAX_CHECK_BATCH} identifiers per request, got ${ids.length}`, '/ids');
    ctx.body = { data: await checkIdentifiers(services, ctx.state.principal, ids as string[]) };
  });
  return router;
}
