import { Router } from '@koa/router';
import type { Context } from 'koa';
import { answerOaiRequest, answerUnreadableRequest } from '../../oai/provider.js';
import { VERBS } from '../../oai/protocol.js';
import type { ServiceContext } from '../../services/context.js';
import getRawBody from 'raw-body';
import { decodeUtf8Strictly } from '../../import/utf8.js';
import { DomainError } from '../../model/errors.js';
import { admission } from '../admission.js';
import type { Metrics } from '../metrics.js';

/** OAI-PMH arguments are a handful of short values. */
const FORM_LIMIT = 64 * 1024;

export function oaiRoutes(services: ServiceContext, metrics: Metrics): Router {
  const router = new Router();
  const admit = admission({
    limit: services.config.oai.maxConcurrent,
    maxStallMs: services.config.oai.maxStallMs,
    retryAfterSeconds: services.config.oai.retryAfterSeconds,
    message: 'The OAI-PMH service is answering as many requests as it can',
    onRefused: () => metrics.oaiRefused.inc(),
  });
  const count = (verb: string | undefined) => metrics.oaiRequests.inc({ verb: verb && (VERBS as readonly string[]).includes(verb) ? verb : 'invalid' });
  const send = (ctx: Context, xml: string) => {
    ctx.body = xml;
    ctx.type = 'text/xml; charset=utf-8';
  };

  router.get('/oai', admit, async (ctx) => {
    const pairs = [...new URLSearchParams(ctx.querystring)];
    count(pairs.find(([name]) => name === 'verb')?.[1]);
    send(ctx, await answerOaiRequest(services, pairs));
  });

  router.post('/oai', admit, async (ctx) => {
    if (!ctx.is('application/x-www-form-urlencoded')) {
      send(ctx, answerUnreadableRequest(services, 'an OAI-PMH POST request must carry its arguments as application/x-www-form-urlencoded'));
      return;
    }
    let body: string;
    try {
      body = decodeUtf8Strictly(await getRawBody(ctx.req, { limit: FORM_LIMIT }));
    } catch (error) {
      if ((error as { type?: string }).type === 'entity.too.large') throw new DomainError('payload_too_large', `an OAI-PMH request body may be at most ${FORM_LIMIT} bytes`);
      if (!(error instanceof DomainError)) throw error;
      send(ctx, answerUnreadableRequest(services, `the request body is not UTF-8: ${error.message}`));
      return;
    }
    const pairs = [...new URLSearchParams(body)];
    count(pairs.find(([name]) => name === 'verb')?.[1]);
    send(ctx, await answerOaiRequest(services, pairs));
  });

  return router;
}
