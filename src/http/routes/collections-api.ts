import { Router } from '@koa/router';
import type { ServiceContext } from '../../services/context.js';
import { addToCollection, allCollections, createCollection, getCollection, removeCollection, removeFromCollection } from '../../services/collection-service.js';
import { requireJsonBody } from './json-body.js';

export function collectionsApiRoutes(services: ServiceContext): Router {
  const router = new Router({ prefix: '/api/v1/collections' });

  router.get('/', async (ctx) => {
    ctx.body = { data: await allCollections(services) };
  });

  router.post('/', requireJsonBody, async (ctx) => {
    const collection = await createCollection(services, ctx.state.principal, ctx.request.body);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/collections/${encodeURIComponent(collection.spec)}`);
    ctx.body = collection;
  });

  router.get('/:spec', async (ctx) => {
    ctx.body = await getCollection(services, ctx.params.spec!);
  });

  router.delete('/:spec', async (ctx) => {
    await removeCollection(services, ctx.state.principal, ctx.params.spec!);
    ctx.status = 204;
  });

  router.put('/:spec/records/:accession', async (ctx) => {
    await addToCollection(services, ctx.state.principal, ctx.params.spec!, ctx.params.accession!);
    ctx.status = 204;
  });

  router.delete('/:spec/records/:accession', async (ctx) => {
    await removeFromCollection(services, ctx.state.principal, ctx.params.spec!, ctx.params.accession!);
    ctx.status = 204;
  });

  return router;
}
