import { Router } from '@koa/router';
import type { Context } from 'koa';
import { DomainError } from '../../model/errors.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createRecord,
  detachMirror,
  getRecord,
  listVisibleRecords,
  patchRecord,
  replaceRecord,
  withdrawRecord,
} from '../../services/record-service.js';
import { createVersion, listVersions } from '../../services/version-service.js';
import { doiRegistrationOf } from '../../services/doi-registration.js';
import { createReviewLink, listReviewLinks, revokeReviewLinkOf } from '../../services/review-link-service.js';
import { optionalJsonBody, requireJsonBody } from './json-body.js';

function singleQueryValue(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) throw new DomainError('bad_request', `${name} may be given only once`, name);
  return value === undefined || value === '' ? undefined : value;
}

export function recordsApiRoutes(services: ServiceContext): Router {
  const router = new Router({ prefix: '/api/v1/records' });
  const location = (accession: string) => `/records/${encodeURIComponent(accession)}`;

  router.get('/', async (ctx) => {
    const size = singleQueryValue(ctx, 'page[size]');
    const page = await listVisibleRecords(services, ctx.state.principal, {
      q: singleQueryValue(ctx, 'q'),
      pageSize: size === undefined ? undefined : Number(size),
      cursor: singleQueryValue(ctx, 'page[cursor]'),
      status: singleQueryValue(ctx, 'status'),
      accessLevel: singleQueryValue(ctx, 'access'),
    });
    const self = new URL(ctx.originalUrl, services.config.baseUrl);
    const links: Record<string, string> = { self: self.pathname + self.search };
    if (page.nextCursor) {
      self.searchParams.set('page[cursor]', page.nextCursor);
      links.next = self.pathname + self.search;
    }
    ctx.body = { data: page.records, links, meta: { count: page.records.length } };
  });

  router.post('/', requireJsonBody, async (ctx) => {
    const record = await createRecord(services, ctx.state.principal, ctx.request.body);
    ctx.status = 201;
    ctx.set('Location', location(record.accession));
    ctx.body = record;
  });

  router.get('/:accession', async (ctx) => {
    ctx.body = await getRecord(services, ctx.state.principal, ctx.params.accession!);
  });

  router.put('/:accession', requireJsonBody, async (ctx) => {
    ctx.body = await replaceRecord(services, ctx.state.principal, ctx.params.accession!, ctx.request.body);
  });

  router.patch('/:accession', requireJsonBody, async (ctx) => {
    ctx.body = await patchRecord(services, ctx.state.principal, ctx.params.accession!, ctx.request.body);
  });

  router.delete('/:accession', requireJsonBody, async (ctx) => {
    ctx.body = await withdrawRecord(services, ctx.state.principal, ctx.params.accession!, ctx.request.body);
  });

  router.post('/:accession/versions', optionalJsonBody, async (ctx) => {
    const record = await createVersion(services, ctx.state.principal, ctx.params.accession!, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.set('Location', location(record.accession));
    ctx.body = record;
  });

  router.get('/:accession/versions', async (ctx) => {
    ctx.body = { data: await listVersions(services, ctx.state.principal, ctx.params.accession!) };
  });

  router.post('/:accession/detach', async (ctx) => {
    ctx.body = await detachMirror(services, ctx.state.principal, ctx.params.accession!);
  });

  router.get('/:accession/doi', async (ctx) => {
    ctx.body = await doiRegistrationOf(services, ctx.state.principal, ctx.params.accession!);
  });

  router.post('/:accession/review-links', optionalJsonBody, async (ctx) => {
    const link = await createReviewLink(services, ctx.state.principal, ctx.params.accession!, ctx.request.body);
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = link;
  });

  router.get('/:accession/review-links', async (ctx) => {
    ctx.body = { data: await listReviewLinks(services, ctx.state.principal, ctx.params.accession!) };
  });

  router.delete('/:accession/review-links/:id', async (ctx) => {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', `reviewer link ${ctx.params.id} not found`);
    await revokeReviewLinkOf(services, ctx.state.principal, ctx.params.accession!, id);
    ctx.status = 204;
  });

  return router;
}
