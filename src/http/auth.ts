import type { Context, Next } from 'koa';
import type { Principal } from '../policy/principal.js';
import { authenticate } from '../services/auth-service.js';
import type { ServiceContext } from '../services/context.js';

declare module 'koa' {
  interface DefaultState {
    principal: Principal;
  }
  interface Request {
    /** Set by the body parser. */
    body?: unknown;
  }
}

/** Resolves the caller from the bearer token, once per request. */
export function principalFromToken(services: ServiceContext) {
  return async (ctx: Context, next: Next) => {
    ctx.state.principal = await authenticate(services, ctx.get('Authorization') || undefined);
    await next();
  };
}
