import { Router } from '@koa/router';
import type { ServiceContext } from '../../services/context.js';

export function healthRoutes(services: ServiceContext): Router {
  const router = new Router();
  router.get('/health', async (ctx) => {
    try {
      await services.db.raw('select 1');
      ctx.body = { status: 'ok', database: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'not answering' };
    }
    ctx.set('Cache-Control', 'no-store');
  });
  return router;
}
