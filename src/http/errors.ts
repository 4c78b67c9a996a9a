import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { DomainError, ERROR_TABLE } from '../model/errors.js';
import { requestLogger } from './request-log.js';

export interface ErrorBody {
  error: { status: number; code: string; message: string; field?: string; [extra: string]: unknown };
}

/** Statuses raised by koa and its body parser, in the words a client can act on. */
function fromHttpError(error: { status: number; type?: string; message: string; limit?: number }, maxBodyBytes: number): ErrorBody['error'] {
  if (error.status === 413) {
    return { status: 413, code: 'payload_too_large', message: `the request body is larger than the limit of ${maxBodyBytes} bytes` };
  }
  if (error.status === 400 && /json/i.test(error.message)) {
    return { status: 400, code: 'bad_request', message: `the request body is not valid JSON: ${error.message}` };
  }
  if (error.status === 415) return { status: 415, code: 'unsupported_media_type', message: error.message };
  return { status: error.status, code: error.status === 404 ? 'not_found' : 'bad_request', message: error.message };
}

/** PostgreSQL's refusal of NUL in text: the request asked about something that cannot exist. */
function isUnstorableCharacter(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '22021' || code === '22P05';
}

/** Turns every failure into the INTERFACES.md error shape; only unexpected failures are 500s, and are logged. */
export function errorHandler(logger: Logger, maxBodyBytes: number) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { status: 404, code: 'not_found', message: `no route for ${ctx.method} ${ctx.path}` } } satisfies ErrorBody;
      }
    } catch (caught) {
      const httpError = caught as { status?: number; message: string };
      let body: ErrorBody['error'];
      if (caught instanceof DomainError) {
        const { httpStatus } = ERROR_TABLE[caught.code];
        body = { status: httpStatus, code: caught.code, message: caught.message, ...(caught.field !== undefined ? { field: caught.field } : {}), ...(caught.details ?? {}) };
      } else if (isUnstorableCharacter(caught)) {
        body = { status: 400, code: 'bad_request', message: 'the request holds a character no record can hold (U+0000)' };
      } else if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
        body = fromHttpError(httpError as { status: number; message: string }, maxBodyBytes);
      } else {
        requestLogger(ctx, logger).error({ err: caught, method: ctx.method, path: ctx.path }, 'request failed');
        body = { status: 500, code: 'internal_error', message: 'the server failed to answer this request; the failure has been logged' };
      }
      ctx.status = body.status;
      ctx.body = { error: body } satisfies ErrorBody;
      if (body.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="fairharbor"');
    }
  };
}
