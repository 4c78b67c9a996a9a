/** /check: a plain HTML form for editors over the journal check; it works without JavaScript. */
import { Router } from '@koa/router';
import { Eta } from 'eta';
import { DomainError } from '../../model/errors.js';
import { packagePath } from '../../model/package-root.js';
import { checkIdentifiers, checkStatement } from '../../services/check-service.js';
import type { ServiceContext } from '../../services/context.js';

const views = new Eta({ views: packagePath('views'), autoEscape: true, cache: true });

export function checkPageRoutes(services: ServiceContext): Router {
  const router = new Router();
  const page = (data: Record<string, unknown>) => views.render('check', { repositoryName: services.config.oai.repositoryName, text: '', ...data });

  router.get('/check', (ctx) => {
    ctx.type = 'text/html';
    ctx.body = page({});
  });

  router.post('/check', async (ctx) => {
    const form = (ctx.request.body ?? {}) as { mode?: string; text?: string };
    const text = typeof form.text === 'string' ? form.text : '';
    const mode = form.mode === 'statement' ? 'statement' : 'ids';
    ctx.type = 'text/html';
    try {
      if (mode === 'statement') {
        const statement = await checkStatement(services, ctx.state.principal, text);
        ctx.body = page({ mode, text, statement, reports: statement.identifiers });
      } else {
        const ids = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
        ctx.body = page({ mode, text, reports: ids.length ? await checkIdentifiers(services, ctx.state.principal, ids) : [], error: ids.length ? undefined : 'Give at least one identifier.' });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      ctx.status = 400;
      ctx.body = page({ mode, text, error: error.message });
    }
  });
  return router;
}
