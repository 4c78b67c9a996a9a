/**
 * One JSON log line per request, and a request id on every line logged while answering it: the
 * balancer's X-Request-Id when it sends a plain one, else a new UUID, echoed in the response.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';

/** Ids a client or balancer may choose: short, and nothing that could split a header or a log line. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestLogger(ctx: Context, fallback: Logger): Logger {
  return (ctx.state.log as Logger | undefined) ?? fallback;
}

export function requestLog(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const given = ctx.get('X-Request-Id');
    const requestId = ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
    const log = logger.child({ requestId });
    ctx.state.requestId = requestId;
    ctx.state.log = log;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      log.info({ method: ctx.method, url: ctx.url, status: ctx.status, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    }
  };
}
