import { Router } from '@koa/router';
import { harvestSource } from '../../import/oai-harvester.js';
import { validateHarvestRunInput } from '../../model/validate.js';
import type { ServiceContext } from '../../services/context.js';
import { countImported, type Metrics } from '../metrics.js';
import { allHarvestSources, createHarvestSource, getHarvestSource, removeHarvestSource, requireCurator } from '../../services/harvest-source-service.js';
import { optionalJsonBody, requireJsonBody } from './json-body.js';

export function harvestSourcesApiRoutes(services: ServiceContext, metrics: Metrics): Router {
  const router = new Router({ prefix: '/api/v1/harvest-sources' });

  router.get('/', async (ctx) => {
    ctx.body = { data: await allHarvestSources(services, ctx.state.principal) };
  });

  router.post('/', requireJsonBody, async (ctx) => {
    const source = await createHarvestSource(services, ctx.state.principal, ctx.request.body);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/harvest-sources/${encodeURIComponent(source.name)}`);
    ctx.body = source;
  });

  router.get('/:name', async (ctx) => {
    ctx.body = await getHarvestSource(services, ctx.state.principal, ctx.params.name!);
  });

  router.delete('/:name', async (ctx) => {
    await removeHarvestSource(services, ctx.state.principal, ctx.params.name!);
    ctx.status = 204;
  });

  router.post('/:name/runs', optionalJsonBody, async (ctx) => {
    requireCurator(ctx.state.principal);
    const bounds = validateHarvestRunInput(ctx.request.body);
    const run = await harvestSource(services, ctx.state.principal, ctx.params.name!, bounds);
    metrics.harvestRuns.inc({ outcome: run.status });
    countImported(metrics, run.summary);
    ctx.body = run;
  });

  return router;
}
