import type { Context, Next } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../model/errors.js';
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

/**
 * Resolves the caller from the bearer token, once per request. Failed tokens are counted per client
 * address: past the limit a minute, every token from that address waits (429 with Retry-After), so tokens
 * cannot be guessed at speed.
 */
export function principalFromToken(services: ServiceContext) {
  const failures = new RateLimiterMemory({ points: services.config.authFailuresPerMinute, duration: 60 });
  const refuse = (wait: RateLimiterRes) => {
    const seconds = Math.max(1, Math.ceil(wait.msBeforeNext / 1000));
    return new DomainError('too_many_requests', `too many failed token attempts from this address; retry in ${seconds} s`, undefined, { retryAfter: seconds });
  };
  return async (ctx: Context, next: Next) => {
    const authorization = ctx.get('Authorization') || undefined;
    if (authorization) {
      const used = await failures.get(ctx.ip);
      if (used && used.remainingPoints <= 0) {
        ctx.set('Retry-After', String(Math.max(1, Math.ceil(used.msBeforeNext / 1000))));
        throw refuse(used);
      }
    }
    try {
      ctx.state.principal = await authenticate(services, authorization);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthenticated' && authorization) {
        await failures.consume(ctx.ip).catch((wait: unknown) => {
          if (wait instanceof RateLimiterRes) ctx.set('Retry-After', String(Math.max(1, Math.ceil(wait.msBeforeNext / 1000))));
        });
      }
      throw error;
    }
    await next();
  };
}
