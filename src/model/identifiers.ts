/**
 * Persistent identifiers: accessions minted here, DOIs, CSTRs and OAI identifiers.
 * Each has one normalized form for display and one comparison key for lookups and uniqueness.
 */

/** Crossref's recommended pattern for modern DOIs. */
const DOI_PATTERN = /^10\.\d{4,9}\/[-._;()/:A-Z0-9]+$/i;
const DOI_PREFIXES = /^(?:doi:\s*|info:doi\/|https?:\/\/(?:dx\.)?doi\.org\/)/i;

/**
 * China Science and Technology Resource identifier: registrant code, resource-type code, local id. The
 * local id holds no white space and no control, format (zero-width) or unassigned characters, so that no
 * CSTR can look like another.
 */
const CSTR_PATTERN = /^\d{5}\.\d{2}\.[^\s\p{C}]+$/u;
const CSTR_PREFIXES = /^(?:cstr:\s*|https?:\/\/(?:www\.)?cstr\.cn\/)/i;

const ACCESSION_DIGITS = 7;
export const ACCESSION_PREFIX_PATTERN = /^[A-Z][A-Z0-9_-]{0,15}$/;
/** Accessions kept from a source repository may have other shapes, but never anything unsafe in a path or URL. */
export const ACCESSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Strips the accepted DOI prefixes; returns undefined when what remains is not a DOI. */
/** Longer than any DOI or CSTR in use; what is longer is an attack on whatever stores or shows it. */
const MAX_IDENTIFIER_LENGTH = 1_000;

export function normalizeDoi(input: string): string | undefined {
  const doi = input.trim().replace(DOI_PREFIXES, '');
  return doi.length <= MAX_IDENTIFIER_LENGTH && DOI_PATTERN.test(doi) ? doi : undefined;
}

/** DOIs are case-insensitive: this is the form used for comparison and uniqueness. */
export function doiKey(doi: string): string {
  return doi.toLowerCase();
}

export function normalizeCstr(input: string): string | undefined {
  const cstr = input.trim().replace(CSTR_PREFIXES, '');
  return cstr.length <= MAX_IDENTIFIER_LENGTH && CSTR_PATTERN.test(cstr) ? cstr : undefined;
}

export function cstrKey(cstr: string): string {
  return cstr.toLowerCase();
}

export function formatAccession(prefix: string, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial >= 10 ** ACCESSION_DIGITS) {
    throw new RangeError(`accession serial ${serial} does not fit in ${ACCESSION_DIGITS} digits`);
  }
  return prefix + String(serial).padStart(ACCESSION_DIGITS, '0');
}

export function isValidAccession(accession: string): boolean {
  return ACCESSION_PATTERN.test(accession);
}

export function oaiIdentifier(domain: string, accession: string): string {
  return `oai:${domain}:${accession}`;
}

/** The accession inside an OAI identifier of this repository, or undefined for any other identifier. */
export function accessionFromOaiIdentifier(domain: string, identifier: string): string | undefined {
  const prefix = `oai:${domain}:`;
  if (!identifier.startsWith(prefix)) return undefined;
  const accession = identifier.slice(prefix.length);
  return isValidAccession(accession) ? accession : undefined;
}

export type IdentifierReference =
  | { type: 'accession'; value: string }
  | { type: 'doi'; value: string }
  | { type: 'cstr'; value: string };

/**
 * Reads any identifier a user may hand us — accession, OAI identifier, DOI or CSTR in any accepted form —
 * into the reference used to look a record up. Returns undefined for text that is none of them.
 */
export function parseIdentifier(input: string, oaiDomain: string): IdentifierReference | undefined {
  const text = input.trim();
  const fromOai = accessionFromOaiIdentifier(oaiDomain, text);
  if (fromOai) return { type: 'accession', value: fromOai };
  if (DOI_PREFIXES.test(text) || text.startsWith('10.')) {
    const doi = normalizeDoi(text);
    return doi ? { type: 'doi', value: doi } : undefined;
  }
  if (CSTR_PREFIXES.test(text) || /^\d{5}\.\d{2}\./.test(text)) {
    const cstr = normalizeCstr(text);
    return cstr ? { type: 'cstr', value: cstr } : undefined;
  }
  return isValidAccession(text) ? { type: 'accession', value: text } : undefined;
}
