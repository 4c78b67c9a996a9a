/**
 * What the OAI-PMH provider stores for every record: its `<header>` (for ListIdentifiers) and its whole
 * `<record>` in the formats harvested most, so that a page is one keyset query and string joins. Other
 * formats, and records not rendered yet, are rendered per request exactly as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { oaiFormatByPrefix } from '../formats/registry.js';
import { packagePath } from '../model/package-root.js';
import type { HarvestItem } from '../services/harvest-service.js';
import type { StoredRenderings } from '../services/rendering-service.js';
import { headerXml, recordXml, type ResponseContext } from './xml-writer.js';

/** The metadata formats whose records are stored ready to serve. */
export const STORED_PREFIXES = ['oai_dc', 'oai_datacite'] as const;

/**
 * Raise this whenever a change to the code makes a stored rendering differ for the same record and
 * configuration (a renderer, the header, the sets); every record is then rendered again on start.
 * test/oai/stored-renderings.test.ts fails when the output changes and this number does not.
 */
export const RENDERERS_REVISION = 1;

export const HEADER_RENDERING = 'oai:header';

export function recordRendering(metadataPrefix: string): string {
  return `oai:record:${metadataPrefix}`;
}

/** The stored rendering for a list of this verb and prefix, if one is kept. */
export function storedRenderingFor(withMetadata: boolean, metadataPrefix: string): string | undefined {
  if (!withMetadata) return HEADER_RENDERING;
  return (STORED_PREFIXES as readonly string[]).includes(metadataPrefix) ? recordRendering(metadataPrefix) : undefined;
}

const packageVersion = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;

const byConfig = new WeakMap<Config, StoredRenderings>();

/** The renderings for a configuration; their fingerprint covers everything they read besides the record. */
export function oaiStoredRenderings(config: Config): StoredRenderings {
  const known = byConfig.get(config);
  if (known) return known;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([RENDERERS_REVISION, packageVersion, config.baseUrl, config.oai.repositoryName, config.oai.repositoryIdentifier, STORED_PREFIXES]))
    .digest('hex')
    .slice(0, 32);
  const renderings: StoredRenderings = {
    fingerprint,
    render(item: HarvestItem, now: Date): Record<string, string> {
      const context: ResponseContext = {
        baseUrl: `${config.baseUrl}/oai`,
        responseDate: now,
        repositoryIdentifier: config.oai.repositoryIdentifier,
        render: { baseUrl: config.baseUrl, repositoryName: config.oai.repositoryName, oaiRepositoryIdentifier: config.oai.repositoryIdentifier, now },
      };
      const bodies: Record<string, string> = { [HEADER_RENDERING]: headerXml(item, context) };
      for (const prefix of STORED_PREFIXES) bodies[recordRendering(prefix)] = recordXml(item, oaiFormatByPrefix(prefix)!, context);
      return bodies;
    },
  };
  byConfig.set(config, renderings);
  return renderings;
}
