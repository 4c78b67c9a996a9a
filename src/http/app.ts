import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context.js';
import { principalFromToken } from './auth.js';
import { strictBody } from './body.js';
import { errorHandler } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { requestLog } from './request-log.js';
import { metricsRoutes } from './routes/metrics.js';
import { openApiDocument } from './openapi.js';
import { accessApiRoutes } from './routes/access-api.js';
import { browseRoutes } from './routes/browse.js';
import { collectionsApiRoutes } from './routes/collections-api.js';
import { harvestSourcesApiRoutes } from './routes/harvest-sources-api.js';
import { checkApiRoutes } from './routes/check-api.js';
import { checkPageRoutes } from './routes/check-page.js';
import { healthRoutes } from './routes/health.js';
import { IMPORT_PATH, importApiRoutes } from './routes/import-api.js';
import { oaiRoutes } from './routes/oai.js';
import { recordRoutes } from './routes/records.js';
import { recordsApiRoutes } from './routes/records-api.js';
import { resolverRoutes } from './routes/resolver.js';
import { reviewRoutes } from './routes/review.js';

/**
 * The koa application: error translation, request logging, body parsing, authentication, then the routes.
 * OAI-PMH may read from a replica (`oaiServices`); everything else reads and writes the primary.
 */
export function createApp(services: ServiceContext, logger: Logger, oaiServices: ServiceContext = services, metrics: Metrics = createMetrics()): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(requestLog(logger));
  app.use(metrics.middleware());
  app.use(errorHandler(logger, services.config.maxBodyBytes));
  // Machine formats may be read from any web page; nothing may be written from one, and reviewer views stay private.
  app.use(
    cors({
      origin: (ctx) => {
        const method = ctx.method === 'OPTIONS' ? ctx.get('Access-Control-Request-Method').toUpperCase() : ctx.method;
        return (method === 'GET' || method === 'HEAD') && !ctx.path.startsWith('/review/') ? '*' : '';
      },
      allowMethods: ['GET', 'HEAD'],
      exposeHeaders: ['Link', 'ETag', 'Last-Modified', 'Location', 'Retry-After'],
    }),
  );
  // gzip and deflate, as OAI-PMH Identify announces; brotli costs too much CPU for large harvests.
  app.use(compress({ threshold: 1024, br: false }));
  // The import route reads its body itself, as bytes of any format; OAI-PMH answers bad form bodies in its own words.
  app.use(strictBody({ jsonLimit: services.config.maxBodyBytes, skip: (ctx) => ctx.path === IMPORT_PATH || ctx.path === '/oai' }));
  app.use(principalFromToken(services));

  const api = new Router();
  const openApi = openApiDocument(services.config);
  api.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openApi;
  });
  for (const router of [healthRoutes(services), recordsApiRoutes(services), accessApiRoutes(services), collectionsApiRoutes(services), harvestSourcesApiRoutes(services, metrics), resolverRoutes(services), importApiRoutes(services, metrics), checkApiRoutes(services), checkPageRoutes(services), oaiRoutes(oaiServices, metrics), recordRoutes(services), reviewRoutes(services), browseRoutes(services), metricsRoutes(metrics), api]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: false }));
  }
  return app;
}
