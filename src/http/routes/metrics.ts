import { Router } from '@koa/router';
import { DomainError } from '../../model/errors.js';
import { isStaff } from '../../policy/principal.js';
import { requireAccount } from '../../services/record-service.js';
import type { Metrics } from '../metrics.js';

/** Prometheus scrapes /metrics with a curator's or admin's bearer token: counts are the repository's own business. */
export function metricsRoutes(metrics: Metrics): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    requireAccount(ctx.state.principal);
    if (!isStaff(ctx.state.principal)) throw new DomainError('forbidden', 'metrics are for curators and admins');
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
