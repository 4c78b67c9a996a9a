/**
 * OAI-PMH 2.0 responses (GetRecord, ListRecords) read into one import item per record: the header gives the
 * item's identity and datestamp, a deleted record is an item without metadata, and the metadata is read by
 * the reader of its format. The record's `source` says where it came from: the base URL the response
 * names, the record's OAI identifier and datestamp there, and the namespace of the metadata read. The
 * repository's name is the importer's to give.
 */
import { DomainError } from '../../model/errors.js';
import type { ImportItem } from '../import-item.js';
import { compact, itemOf, trimmed, type ReadRecord } from './reader-support.js';
import { childElements, ownText, type XmlElement } from './xml-tree.js';

export const OAI_PMH_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/';

export interface OaiResponse {
  /** The base URL the response names in its request element. */
  baseUrl?: string;
  records: OaiRecord[];
}

export interface OaiRecord {
  identifier?: string;
  datestamp?: string;
  deleted: boolean;
  /** The metadata's own element (oai_dc:dc, oai_datacite, resource); absent for a deleted record. */
  metadata?: XmlElement;
  /** 1-based position in the response, naming a record without an identifier. */
  position: number;
}

/** Reads one record's metadata element. */
export type MetadataReader = (metadata: XmlElement) => ReadRecord;

type Source = NonNullable<ReadRecord['source']>;

const HTTP_URL = /^https?:\/\/\S+$/i;

export function isOaiPmhResponse(root: XmlElement): boolean {
  return root.name === 'OAI-PMH' && root.namespace === OAI_PMH_NAMESPACE;
}

const children = (element: XmlElement, name: string) => childElements(element).filter((child) => child.name === name && child.namespace === OAI_PMH_NAMESPACE);
const textOf = (element: XmlElement | undefined) => (element ? trimmed(ownText(element)) : undefined);

/**
 * The records of a response. An error response throws with the repository's code and message, except
 * noRecordsMatch, which is an empty list.
 */
export function oaiResponse(root: XmlElement): OaiResponse {
  const errors = children(root, 'error');
  const failures = errors.filter((error) => error.attributes.code !== 'noRecordsMatch');
  if (failures.length > 0) {
    const described = failures.map((error) => [error.attributes.code ?? 'error', textOf(error)].filter(Boolean).join(': ')).join('; ');
    throw new DomainError('bad_request', `the OAI-PMH response is an error: ${described}`);
  }
  const request = textOf(children(root, 'request')[0]);
  const verb = childElements(root).find((child) => child.namespace === OAI_PMH_NAMESPACE && (child.name === 'GetRecord' || child.name === 'ListRecords'));
  const records = verb ? children(verb, 'record') : [];
  if (!verb && errors.length === 0) throw new DomainError('bad_request', 'the OAI-PMH response holds neither GetRecord nor ListRecords');
  return {
    baseUrl: request && HTTP_URL.test(request) ? request : undefined,
    records: records.map((record, i) => recordOf(record, i + 1)),
  };
}

function recordOf(record: XmlElement, position: number): OaiRecord {
  const header = children(record, 'header')[0];
  const metadata = children(record, 'metadata')[0];
  return compact({
    identifier: header && textOf(children(header, 'identifier')[0]),
    datestamp: header && textOf(children(header, 'datestamp')[0]),
    deleted: header?.attributes.status === 'deleted',
    metadata: metadata && childElements(metadata)[0],
    position,
  });
}

/** One item per record; a record that cannot be read is an item with its error, naming the field. */
export function oaiItems(response: OaiResponse, read: MetadataReader): ImportItem[] {
  return response.records.map((record) => {
    const sourceIdentifier = record.identifier ?? `record[${record.position}]`;
    const header: Omit<ImportItem, 'sourceIdentifier'> = compact({ sourceDatestamp: record.datestamp });
    if (record.identifier === undefined) return { sourceIdentifier, ...header, error: 'header/identifier: the record has no identifier' };
    if (record.deleted) return { sourceIdentifier, ...header, deleted: true };
    const metadata = record.metadata;
    if (!metadata) return { sourceIdentifier, ...header, error: 'metadata: the record has no metadata' };
    return itemOf(sourceIdentifier, () => withSource(read(metadata), sourceOf(response, record, metadata)), header);
  });
}

function sourceOf(response: OaiResponse, record: OaiRecord, metadata: XmlElement): Source {
  return compact({
    baseUrl: response.baseUrl,
    originalIdentifier: record.identifier,
    datestamp: record.datestamp,
    metadataNamespace: metadata.namespace || undefined,
  });
}

/** The record with what the response says about its source beside what the metadata said (a licence). */
function withSource(record: ReadRecord, source: Source): ReadRecord {
  return { ...record, source: { ...record.source, ...source } };
}
