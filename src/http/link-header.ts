import LinkHeader from 'http-link-header';
import type { TypedLink } from '../formats/signposting.js';

/** A Link header value (RFC 8288) for typed links. */
export function linkHeader(links: readonly TypedLink[]): string {
  const header = new LinkHeader();
  for (const { rel, href, type } of links) header.set({ rel, uri: href, ...(type ? { type } : {}) });
  return header.toString();
}
