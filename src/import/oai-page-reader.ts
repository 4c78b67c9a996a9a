/**
 * Which reader turns a harvested ListRecords page into import items: chosen by the metadata format's
 * namespace (or, when the source does not name one, its usual prefix). Dublin Core and DataCite's
 * oai_datacite envelope are read page by page; bare DataCite kernel resources record by record.
 */
import { DomainError } from '../model/errors.js';
import { importFormat } from './formats.js';
import type { ImportItem } from './import-item.js';
import type { RecordsPage } from './oai-response.js';

export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DATACITE_NAMESPACE = 'http://schema.datacite.org/oai/oai-1.1/';
const DATACITE_KERNEL = /^https?:\/\/datacite\.org\/schema\/kernel-\d/;

/** The prefixes a harvester prefers, best first, with the namespace each stands for. */
export const PREFERRED_PREFIXES: Array<[prefix: string, namespace: string]> = [
  ['oai_datacite', OAI_DATACITE_NAMESPACE],
  ['oai_dc', OAI_DC_NAMESPACE],
];

export type PageReader = (text: string, page: RecordsPage) => ImportItem[];

/** Each record's `<metadata>` read as one DataCite resource; the header says who it is and whether deleted. */
function perRecord(format: string): PageReader {
  const read = importFormat(format).read;
  return (_text, page) =>
    page.records.map((record): ImportItem => {
      const base = { sourceIdentifier: record.identifier, ...(record.datestamp ? { sourceDatestamp: record.datestamp } : {}) };
      if (record.deleted) return { ...base, deleted: true };
      if (!record.metadata) return { ...base, error: 'the record has no metadata' };
      try {
        const [item] = read(record.metadata);
        return item?.record ? { ...base, record: item.record } : { ...base, error: item?.error ?? 'the metadata holds no record' };
      } catch (error) {
        if (error instanceof DomainError) return { ...base, error: error.message };
        throw error;
      }
    });
}

export function pageReader(prefix: string, namespace: string | undefined): PageReader {
  const known = namespace ?? PREFERRED_PREFIXES.find(([p]) => p === prefix)?.[1];
  if (known === OAI_DC_NAMESPACE) return (text) => importFormat('oai_dc').read(text);
  if (known === OAI_DATACITE_NAMESPACE) return (text) => importFormat('oai_datacite').read(text);
  if (known && DATACITE_KERNEL.test(known)) return perRecord('datacite-xml');
  throw new DomainError(
    'bad_request',
    `fairharbor cannot read the metadata format ${prefix}${namespace ? ` (${namespace})` : ''}; harvest oai_datacite, oai_dc or a DataCite kernel format`,
    'metadataPrefix',
  );
}
