/**
 * Dublin Core values read as DataCite values: identifiers by their form, languages as codes, dates and
 * coverage. Simple Dublin Core says nothing of the kind of a value, so its form decides.
 */
import { iso6393 } from 'iso-639-3';
import { normalizeCstr, normalizeDoi } from '../../model/identifiers.js';

export interface Identifier {
  value: string;
  /** A DataCite relatedIdentifierType where the form is one; `OAI` or `Other` otherwise. */
  type: string;
}

/** Forms recognised by their scheme prefix, in the spelling DataCite gives the type. */
const PREFIXED: Array<[RegExp, string]> = [
  [/^urn:/i, 'URN'],
  [/^hdl:/i, 'Handle'],
  [/^ark:/i, 'ARK'],
  [/^arxiv:/i, 'arXiv'],
  [/^isbn[:\s]/i, 'ISBN'],
  [/^e?issn[:\s]/i, 'ISSN'],
  [/^pmid[:\s]/i, 'PMID'],
  [/^oai:/i, 'OAI'],
];

/** DOIs and CSTRs in any accepted form are kept bare; any other identifier as written. */
export function identifierOf(text: string): Identifier {
  const doi = normalizeDoi(text);
  if (doi) return { value: doi, type: 'DOI' };
  const cstr = /^cstr:/i.test(text) || /^https?:\/\/(www\.)?cstr\.cn\//i.test(text) ? normalizeCstr(text) : undefined;
  if (cstr) return { value: cstr, type: 'CSTR' };
  if (/^https?:\/\/\S+$/i.test(text)) return { value: text, type: 'URL' };
  const prefixed = PREFIXED.find(([pattern]) => pattern.test(text));
  return { value: text, type: prefixed ? prefixed[1] : 'Other' };
}

const RELATABLE_TYPES = new Set(['DOI', 'CSTR', 'URL', 'URN', 'Handle', 'ARK', 'arXiv', 'ISBN', 'ISSN', 'PMID']);

/** Whether the identifier can be a DataCite related identifier: its type is on DataCite's list. */
export function isRelatable(identifier: Identifier): boolean {
  return RELATABLE_TYPES.has(identifier.type);
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const languagesByName = new Map(
  iso6393.filter((language) => language.scope === 'individual' || language.scope === 'macrolanguage').map((language) => [language.name.toLowerCase(), language.iso6391 ?? language.iso6393]),
);

/** A language tag or ISO 639 code as written; a language name ("English") as its code; undefined for anything else. */
export function languageCode(text: string): string | undefined {
  if (LANGUAGE_TAG.test(text)) return text;
  return languagesByName.get(text.trim().toLowerCase());
}

/** A language tag fit for a `lang` attribute, or undefined. */
export function langOf(tag: string | undefined): string | undefined {
  return tag && LANGUAGE_TAG.test(tag) ? tag : undefined;
}

const EU_REPO_DATE_TERM = /^info:eu-repo\/date\/([A-Za-z]+)\/(.*)$/;

/** A date term of the OpenAIRE Guidelines (`info:eu-repo/date/embargoEnd/2027-06-30`): its kind and date. */
export function euRepoDateTerm(text: string): { kind: string; date: string } | undefined {
  const match = EU_REPO_DATE_TERM.exec(text.trim());
  return match ? { kind: match[1]!, date: match[2]!.trim() } : undefined;
}

/** The first four-digit year in a date as written: "2023-10-10", "1996", "2001/2003", "ca. 1850". */
export function firstYear(text: string): number | undefined {
  const match = /(?:^|\D)(\d{4})(?!\d)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

const DATACITE_DATE =
  /^(\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?)?(\/(\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?)?)?$/;

/** A date DataCite accepts: ISO 8601 year, month, day or date-time, or a range START/END. */
export function isDataCiteDate(text: string): boolean {
  return text.length >= 4 && DATACITE_DATE.test(text);
}
