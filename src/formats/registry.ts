/**
 * The one registry of output formats. OAI-PMH ListMetadataFormats, content negotiation and export all
 * read it: adding a format is one module and one entry here.
 */
import { dataCiteXmlFormat } from './datacite-xml.js';
import type { OaiDissemination, OutputFormat } from './format.js';
import { oaiDataCiteFormat } from './oai-datacite.js';
import { oaiDcFormat } from './oai-dc.js';

export const FORMATS: readonly OutputFormat[] = [oaiDcFormat, oaiDataCiteFormat, dataCiteXmlFormat];

export function formatByName(name: string): OutputFormat | undefined {
  return FORMATS.find((format) => format.name === name);
}

/** The formats disseminated over OAI-PMH, in the order ListMetadataFormats lists them. */
export function oaiFormats(): OaiDissemination[] {
  return FORMATS.flatMap((format) => (format.oai ? [format.oai] : []));
}

export function oaiFormatByPrefix(metadataPrefix: string): OaiDissemination | undefined {
  return oaiFormats().find((format) => format.metadataPrefix === metadataPrefix);
}
