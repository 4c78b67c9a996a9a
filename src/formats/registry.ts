/**
 * The one registry of output formats. OAI-PMH ListMetadataFormats, content negotiation, Signposting and
 * export all read it: adding a format is one module and one entry here.
 */
import { availabilityStatementFormat } from './availability-statement.js';
import { bibtexFormat, citationFormat, cslJsonFormat, risFormat } from './citation-formats.js';
import { dataCiteJsonFormat } from './datacite-json.js';
import { dataCiteXmlFormat } from './datacite-xml.js';
import type { OaiDissemination, OutputFormat } from './format.js';
import { htmlFormat } from './html.js';
import { linksetFormats } from './linkset.js';
import { oaiDataCiteFormat } from './oai-datacite.js';
import { oaiDcFormat } from './oai-dc.js';
import { nTriplesFormat, rdfXmlFormat, turtleFormat } from './rdf.js';
import { schemaOrgFormat } from './schemaorg.js';

/** Formats in order of preference: the first is what `Accept: *\/*` gets. */
export const FORMATS: readonly OutputFormat[] = [
  dataCiteXmlFormat,
  schemaOrgFormat,
  dataCiteJsonFormat,
  rdfXmlFormat,
  turtleFormat,
  nTriplesFormat,
  ...linksetFormats(() => metadataFormats()),
  oaiDcFormat,
  oaiDataCiteFormat,
  bibtexFormat,
  risFormat,
  cslJsonFormat,
  citationFormat,
  availabilityStatementFormat,
  htmlFormat(() => metadataFormats()),
];

/** What FAIR Signposting lists as `describedby`: the formats that are metadata records, not citations or links. */
const METADATA_FORMAT_NAMES = ['schemaorg', 'datacite-json', 'datacite-xml', 'rdfxml', 'turtle', 'ntriples'];
const LINKSET_FORMAT_NAMES = ['linkset', 'linkset-links'];

export function formatByName(name: string): OutputFormat | undefined {
  return FORMATS.find((format) => format.name === name);
}

export function metadataFormats(): OutputFormat[] {
  return METADATA_FORMAT_NAMES.flatMap((name) => FORMATS.filter((format) => format.name === name));
}

/** Everything /records/{accession} can answer with. */
export function negotiableFormats(): readonly OutputFormat[] {
  return FORMATS;
}

export function linksetFormatsOf(): OutputFormat[] {
  return FORMATS.filter((format) => LINKSET_FORMAT_NAMES.includes(format.name));
}

/** The formats disseminated over OAI-PMH, in the order ListMetadataFormats lists them. */
export function oaiFormats(): OaiDissemination[] {
  const order = ['oai_dc', 'oai_datacite', 'datacite'];
  return FORMATS.flatMap((format) => (format.oai ? [format.oai] : [])).sort((a, b) => order.indexOf(a.metadataPrefix) - order.indexOf(b.metadataPrefix));
}

export function oaiFormatByPrefix(metadataPrefix: string): OaiDissemination | undefined {
  return oaiFormats().find((format) => format.metadataPrefix === metadataPrefix);
}
