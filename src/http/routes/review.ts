/**
 * /review/{token}: the reviewer's view of a record not yet released, in any format of the registry or as
 * the API's record JSON. It is
 * never cached or indexed, carries no Signposting (nothing about it is public), and sends no Referer on.
 * Once the record is public the link leads to its public page.
 */
import { Router } from '@koa/router';
import { recordJsonFormat } from '../../formats/record-json.js';
import { htmlFormat } from '../../formats/html.js';
import { metadataFormats, negotiableFormats } from '../../formats/registry.js';
import type { ServiceContext } from '../../services/context.js';
import { renderContext } from '../../services/render-context.js';
import { openReviewLink } from '../../services/review-link-service.js';
import { respondWithRecord } from './record-response.js';

/** The landing page with the reviewer's banner, without Signposting and marked noindex. */
const reviewerPage = htmlFormat(() => metadataFormats(), { reviewer: true });

export function reviewRoutes(services: ServiceContext): Router {
  const router = new Router();
  const formats = [...negotiableFormats().map((format) => (format.name === 'html' ? reviewerPage : format)), recordJsonFormat];
  router.get('/review/:token', async (ctx) => {
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.set('Referrer-Policy', 'no-referrer');
    const outcome = await openReviewLink(services, ctx.params.token!);
    if (outcome.kind === 'public') {
      ctx.status = 303;
      ctx.set('Cache-Control', 'private, no-store');
      ctx.redirect(`/records/${encodeURIComponent(outcome.accession)}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    await respondWithRecord(ctx, { record: outcome.record, formats, context: renderContext(services), status: 200, cacheControl: 'private, no-store' });
  });
  return router;
}
