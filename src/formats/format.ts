import type { FairRecord } from '../model/schema.js';

/** What renderers may know besides the record: the repository's own configuration, never the database. */
export interface RenderContext {
  /** Public base URL, without a trailing slash. */
  baseUrl: string;
  /** Name of the repository, used as publisher of last resort and in catalogue descriptions. */
  repositoryName: string;
  /** Domain part of the OAI identifiers (`oai:DOMAIN:ACCESSION`). */
  oaiRepositoryIdentifier: string;
  /** When the output is made: the access date of a citation, say. */
  now: Date;
}

/** Media type parameters a format understands, e.g. `text/x-bibliography; style=apa; locale=en-US`. */
export type RenderParameters = Record<string, string>;

export function landingPageUrl(context: RenderContext, accession: string): string {
  return `${context.baseUrl}/records/${encodeURIComponent(accession)}`;
}

/** How a format is disseminated over OAI-PMH. */
export interface OaiDissemination {
  metadataPrefix: string;
  /** URL of the XML schema, as advertised by ListMetadataFormats. */
  schema: string;
  metadataNamespace: string;
  /** The metadata element's content: one XML element with its namespaces, no XML declaration. */
  render(record: FairRecord, context: RenderContext): string;
}

/** One output format: the registry serves OAI-PMH, content negotiation and export from these. */
export interface OutputFormat {
  /** Name used by `?format=`, `export --format` and the registry. */
  name: string;
  /** Media types this format answers to, preferred first; empty when reachable only by name. */
  mediaTypes: readonly string[];
  /** The media type sent in Content-Type. */
  contentType: string;
  extension: string;
  /**
   * The media type parameter combinations the format renders (e.g. each citation style and locale);
   * content negotiation offers each as `type;name=value`, so `Accept: text/x-bibliography; style=apa` finds it.
   */
  variants?: readonly RenderParameters[];
  oai?: OaiDissemination;
  /**
   * The whole document, as served by content negotiation and export. A withdrawn record (status
   * `withdrawn`, with `tombstone`) arrives reduced to its identifiers, titles, creators, publisher, year,
   * type and tombstone; formats that can say so express the withdrawal.
   */
  render(record: FairRecord, context: RenderContext, parameters?: RenderParameters): string | Promise<string>;
}
