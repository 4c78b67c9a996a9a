/**
 * Every rendering stored for a record: the OAI-PMH ones, and what `/records/{accession}` answers machines
 * most often (schema.org JSON-LD with its Signposting Link header). The server's renderer and
 * `fairharbor render` both store exactly this set.
 */
import type { Config } from '../config.js';
import type { RenderContext } from '../formats/format.js';
import { metadataFormats } from '../formats/registry.js';
import { schemaOrgFormat } from '../formats/schemaorg.js';
import { landingPageLinks } from '../formats/signposting.js';
import { oaiRenderings } from '../oai/stored-renderings.js';
import { renderingsFingerprint, type StoredRenderings } from '../services/rendering-service.js';
import { linkHeader } from './link-header.js';

export const RECORD_JSON_LD = 'record:schemaorg';
export const RECORD_LINKS = 'record:links';

export function storedRenderings(config: Config): StoredRenderings {
  const oai = oaiRenderings(config);
  return {
    fingerprint: renderingsFingerprint(config),
    // A landing page's JSON-LD is sent with its Link header: at a million records, one disk read for both.
    readTogether: [[RECORD_JSON_LD, RECORD_LINKS]],
    render(item, now) {
      const bodies = oai(item, now);
      // A withdrawn record answers 410 with its tombstone, which is rendered per request.
      if (!item.deleted) {
        const context: RenderContext = { baseUrl: config.baseUrl, repositoryName: config.oai.repositoryName, oaiRepositoryIdentifier: config.oai.repositoryIdentifier, now };
        bodies[RECORD_JSON_LD] = schemaOrgFormat.render(item.record, context) as string;
        bodies[RECORD_LINKS] = linkHeader(landingPageLinks(item.record, context, metadataFormats()));
      }
      return bodies;
    },
  };
}
