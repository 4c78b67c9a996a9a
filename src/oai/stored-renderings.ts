/**
 * What the OAI-PMH provider stores for every record: its `<header>` (for ListIdentifiers) and its whole
 * `<record>` in the formats harvested most, so that a page is one keyset query and string joins. Other
 * formats, and records not rendered yet, are rendered per request exactly as before.
 */
import type { Config } from '../config.js';
import { oaiFormatByPrefix } from '../formats/registry.js';
import type { HarvestItem } from '../services/harvest-service.js';
import { headerXml, recordXml, type ResponseContext } from './xml-writer.js';

/** The metadata formats whose records are stored ready to serve. */
export const STORED_PREFIXES = ['oai_dc', 'oai_datacite'] as const;

export const HEADER_RENDERING = 'oai:header';

export function recordRendering(metadataPrefix: string): string {
  return `oai:record:${metadataPrefix}`;
}

/** The stored rendering for a list of this verb and prefix, if one is kept. */
export function storedRenderingFor(withMetadata: boolean, metadataPrefix: string): string | undefined {
  if (!withMetadata) return HEADER_RENDERING;
  return (STORED_PREFIXES as readonly string[]).includes(metadataPrefix) ? recordRendering(metadataPrefix) : undefined;
}

/** The OAI-PMH renderings of one record, as the provider would write them at `now`. */
export function oaiRenderings(config: Config): (item: HarvestItem, now: Date) => Record<string, string> {
  return (item, now) => {
    const context: ResponseContext = {
      baseUrl: `${config.baseUrl}/oai`,
      responseDate: now,
      repositoryIdentifier: config.oai.repositoryIdentifier,
      render: { baseUrl: config.baseUrl, repositoryName: config.oai.repositoryName, oaiRepositoryIdentifier: config.oai.repositoryIdentifier, now },
    };
    const bodies: Record<string, string> = { [HEADER_RENDERING]: headerXml(item, context) };
    for (const prefix of STORED_PREFIXES) bodies[recordRendering(prefix)] = recordXml(item, oaiFormatByPrefix(prefix)!, context);
    return bodies;
  };
}
