import type { Context, Next } from 'koa';
import { DomainError } from '../../model/errors.js';

/** Write requests must say they carry JSON (merge patches may say application/merge-patch+json). */
export async function requireJsonBody(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is('application/json', 'application/merge-patch+json', '+json')) {
    throw new DomainError('unsupported_media_type', 'the request body must be JSON (Content-Type: application/json)');
  }
  await next();
}

/** For requests whose body may be left out: if there is one, it must be JSON. */
export async function optionalJsonBody(ctx: Context, next: Next): Promise<void> {
  if (ctx.request.length || ctx.get('Transfer-Encoding')) return requireJsonBody(ctx, next);
  await next();
}
