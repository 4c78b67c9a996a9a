/**
 * Request bodies, read strictly: JSON (and merge patches) and HTML forms, in UTF-8 only. Bytes that are
 * not UTF-8 are refused with their position instead of being stored as replacement characters; another
 * declared charset gets 415; JSON nested deeper than a record can be, or with `__proto__` keys, gets 400.
 * Other media types are left to the routes, which refuse what they do not take.
 */
import type { Context, Next } from 'koa';
import getRawBody from 'raw-body';
import { decodeUtf8Strictly } from '../import/utf8.js';
import { DomainError } from '../model/errors.js';
import { parseJsonDocument } from '../model/json-document.js';

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/vnd.api+json', '+json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';
const FORM_LIMIT = 64 * 1024;
const METHODS_WITH_BODIES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function readText(ctx: Context, limit: number): Promise<string> {
  const charset = ctx.request.charset;
  if (charset && !/^utf-?8$/i.test(charset)) throw new DomainError('unsupported_media_type', `the request body must be UTF-8, not ${charset.slice(0, 40)}`);
  let bytes: Buffer;
  try {
    bytes = await getRawBody(ctx.req, { limit, length: ctx.get('Content-Length') || undefined });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new DomainError('payload_too_large', `the request body is larger than the limit of ${limit} bytes`);
    if (type === 'request.size.invalid') throw new DomainError('bad_request', 'the request body is shorter or longer than its Content-Length');
    throw error;
  }
  try {
    return decodeUtf8Strictly(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError('bad_request', `the request body is not UTF-8: ${error.message}`);
    throw error;
  }
}

/** Parses JSON and form bodies of write requests into `ctx.request.body` (the text stays in `rawBody`). */
export function strictBody(options: { jsonLimit: number; skip: (ctx: Context) => boolean }) {
  return async (ctx: Context, next: Next) => {
    if (!METHODS_WITH_BODIES.has(ctx.method) || options.skip(ctx) || !ctx.request.type) return next();
    const request = ctx.request as Context['request'] & { body?: unknown; rawBody?: string };
    if (ctx.is(JSON_TYPES)) {
      const text = await readText(ctx, options.jsonLimit);
      if (text.trim() === '') throw new DomainError('bad_request', 'the request body is empty: send a JSON document');
      const body = parseJsonDocument(text, 'the request body');
      if (body === null || typeof body !== 'object') throw new DomainError('bad_request', 'the request body must be a JSON object or array');
      request.rawBody = text;
      request.body = body;
    } else if (ctx.is(FORM_TYPE)) {
      const text = await readText(ctx, FORM_LIMIT);
      request.rawBody = text;
      request.body = Object.fromEntries(new URLSearchParams(text));
    }
    return next();
  };
}
