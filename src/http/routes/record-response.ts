/**
 * Answers with one record in the format the request negotiates: content type, Vary, validators (ETag,
 * Last-Modified) and 304 for an unchanged representation.
 */
import { createHash } from 'node:crypto';
import fresh from 'fresh';
import type { Context } from 'koa';
import type { OutputFormat, RenderContext } from '../../formats/format.js';
import type { FairRecord } from '../../model/schema.js';
import { LANDING_PAGE_CSP } from '../../formats/html.js';
import { negotiateFormat } from '../negotiation.js';

export interface RecordResponse {
  record: FairRecord;
  formats: readonly OutputFormat[];
  context: RenderContext;
  /** 410 for a tombstone; conditional requests are answered only for 200. */
  status: 200 | 410;
  cacheControl: string;
}

export async function respondWithRecord(ctx: Context, response: RecordResponse): Promise<OutputFormat> {
  ctx.vary('Accept');
  const { format, parameters } = negotiateFormat(response.formats, ctx.get('Accept') || undefined, ctx.query);
  const body = await format.render(response.record, response.context, parameters);
  sendRepresentation(ctx, { format, body, updated: response.record.updated, status: response.status, cacheControl: response.cacheControl });
  return format;
}

/** Sends one representation of a record, or 304 when the client's copy is current. */
export function sendRepresentation(ctx: Context, representation: { format: OutputFormat; body: string; updated: string; status: 200 | 410; cacheControl: string }): void {
  const { format, body } = representation;
  ctx.set('Cache-Control', representation.cacheControl);
  if (format.contentType.startsWith('text/html')) setPageSecurityHeaders(ctx);
  ctx.type = format.contentType;
  ctx.lastModified = new Date(representation.updated);
  ctx.etag = createHash('sha256').update(format.contentType).update('\0').update(body).digest('base64url').slice(0, 32);
  ctx.status = representation.status;
  if (representation.status === 200 && isUnchangedForClient(ctx)) {
    ctx.status = 304;
    return;
  }
  ctx.body = body;
}

/**
 * RFC 9110 conditional evaluation: If-None-Match, else If-Modified-Since. koa's ctx.fresh also treats a
 * request's `Cache-Control: no-cache` as "send it all", which is a rule for caches, not for the origin, and
 * which fetch() adds to every request carrying If-None-Match: clients using it would never see a 304.
 */
function isUnchangedForClient(ctx: Context): boolean {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
  const { 'cache-control': _cacheControl, ...conditions } = ctx.headers;
  return fresh(conditions, { etag: ctx.response.get('ETag'), 'last-modified': ctx.response.get('Last-Modified') });
}

/** An HTML page runs only its own script and style, is never sniffed as something else and sends no full Referer away. */
function setPageSecurityHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', LANDING_PAGE_CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (!ctx.response.get('Referrer-Policy')) ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
}
