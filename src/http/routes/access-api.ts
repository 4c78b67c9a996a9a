import { Router } from '@koa/router';
import { DomainError } from '../../model/errors.js';
import { decideAccessRequest, listAccessRequests, requestAccess, withdrawAccessRequest } from '../../services/access-request-service.js';
import type { ServiceContext } from '../../services/context.js';
import { listFiles } from '../../services/download-service.js';
import { requireJsonBody } from './json-body.js';

function requestId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', `access request ${raw} not found`);
  return id;
}

/** A record's files for those who may download them, and the requests for access to controlled files. */
export function accessApiRoutes(services: ServiceContext): Router {
  const router = new Router({ prefix: '/api/v1/records' });

  router.get('/:accession/files', async (ctx) => {
    const { files, accessUntil } = await listFiles(services, ctx.state.principal, ctx.params.accession!);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data: files, ...(accessUntil ? { meta: { accessUntil } } : {}) };
  });

  router.post('/:accession/access-requests', requireJsonBody, async (ctx) => {
    const request = await requestAccess(services, ctx.state.principal, ctx.params.accession!, ctx.request.body);
    ctx.status = 201;
    ctx.body = request;
  });

  router.get('/:accession/access-requests', async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data: await listAccessRequests(services, ctx.state.principal, ctx.params.accession!) };
  });

  router.post('/:accession/access-requests/:id/decision', requireJsonBody, async (ctx) => {
    ctx.body = await decideAccessRequest(services, ctx.state.principal, ctx.params.accession!, requestId(ctx.params.id), ctx.request.body);
  });

  router.delete('/:accession/access-requests/:id', async (ctx) => {
    ctx.body = await withdrawAccessRequest(services, ctx.state.principal, ctx.params.accession!, requestId(ctx.params.id));
  });

  return router;
}
