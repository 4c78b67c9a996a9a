import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context.js';
import { principalFromToken } from './auth.js';
import { errorHandler } from './errors.js';
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
export function createApp(services: ServiceContext, logger: Logger, oaiServices: ServiceContext = services): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(async (ctx, next) => {
    const started = process.hrtime.bigint();
    await next();
    logger.info({ method: ctx.method, url: ctx.url, status: ctx.status, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
  });
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
  // The import route reads its body itself, as bytes: XML, and UTF-8 that must be checked, not repaired.
  const parseBody = bodyParser({
    enableTypes: ['json', 'form'],
    formLimit: 64 * 1024,
    // The list replaces the parser's defaults, so it names every JSON type accepted.
    extendTypes: { json: ['application/json', 'application/merge-patch+json', 'application/vnd.api+json'] },
    jsonLimit: services.config.maxBodyBytes,
    parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    jsonStrict: true,
  });
  app.use((ctx, next) => (ctx.path === IMPORT_PATH ? next() : parseBody(ctx, next)));
  app.use(principalFromToken(services));

  const api = new Router();
  const openApi = openApiDocument(services.config);
  api.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openApi;
  });
  for (const router of [healthRoutes(services), recordsApiRoutes(services), accessApiRoutes(services), collectionsApiRoutes(services), harvestSourcesApiRoutes(services), resolverRoutes(services), importApiRoutes(services), checkApiRoutes(services), checkPageRoutes(services), oaiRoutes(oaiServices), recordRoutes(services), reviewRoutes(services), browseRoutes(services), api]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: false }));
  }
  return app;
}
