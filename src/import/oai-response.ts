/**
 * What a harvester reads from an OAI-PMH response: protocol errors, Identify, the metadata formats on
 * offer, and the envelope of a ListRecords page (its headers and resumption token). The metadata itself
 * is left as text for the readers.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuseEntityDeclarations } from './readers/xml-guards.js';

/** An OAI-PMH error the source answered with (`noRecordsMatch`, `badResumptionToken`, …). */
export class OaiProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message ? `${code}: ${message}` : code);
    this.name = 'OaiProtocolError';
  }
}

/** A response that is not a readable OAI-PMH document. */
export class UnreadableResponse extends Error {
  override name = 'UnreadableResponse';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  stopNodes: ['OAI-PMH.ListRecords.record.metadata', 'OAI-PMH.ListRecords.record.about'],
  isArray: (name) => ['record', 'error', 'metadataFormat', 'setSpec', 'about'].includes(name),
});

type Node = Record<string, unknown>;

/** An element's text, whether the parser gave it as a string or as an object with attributes. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return textOf((value as Node)['#text']);
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** The OAI-PMH element of a response; throws the source's protocol error if it answered with one. */
export function parseOaiDocument(text: string): Node {
  const xml = text.replace(/^\uFEFF/, '');
  try {
    refuseEntityDeclarations(xml);
  } catch (error) {
    throw new UnreadableResponse(`the response was refused: ${(error as Error).message}`);
  }
  const check = XMLValidator.validate(xml);
  if (check !== true) throw new UnreadableResponse(`the response is not well-formed XML (line ${check.err.line}): ${check.err.msg}`);
  const root = (parser.parse(xml) as Node)['OAI-PMH'];
  if (!root || typeof root !== 'object') throw new UnreadableResponse('the response is not an OAI-PMH document');
  const errors = (root as Node).error as unknown[] | undefined;
  if (errors?.length) {
    const first = errors[0] as Node | string;
    const code = typeof first === 'object' ? String(first['@code'] ?? 'unknown') : 'unknown';
    const messages = errors.map(textOf).filter((m): m is string => m !== undefined);
    throw new OaiProtocolError(code, messages.join('; '));
  }
  return root as Node;
}

export type Granularity = 'day' | 'seconds';

export interface IdentifyInfo {
  repositoryName?: string;
  baseUrl?: string;
  earliestDatestamp?: string;
  /** no, transient or persistent: whether the source reports deletions at all. */
  deletedRecord?: string;
  granularity: Granularity;
}

export function readIdentify(root: Node): IdentifyInfo {
  const identify = root.Identify as Node | undefined;
  if (!identify) throw new UnreadableResponse('the Identify response has no Identify element');
  const granularity = textOf(identify.granularity);
  return {
    repositoryName: textOf(identify.repositoryName),
    baseUrl: textOf(identify.baseURL),
    earliestDatestamp: textOf(identify.earliestDatestamp),
    deletedRecord: textOf(identify.deletedRecord),
    // Every repository must accept days; seconds only when it says so.
    granularity: granularity === 'YYYY-MM-DDThh:mm:ssZ' ? 'seconds' : 'day',
  };
}

export interface MetadataFormat {
  prefix: string;
  namespace?: string;
  schema?: string;
}

export function readMetadataFormats(root: Node): MetadataFormat[] {
  const list = (root.ListMetadataFormats as Node | undefined)?.metadataFormat as Node[] | undefined;
  return (list ?? []).flatMap((format) => {
    const prefix = textOf(format.metadataPrefix);
    return prefix ? [{ prefix, namespace: textOf(format.metadataNamespace), schema: textOf(format.schema) }] : [];
  });
}

export interface PageRecord {
  identifier: string;
  datestamp?: string;
  deleted: boolean;
  /** The content of `<metadata>`, as written. */
  metadata?: string;
}

export interface RecordsPage {
  records: PageRecord[];
  /** The token of the next page; absent (or empty in the document) on the last page. */
  resumptionToken?: string;
  completeListSize?: number;
  cursor?: number;
}

function count(value: unknown): number | undefined {
  const number = Number(value);
  return value !== undefined && Number.isInteger(number) && number >= 0 ? number : undefined;
}

export function readRecordsPage(root: Node): RecordsPage {
  const list = root.ListRecords as Node | string | undefined;
  if (list === undefined) throw new UnreadableResponse('the ListRecords response has no ListRecords element');
  const body = typeof list === 'object' ? list : {};
  const records = ((body.record as Node[] | undefined) ?? []).map((record) => {
    const header = (record.header ?? {}) as Node;
    const identifier = textOf(header.identifier);
    if (!identifier) throw new UnreadableResponse('a record of the ListRecords response has no header identifier');
    const metadata = record.metadata;
    return {
      identifier,
      datestamp: textOf(header.datestamp),
      deleted: header['@status'] === 'deleted',
      ...(typeof metadata === 'string' ? { metadata } : {}),
    };
  });
  const token = body.resumptionToken as Node | string | undefined;
  const attributes = typeof token === 'object' ? token : {};
  return {
    records,
    resumptionToken: textOf(token),
    completeListSize: count(attributes['@completeListSize']),
    cursor: count(attributes['@cursor']),
  };
}
