/** ListRecords and ListIdentifiers: keyset pages in datestamp order, resumable with signed tokens. */
import { countHarvestItems, harvestEntries, type HarvestCriteria, type HarvestPosition } from '../../services/harvest-service.js';
import type { VerbContext } from '../context.js';
import { OaiError } from '../protocol.js';
import { decodeToken } from '../resumption-token.js';
import { setCondition } from '../sets.js';
import { renderingsFingerprint } from '../../services/rendering-service.js';
import { storedRenderingFor } from '../stored-renderings.js';
import { headerXml, listEnvelope, recordXml } from '../xml-writer.js';
import { resumptionTokenXml } from './paging.js';
import { formatByPrefix } from './records.js';

interface ListArguments {
  metadataPrefix: string;
  /** Inclusive lower bound on stored datestamps. */
  from?: string;
  /** Exclusive upper bound on stored datestamps. */
  before?: string;
  set?: string;
}

interface ListState {
  args: ListArguments;
  after?: HarvestPosition;
  cursor: number;
  completeListSize?: number;
}

function initialState(context: VerbContext): ListState {
  const { request, services } = context;
  const token = request.args.resumptionToken;
  if (token !== undefined) {
    const state = decodeToken<HarvestPosition>(token, services.secret, request.verb, services.now());
    return { args: state.args as unknown as ListArguments, after: state.position, cursor: state.cursor, completeListSize: state.completeListSize };
  }
  return {
    args: { metadataPrefix: request.args.metadataPrefix!, from: request.from?.start, before: request.until?.end, set: request.args.set },
    cursor: 0,
  };
}

function criteriaFor(context: VerbContext, args: ListArguments): HarvestCriteria {
  if (args.set === undefined) return { from: args.from, before: args.before };
  if (!context.services.config.oai.setsEnabled) throw new OaiError('noSetHierarchy', 'this repository does not support sets');
  const set = setCondition(args.set);
  if (!set) throw new OaiError('noRecordsMatch', `no records are in set ${args.set.slice(0, 200)}`);
  return { from: args.from, before: args.before, set };
}

export async function listRecords(context: VerbContext): Promise<string> {
  const { services, request } = context;
  const withMetadata = request.verb === 'ListRecords';
  const state = initialState(context);
  const format = formatByPrefix(state.args.metadataPrefix);
  const criteria = criteriaFor(context, state.args);
  const pageSize = withMetadata ? services.config.oai.pageSize : services.config.oai.idPageSize;

  const stored = { format: storedRenderingFor(withMetadata, format.metadataPrefix) ?? '', fingerprint: renderingsFingerprint(services.config) };
  const items = await harvestEntries(services, criteria, state.after, pageSize + 1, stored);
  if (items.length === 0) throw new OaiError('noRecordsMatch', 'no records match these arguments');
  const page = items.slice(0, pageSize);
  const more = items.length > pageSize;
  const counted = state.completeListSize ?? (await countHarvestItems(services, criteria));
  // Records added while a harvest runs join its end; the size never claims fewer than are being delivered.
  const completeListSize = Math.max(counted, state.cursor + page.length + (more ? 1 : 0));

  const { head, tail } = listEnvelope(context.response, context.echo, request.verb);
  const parts = [head];
  for (const { rendered, item } of page) {
    parts.push(rendered ?? (withMetadata ? recordXml(item, format, context.response) : headerXml(item, context.response)));
  }
  parts.push(
    resumptionTokenXml(services, {
      verb: request.verb,
      args: { ...state.args },
      cursor: state.cursor,
      pageLength: page.length,
      completeListSize,
      next: more ? page[page.length - 1]!.position : undefined,
    }),
    tail,
  );
  return parts.join('');
}
