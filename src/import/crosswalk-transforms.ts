/**
 * The named transforms mappings use where a value needs logic to become a DataCite value: names, ORCIDs,
 * dates, licences, checksums, vocabulary terms. Each takes one source value and returns the record's
 * value, or undefined when the source value says nothing of that kind; NotReadable names what is wrong
 * with a value that cannot be read at all.
 */
import { iso6393 } from 'iso-639-3';
import { normalizeDoi } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { sourceSetName } from '../model/source.js';
import { dataCiteVocabulary, type DataCiteVocabularyName } from '../model/vocab.js';
import { licenceFromText, SPDX_SCHEME_URI } from '../formats/spdx-rights.js';

type Rights = NonNullable<FairRecord['rightsList']>[number];

/** Tables of a mapping file, for `lookup:NAME`: source value to record value, `*` for any other value. */
export type LookupTables = Record<string, Record<string, unknown>>;

export interface TransformContext {
  /** What follows the colon in `name:argument`. */
  argument?: string;
  lookups: LookupTables;
  /** The whole source record, and JSONPath queries on it, for values that refer to other parts of it. */
  root: unknown;
  query(path: string): unknown[];
}

export type Transform = (value: unknown, context: TransformContext) => unknown;

export class NotReadable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const HTTP_URL = /^https?:\/\/\S+$/i;
const ORCID = /^(?:https?:\/\/(?:www\.)?orcid\.org\/|orcid:\s*)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\/?$/i;
const ROR = /^(?:https?:\/\/ror\.org\/)?(0[a-hj-km-np-tv-z0-9]{6}\d{2})$/i;
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function requireText(value: unknown): string | undefined {
  if (isObject(value) || Array.isArray(value)) throw new NotReadable(`${JSON.stringify(value).slice(0, 80)} is not text`);
  return text(value);
}

/** The text of a value that may be language-tagged: a string, `{"@value": …}`, or `{"en": …}` (the English one, else the first). */
function languageText(value: unknown): string | undefined {
  if (!isObject(value)) return text(value);
  if ('@value' in value) return text(value['@value']);
  return text(value.en) ?? Object.values(value).map(text).find((t) => t !== undefined);
}

/** "Family, Given" split once, where a name has exactly one comma. */
function nameParts(value: unknown): { family: string; given: string } | undefined {
  const name = text(value);
  const parts = name?.split(',').map((part) => part.trim());
  if (!parts || parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { family: parts[0], given: parts[1] };
}

/** A person's or organisation's name: as stated, else "Family, Given" from its parts. */
function nameOf(value: unknown): string | undefined {
  if (!isObject(value)) return text(value);
  const stated = languageText(value.name);
  if (stated) return stated;
  const family = text(value.familyName ?? value.family_name);
  const given = text(value.givenName ?? value.given_name);
  return family && given ? `${family}, ${given}` : (family ?? given);
}

function isoDate(value: unknown): string | undefined {
  const stated = text(value);
  return stated ? ISO_DATE.exec(stated)?.[0] : undefined;
}

/** A DataCite date range START/END from "START/END" or an object {start, end}; one end alone is that date. */
function dateRange(value: unknown): string | undefined {
  const [start, end] = isObject(value) ? [value.start, value.end] : (text(value)?.split('/') ?? []);
  const from = isoDate(start);
  const to = isoDate(end);
  if (from && to) return from === to ? from : `${from}/${to}`;
  return from ?? to;
}

/** Tables and terms are matched ignoring letter case, spaces, hyphens and underscores. */
const termKey = (term: string) => term.toLowerCase().replace(/[\s_-]+/g, '');

function lookup(value: unknown, { argument, lookups }: TransformContext): unknown {
  const table = lookups[argument ?? ''] ?? {};
  const stated = text(typeof value === 'boolean' ? String(value) : value);
  if (stated === undefined) return undefined;
  if (stated in table) return table[stated];
  const key = termKey(stated);
  const entry = Object.entries(table).find(([name]) => termKey(name) === key);
  if (entry) return entry[1];
  const prefix = stated.split('-')[0]!;
  if (prefix !== stated && prefix in table) return table[prefix];
  return table['*'];
}

/** A term of one of DataCite's controlled lists (vocab/datacite-4.7.json), however it is spelled: "iscontinuedby" is IsContinuedBy. */
function dataCiteTerm(value: unknown, { argument }: TransformContext): string | undefined {
  const terms = dataCiteVocabulary[argument as DataCiteVocabularyName] ?? [];
  const stated = text(value);
  return stated === undefined ? undefined : terms.find((term) => termKey(term) === termKey(stated));
}

/** A licence as a source gives it: a string (an id, a name or a URL), or an object naming it in one of the usual ways. */
interface StatedLicence {
  id?: string;
  name?: string;
  url?: string;
}

function statedLicence(value: unknown): StatedLicence | undefined {
  if (typeof value === 'string') {
    const stated = value.trim();
    if (!stated) return undefined;
    if (HTTP_URL.test(stated)) return { url: stated };
    return licenceFromText(stated)?.spdxId?.toLowerCase() === stated.toLowerCase() ? { id: stated } : { name: stated };
  }
  if (!isObject(value)) return undefined;
  const props = isObject(value.props) ? value.props : {};
  const urls = [value.uri, value.url, value.link, props.url, value['@id'], value.identifier].map(text).filter((url) => url && HTTP_URL.test(url));
  const id = [value.id, value.identifier].map(text).find((candidate) => candidate && !HTTP_URL.test(candidate));
  const licence = { id, name: languageText(value.name) ?? languageText(value.title), url: urls[0] };
  return licence.id || licence.name || licence.url ? licence : undefined;
}

/** The licence word for word as the source states it: its id, else its name and URL. */
function licenceAsStated(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  const licence = statedLicence(value);
  if (!licence) return undefined;
  if (licence.id) return licence.id;
  return licence.name && licence.url ? `${licence.name} (${licence.url})` : (licence.name ?? licence.url);
}

/**
 * The licence as DataCite holds it: the name and URL the source states and, when SPDX lists the licence,
 * its SPDX id. A licence SPDX does not list is kept as stated, without an id.
 */
function rights(value: unknown): Rights | undefined {
  const stated = statedLicence(value);
  if (!stated) return undefined;
  const spdx = [stated.id, stated.url, stated.name].map((part) => licenceFromText(part)).find((licence) => licence?.spdxId);
  if (spdx) {
    return {
      rights: stated.name ?? spdx.name,
      rightsUri: stated.url ?? spdx.url,
      rightsIdentifier: spdx.spdxId,
      rightsIdentifierScheme: 'SPDX',
      schemeUri: SPDX_SCHEME_URI,
    };
  }
  const name = stated.name ?? stated.id;
  return name || stated.url ? { ...(name ? { rights: name } : {}), ...(stated.url ? { rightsUri: stated.url } : {}) } : undefined;
}

const CHECKSUM_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** "md5:…" or {type|algorithm, value}; a value of the wrong length for its algorithm is not a checksum. */
function checksum(value: unknown): { algorithm: string; value: string } | undefined {
  const [algorithm, digest] = isObject(value)
    ? [text(value.algorithm ?? value.type), text(value.value)]
    : (text(value)?.split(/:(.*)/s, 2) ?? []);
  const name = algorithm?.toLowerCase().replace('-', '');
  if (!name || !digest || CHECKSUM_LENGTHS[name] !== digest.length || !/^[0-9a-f]+$/i.test(digest)) return undefined;
  return { algorithm: name, value: digest.toLowerCase() };
}

/** schema.org's box "SOUTH WEST NORTH EAST": two corners, each latitude then longitude. */
function geoBox(value: unknown) {
  const numbers = text(value)?.split(/[\s,]+/).map(Number);
  if (!numbers || numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) return undefined;
  const [south, west, north, east] = numbers as [number, number, number, number];
  return { westBoundLongitude: west, eastBoundLongitude: east, southBoundLatitude: south, northBoundLatitude: north };
}

function numberOf(value: unknown): number | undefined {
  const stated = text(value);
  if (stated === undefined) return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(stated)) throw new NotReadable(`${JSON.stringify(value)} is not a number`);
  return Number(stated);
}

/** An ISO 639 code as stated, or the code of a language named in English ("English" is en). */
function language(value: unknown): string | undefined {
  const stated = text(value);
  if (!stated) return undefined;
  if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(stated)) return stated.toLowerCase();
  const found = iso6393.find((entry) => entry.name.toLowerCase() === stated.toLowerCase());
  return found ? (found.iso6391 ?? found.iso6393) : undefined;
}

/** What kind of identifier a string is, in DataCite's relatedIdentifierType terms. */
function identifierType(value: unknown): string | undefined {
  const stated = text(value);
  if (!stated) return undefined;
  if (normalizeDoi(stated)) return 'DOI';
  if (/^https?:\/\/hdl\.handle\.net\//i.test(stated)) return 'Handle';
  if (/^arxiv:/i.test(stated) || /^https?:\/\/arxiv\.org\/abs\//i.test(stated)) return 'arXiv';
  if (HTTP_URL.test(stated)) return 'URL';
  if (/^urn:/i.test(stated)) return 'URN';
  if (/^\d{4}-\d{3}[\dX]$/i.test(stated)) return 'ISSN';
  return undefined;
}

const urlOf = (value: unknown): URL | undefined => {
  const stated = text(value);
  if (!stated || !HTTP_URL.test(stated)) return undefined;
  try {
    return new URL(stated);
  } catch {
    return undefined;
  }
};

export const TRANSFORMS: Record<string, Transform> = {
  /** Text, trimmed; a number as text. */
  text: requireText,
  number: numberOf,
  /** A whole non-negative number, such as a size in bytes; "1.2 MB" is not one. */
  integer: (value) => {
    const stated = text(value);
    return stated !== undefined && /^\d+$/.test(stated) ? Number(stated) : undefined;
  },
  /** Language-tagged text: a string, {"@value"}, or {"en": …}. */
  languageText,
  name: nameOf,
  familyName: (value) => nameParts(value)?.family,
  givenName: (value) => nameParts(value)?.given,
  orcid: (value) => {
    const id = ORCID.exec(text(value) ?? '')?.[1]?.toUpperCase();
    return id ? { nameIdentifier: `https://orcid.org/${id}`, nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' } : undefined;
  },
  ror: (value) => {
    const id = ROR.exec(text(value) ?? '')?.[1]?.toLowerCase();
    return id ? `https://ror.org/${id}` : undefined;
  },
  doi: (value) => (typeof value === 'string' ? normalizeDoi(value) : undefined),
  /** A DOI in its bare form, any other identifier as stated. */
  identifier: (value) => {
    const stated = text(value);
    return stated ? (normalizeDoi(stated) ?? stated) : undefined;
  },
  identifierType,
  year: (value) => {
    const year = /^\d{4}/.exec(text(value) ?? '')?.[0];
    return year ? Number(year) : undefined;
  },
  date: isoDate,
  dateRange,
  language,
  licenceAsStated,
  rights,
  checksum,
  geoBox,
  /** The last segment of a URL, with its query: the name of a file that has none of its own. */
  fileName: (value) => {
    const url = urlOf(value);
    const segment = url ? decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') : '';
    return segment ? `${segment}${url!.search}` : undefined;
  },
  origin: (value) => urlOf(value)?.origin,
  host: (value) => urlOf(value)?.host,
  /** A short lower-case name (letters, digits, . _ -), as an OAI set name. */
  slug: (value) => {
    const stated = text(value);
    return stated ? sourceSetName({ repository: stated }) : undefined;
  },
  /** `label:Disclaimer` writes "Disclaimer: VALUE". */
  label: (value, { argument }) => {
    const stated = text(value);
    return stated ? `${argument}: ${stated}` : undefined;
  },
  lookup,
  term: dataCiteTerm,
  /**
   * `resolve:PATH` reads a value that refers to another part of the record: PATH, with `{}` standing for
   * the value, is a JSONPath on the whole record (BioStudies authors name their organisation by accno).
   */
  resolve: (value, { argument, query }) => {
    const stated = text(value);
    if (!stated || !argument) return undefined;
    return query(argument.replaceAll('{}', stated.replace(/['"\\]/g, '')))[0];
  },
};
