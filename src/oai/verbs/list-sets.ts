import { xmlText } from '../../formats/xml.js';
import { allCollections } from '../../services/collection-service.js';
import { harvestSetInventory } from '../../services/harvest-service.js';
import type { VerbContext } from '../context.js';
import { OaiError } from '../protocol.js';
import { decodeToken } from '../resumption-token.js';
import { setHierarchy } from '../sets.js';
import { response } from '../xml-writer.js';
import { appendResumptionToken } from './paging.js';

/** ListSets, paged by setSpec so that sets added between pages neither repeat nor push others out. */
export async function listSets(context: VerbContext): Promise<string> {
  const { services, request } = context;
  if (!services.config.oai.setsEnabled) throw new OaiError('noSetHierarchy', 'this repository does not support sets');
  const token = request.args.resumptionToken;
  const state = token ? decodeToken<string>(token, services.secret, 'ListSets', services.now()) : undefined;
  const sets = setHierarchy(await harvestSetInventory(services), await allCollections(services));
  const remaining = state ? sets.filter((set) => set.spec > state.position) : sets;
  const pageSize = services.config.oai.setPageSize;
  const page = remaining.slice(0, pageSize);
  const cursor = state?.cursor ?? 0;
  const more = remaining.length > pageSize;
  const outcome = {
    verb: 'ListSets',
    args: {},
    cursor,
    pageLength: page.length,
    completeListSize: Math.max(state?.completeListSize ?? sets.length, cursor + remaining.length),
    next: more ? page[page.length - 1]!.spec : undefined,
  };
  return response(context.response, context.echo, 'ListSets', (list) => {
    for (const set of page) {
      const entry = list.ele('set');
      entry.ele('setSpec').txt(xmlText(set.spec));
      entry.ele('setName').txt(xmlText(set.name));
      if (set.description) {
        entry
          .ele('setDescription')
          .ele('http://www.openarchives.org/OAI/2.0/oai_dc/', 'oai_dc:dc')
          .att('xmlns:dc', 'http://purl.org/dc/elements/1.1/')
          .att('http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation', 'http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd')
          .ele('http://purl.org/dc/elements/1.1/', 'dc:description')
          .txt(xmlText(set.description));
      }
    }
    appendResumptionToken(list, services, outcome);
  });
}
