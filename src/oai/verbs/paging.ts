/** The resumption token element closing a page of a list. */
import { serializeFragment, xmlFragment, type XMLBuilder } from '../../formats/xml.js';
import type { ServiceContext } from '../../services/context.js';
import { formatDatestamp } from '../datestamps.js';
import { encodeToken, type TokenState } from '../resumption-token.js';

export interface PageOutcome<Position> {
  verb: string;
  args: Record<string, string | undefined>;
  /** Items delivered before this page. */
  cursor: number;
  /** Items on this page. */
  pageLength: number;
  completeListSize: number;
  /** Where the next page starts; undefined on the last page. */
  next?: Position;
}

/**
 * `<resumptionToken>` for a page: a signed token when more follows; on the last page of a resumed list,
 * an empty element, as the protocol asks; nothing for a list that fits on one page.
 */
export function appendResumptionToken<Position>(parent: XMLBuilder, services: ServiceContext, page: PageOutcome<Position>): void {
  if (page.next === undefined && page.cursor === 0) return;
  const element = parent.ele('resumptionToken').att('completeListSize', String(page.completeListSize)).att('cursor', String(page.cursor));
  if (page.next !== undefined) {
    const expires = Math.floor(services.now().getTime() / 1000) + services.config.oai.tokenLifetimeSeconds;
    const state: TokenState<Position> = {
      verb: page.verb,
      args: page.args,
      position: page.next,
      cursor: page.cursor + page.pageLength,
      completeListSize: page.completeListSize,
      expires,
    };
    element.att('expirationDate', formatDatestamp(new Date(expires * 1000).toISOString())).txt(encodeToken(state, services.secret));
  }
}

export function resumptionTokenXml<Position>(services: ServiceContext, page: PageOutcome<Position>): string {
  const fragment = xmlFragment();
  appendResumptionToken(fragment, services, page);
  return serializeFragment(fragment);
}
