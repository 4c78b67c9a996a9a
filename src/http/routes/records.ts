/**
 * /records/{accession}: the record in every format by content negotiation, with FAIR Signposting links,
 * conditional requests (ETag, Last-Modified, 304) and 410 Gone with a tombstone once withdrawn.
 */
import { Router } from '@koa/router';
import type { Context } from 'koa';
import { linksetFormatsOf, metadataFormats, negotiableFormats } from '../../formats/registry.js';
import { landingPageLinks, metadataResourceLinks } from '../../formats/signposting.js';
import type { OutputFormat } from '../../formats/format.js';
import { isPublic } from '../../policy/visibility.js';
import type { ServiceContext } from '../../services/context.js';
import { viewRecord } from '../../services/record-service.js';
import { renderContext } from '../../services/render-context.js';
import { latestVersionOf } from '../../services/version-service.js';
import { linkHeader } from '../link-header.js';
import { schemaOrgFormat } from '../../formats/schemaorg.js';
import { storedPublicRenderings } from '../../services/rendering-service.js';
import { negotiateFormat } from '../negotiation.js';
import { RECORD_JSON_LD, RECORD_LINKS } from '../stored-renderings.js';
import { respondWithRecord, sendRepresentation } from './record-response.js';

export function recordRoutes(services: ServiceContext): Router {
  const router = new Router();

  async function serve(ctx: Context, formats: readonly OutputFormat[], isLinkset: boolean): Promise<void> {
    const view = await viewRecord(services, ctx.state.principal, ctx.params.accession!);
    const context = renderContext(services);
    // The record's own URL is its landing page; ?format= URLs are metadata resources describing it.
    const links = ctx.query.format !== undefined || isLinkset ? metadataResourceLinks(view.record, context) : landingPageLinks(view.record, context, metadataFormats());
    const publiclyVisible = view.withdrawn || isPublic({ status: view.record.status, accessLevel: view.record.access.level, releaseDate: view.record.access.releaseDate }, context.now);
    await respondWithRecord(ctx, {
      record: view.record,
      formats,
      context,
      status: view.withdrawn ? 410 : 200,
      cacheControl: publiclyVisible ? 'public, max-age=0, must-revalidate' : 'private, no-store',
    });
    ctx.set('Link', linkHeader(links));
  }

  /** The landing page's JSON-LD, as stored for a public record: no document read, nothing rendered. */
  async function serveStoredJsonLd(ctx: Context): Promise<boolean> {
    if (ctx.query.format !== undefined) return false;
    const { format } = negotiateFormat(negotiableFormats(), ctx.get('Accept') || undefined, ctx.query);
    if (format !== schemaOrgFormat) return false;
    const stored = await storedPublicRenderings(services, ctx.params.accession!, [RECORD_JSON_LD, RECORD_LINKS]);
    if (!stored) return false;
    ctx.vary('Accept');
    sendRepresentation(ctx, { format, body: stored.bodies[RECORD_JSON_LD]!, updated: stored.updated, status: 200, cacheControl: 'public, max-age=0, must-revalidate' });
    ctx.set('Link', stored.bodies[RECORD_LINKS]!);
    return true;
  }

  router.get('/records/:accession', async (ctx) => {
    if (!(await serveStoredJsonLd(ctx))) await serve(ctx, negotiableFormats(), false);
  });
  router.get('/records/:accession/linkset', (ctx) => serve(ctx, linksetFormatsOf(), true));
  // The concept of all versions: always its newest public version, as a concept DOI resolves.
  router.get('/records/:accession/latest', async (ctx) => {
    const latest = await latestVersionOf(services, ctx.state.principal, ctx.params.accession!);
    ctx.status = 303;
    ctx.vary('Accept');
    ctx.redirect(`/records/${encodeURIComponent(latest)}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
  });
  return router;
}
