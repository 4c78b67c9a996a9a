/**
 * The source formats the importer reads, each a reader of whole documents, and the detection behind
 * `--format auto`. Adding a format is one reader and one entry here.
 */
import { DomainError } from '../model/errors.js';
import { parseJsonDocument } from '../model/json-document.js';
import type { ImportItem, Reader } from './import-item.js';
import { readDataCiteJson } from './readers/datacite-json.js';
import { readDataCiteXmlItems } from './readers/datacite-xml.js';
import { looksLikeOaiDataCite, readOaiDataCite } from './readers/oai-datacite.js';
import { looksLikeOaiDc, readOaiDc } from './readers/oai-dc.js';
import { looksLikeSchemaOrg, readSchemaOrg } from './readers/schemaorg.js';
import { looksLikeBioStudies, readBioStudies } from './readers/biostudies.js';
import { looksLikeDataverse, readDataverse } from './readers/dataverse.js';
import { looksLikeInvenio, readInvenio } from './readers/invenio.js';

export interface ImportFormat {
  name: string;
  read: Reader;
  /** Whether a document looks like this format; `auto` takes the first format that says yes. */
  detect(text: string): boolean;
}

/** Items from a reader of whole records that throws on the first bad one: each record on its own. */
function itemsOf(records: Record<string, unknown>[]): ImportItem[] {
  return records.map((record, index) => ({ record, sourceIdentifier: String(record.doi ?? record.accession ?? `record ${index + 1}`) }));
}

/** A page of DataCite DOIs is read DOI by DOI, so that one unreadable DOI does not take the page with it. */
function readDataCiteJsonItems(json: unknown): ImportItem[] {
  const page = (json as { data?: unknown }).data;
  if (!Array.isArray(page)) return itemsOf(readDataCiteJson(json));
  return page.flatMap((entry, index) => {
    const id = String((entry as { id?: unknown; attributes?: { doi?: unknown } })?.attributes?.doi ?? (entry as { id?: unknown })?.id ?? `data[${index}]`);
    try {
      return itemsOf(readDataCiteJson({ data: entry }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return [{ sourceIdentifier: id, error: error.message }];
    }
  });
}

const looksLikeXml = (text: string) => /^\uFEFF?\s*</.test(text);

export const IMPORT_FORMATS: ImportFormat[] = [
  {
    name: 'datacite-xml',
    read: readDataCiteXmlItems,
    detect: (text) => looksLikeXml(text) && /<(\w+:)?resource[\s>]/.test(text) && /datacite\.org\/schema\/kernel-/.test(text) && !/<(\w+:)?oai_datacite[\s>]/.test(text),
  },
  // Before datacite-json, whose detection also matches Invenio records (creators and doi).
  { name: 'schemaorg', read: readSchemaOrg, detect: looksLikeSchemaOrg },
  { name: 'biostudies', read: readBioStudies, detect: looksLikeBioStudies },
  { name: 'dataverse', read: readDataverse, detect: looksLikeDataverse },
  { name: 'invenio', read: readInvenio, detect: looksLikeInvenio },
  {
    name: 'datacite-json',
    read: (text) => readDataCiteJsonItems(parseJsonDocument(text)),
    detect: (text) => !looksLikeXml(text) && /"(types|creators)"\s*:/.test(text) && /"(doi|publicationYear)"\s*:/.test(text) && !/"@context"/.test(text),
  },
  { name: 'oai_datacite', read: readOaiDataCite, detect: looksLikeOaiDataCite },
  { name: 'oai_dc', read: readOaiDc, detect: looksLikeOaiDc },
];

export function importFormat(name: string): ImportFormat {
  const format = IMPORT_FORMATS.find((f) => f.name === name);
  if (!format) throw new DomainError('bad_request', `format must be auto or one of ${IMPORT_FORMATS.map((f) => f.name).join(', ')}`, 'format');
  return format;
}

export function detectFormat(text: string): ImportFormat {
  const format = IMPORT_FORMATS.find((f) => f.detect(text));
  if (!format) throw new DomainError('bad_request', `the format of the document could not be recognised; name it (${IMPORT_FORMATS.map((f) => f.name).join(', ')})`, 'format');
  return format;
}
