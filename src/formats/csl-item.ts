/**
 * The record as a CSL-JSON item (CSL 1.0.2 variables): what every citation format is made from, by
 * Citation.js for BibTeX and RIS and by the CSL processor for formatted citations.
 */
import type { FairRecord } from '../model/schema.js';
import { dataCiteTypes } from './datacite-types.js';
import { landingPageUrl, type RenderContext } from './format.js';

export type CslName = { family: string; given?: string } | { literal: string };

export interface CslDate {
  'date-parts': [number, number?, number?][];
}

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author: CslName[];
  publisher: string;
  issued: CslDate;
  accessed: CslDate;
  URL: string;
  DOI?: string;
  /** The dataset's identifier in CSL: its CSTR, as `CSTR:…`. */
  number?: string;
  version?: string;
  language?: string;
  /** `withdrawn` for a withdrawn record; styles such as APA print it. */
  status?: string;
  note?: string;
  /** The BibTeX key, when the one Citation.js would make is unusable. */
  'citation-key'?: string;
}

const PERSONAL_NAME = /^([^,]+),\s*([^,]+)$/;

function cslName(creator: FairRecord['creators'][number]): CslName {
  if (creator.nameType === 'Organizational') return { literal: creator.name };
  if (creator.familyName) return creator.givenName ? { family: creator.familyName, given: creator.givenName } : { family: creator.familyName };
  // DataCite writes personal names "Family, Given"; without a nameType that is the best evidence there is.
  const parts = PERSONAL_NAME.exec(creator.name);
  return parts ? { family: parts[1]!.trim(), given: parts[2]!.trim() } : { literal: creator.name };
}

function mainTitle(record: FairRecord): string {
  const title = (record.titles.find((t) => !t.titleType) ?? record.titles[0]!).title;
  // A title's closing full stop belongs to the sentence it ended, not to the title: styles add their own.
  return title.replace(/(?<!\.)\.$/, '').trim();
}

/** `v2` and `V2` are version 2: styles write their own prefix (`Version 2`, `V2`). */
function versionNumber(version: string | undefined): string | undefined {
  return version?.replace(/^[vV](?=\d)/, '');
}

function dayOf(date: Date): CslDate {
  return { 'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
}

/** The URL a citation gives: the CSTR's, else the DOI's, else the landing page (GB/T 7714 cites by CSTR first). */
function citationUrl(record: FairRecord, context: RenderContext): string {
  if (record.cstr) return `https://cstr.cn/${record.cstr}`;
  if (record.doi) return `https://doi.org/${record.doi}`;
  return landingPageUrl(context, record.accession);
}

export function cslItem(record: FairRecord, context: RenderContext): CslItem {
  const item: CslItem = {
    id: record.accession,
    type: dataCiteTypes(record.types).citeproc ?? 'dataset',
    title: mainTitle(record),
    author: record.creators.map(cslName),
    publisher: record.publisher.name,
    issued: { 'date-parts': [[record.publicationYear]] },
    accessed: dayOf(context.now),
    URL: citationUrl(record, context),
  };
  if (record.doi) item.DOI = record.doi;
  if (record.cstr) item.number = `CSTR:${record.cstr}`;
  const version = versionNumber(record.version);
  if (version) item.version = version;
  if (record.language) item.language = record.language;
  if (record.status === 'withdrawn') {
    item.status = 'withdrawn';
    const { tombstone } = record;
    item.note = tombstone ? `Withdrawn on ${tombstone.date.slice(0, 10)}: ${tombstone.reason}` : 'Withdrawn';
  }
  return item;
}
