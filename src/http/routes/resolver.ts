import { Router } from '@koa/router';
import type { Context } from 'koa';
import { DomainError } from '../../model/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { resolveIdentifier } from '../../services/record-service.js';

/**
 * Persistent-identifier resolution: /doi/{doi} and /cstr/{cstr} send the caller on to the record
 * (303 See Other), and /api/v1/resolve?id= does the same for any identifier form.
 */
export function resolverRoutes(services: ServiceContext): Router {
  const router = new Router();
  const seeRecord = (path: string) => (accession: string) => `${path}/${encodeURIComponent(accession)}`;
  /** 303 to the record, keeping the query (?format=…) so the requested type survives the redirect. */
  const seeOther = (ctx: Context, location: string) => {
    ctx.status = 303;
    ctx.vary('Accept');
    ctx.redirect(ctx.querystring ? `${location}?${ctx.querystring}` : location);
  };

  router.get('/doi/*doi', async (ctx) => {
    const record = await resolveIdentifier(services, ctx.state.principal, `doi:${ctx.params.doi}`);
    seeOther(ctx, seeRecord('/records')(record.accession));
  });

  router.get('/cstr/*cstr', async (ctx) => {
    const record = await resolveIdentifier(services, ctx.state.principal, `CSTR:${ctx.params.cstr}`);
    seeOther(ctx, seeRecord('/records')(record.accession));
  });

  router.get('/api/v1/resolve', async (ctx) => {
    const id = ctx.query.id;
    if (typeof id !== 'string' || id === '') throw new DomainError('bad_request', 'give one identifier as ?id=', 'id');
    const record = await resolveIdentifier(services, ctx.state.principal, id);
    ctx.status = 303;
    ctx.redirect(seeRecord('/api/v1/records')(record.accession));
  });

  return router;
}
