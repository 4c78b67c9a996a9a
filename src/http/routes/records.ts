/**
 * /records/{accession}: the record in every format by content negotiation, with FAIR Signposting links,
 * conditional requests (ETag, Last-Modified, 304) and 410 Gone with a tombstone once withdrawn.
 */
import { createHash } from 'node:crypto';
import { Router } from '@koa/router';
import type { Context } from 'koa';
import { linksetFormatsOf, metadataFormats, negotiableFormats } from '../../formats/registry.js';
import { landingPageLinks, metadataResourceLinks } from '../../formats/signposting.js';
import type { OutputFormat } from '../../formats/format.js';
import { isPublic } from '../../policy/visibility.js';
import type { ServiceContext } from '../../services/context.js';
import { viewRecord } from '../../services/record-service.js';
import { renderContext } from '../../services/render-context.js';
import { linkHeader } from '../link-header.js';
import { negotiateFormat } from '../negotiation.js';

export function recordRoutes(services: ServiceContext): Router {
  const router = new Router();

  async function serve(ctx: Context, formats: readonly OutputFormat[], isLinkset: boolean): Promise<void> {
    const view = await viewRecord(services, ctx.state.principal, ctx.params.accession!);
    ctx.vary('Accept');
    const { format, parameters } = negotiateFormat(formats, ctx.get('Accept') || undefined, ctx.query);
    const context = renderContext(services);
    const body = await format.render(view.record, context, parameters);

    // The record's own URL is its landing page; ?format= URLs are metadata resources describing it.
    const links = ctx.query.format !== undefined || isLinkset ? metadataResourceLinks(view.record, context) : landingPageLinks(view.record, context, metadataFormats());
    ctx.set('Link', linkHeader(links));
    const publiclyVisible = view.withdrawn || isPublic({ status: view.record.status, accessLevel: view.record.access.level, releaseDate: view.record.access.releaseDate }, context.now);
    ctx.set('Cache-Control', publiclyVisible ? 'public, max-age=0, must-revalidate' : 'private, no-store');
    ctx.type = format.contentType;
    ctx.lastModified = new Date(view.record.updated);
    ctx.etag = createHash('sha256').update(format.contentType).update('\0').update(body).digest('base64url').slice(0, 32);
    if (view.withdrawn) {
      ctx.status = 410;
      ctx.body = body;
      return;
    }
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = body;
  }

  router.get('/records/:accession', (ctx) => serve(ctx, negotiableFormats(), false));
  router.get('/records/:accession/linkset', (ctx) => serve(ctx, linksetFormatsOf(), true));
  return router;
}
