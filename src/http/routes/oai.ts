import { Router } from '@koa/router';
import type { Context } from 'koa';
import { answerOaiRequest, answerUnreadableRequest } from '../../oai/provider.js';
import type { ServiceContext } from '../../services/context.js';

export function oaiRoutes(services: ServiceContext): Router {
  const router = new Router();
  const send = (ctx: Context, xml: string) => {
    ctx.body = xml;
    ctx.type = 'text/xml; charset=utf-8';
  };

  router.get('/oai', async (ctx) => {
    send(ctx, await answerOaiRequest(services, [...new URLSearchParams(ctx.querystring)]));
  });

  router.post('/oai', async (ctx) => {
    if (!ctx.is('application/x-www-form-urlencoded')) {
      send(ctx, answerUnreadableRequest(services, 'an OAI-PMH POST request must carry its arguments as application/x-www-form-urlencoded'));
      return;
    }
    const body = (ctx.request as { rawBody?: string }).rawBody ?? '';
    send(ctx, await answerOaiRequest(services, [...new URLSearchParams(body)]));
  });

  return router;
}
