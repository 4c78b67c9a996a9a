/**
 * Licences recognised through the SPDX License List (vocab/spdx-licenses.json): by SPDX id in any letter
 * case, by any usual spelling of the licence's URL, or by a known name (vocab/licence-names.json). A
 * licence SPDX does not list is kept as stated, without an SPDX id; a licence not stated stays absent.
 * Access rights (COAR, info:eu-repo) are told apart from licences: they say who may reach the data, not
 * under which terms it may be used.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';
import { accessRightFromText, type AccessRight } from './access-rights.js';

type Rights = NonNullable<FairRecord['rightsList']>[number];

interface SpdxLicence {
  id: string;
  name: string;
  reference: string;
  seeAlso: string[];
  isDeprecatedLicenseId: boolean;
}

/** A licence as stated, normalized to SPDX where SPDX lists it. */
export interface Licence {
  spdxId?: string;
  name: string;
  /** The licence's own canonical page (a Creative Commons deed, say), or the URL stated for a licence SPDX does not list. */
  url?: string;
  /** https://spdx.org/licenses/ID, the IRI schema.org, DCAT and Signposting use. */
  spdxUrl?: string;
}

export const SPDX_SCHEME_URI = 'https://spdx.org/licenses/';

const readVocabulary = <T>(file: string): T => JSON.parse(readFileSync(packagePath('vocab', file), 'utf8')) as T;

const licences = readVocabulary<{ licenses: SpdxLicence[] }>('spdx-licenses.json').licenses;
const aliases = readVocabulary<{ aliases: Record<string, string> }>('licence-names.json').aliases;

/** Ids and names ignoring letter case, with runs of spaces, hyphens and underscores alike: "CC BY-SA 4.0" is CC-BY-SA-4.0. */
function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '-');
}

/**
 * Names compared more loosely, when nameKey finds nothing: punctuation, spacing and "Creative Commons" left
 * out, `&` read as "and", NoDerivs as NoDerivatives. "Attribution-NonCommercial-ShareAlike 3.0 Unported" is
 * then SPDX's "Creative Commons Attribution Non Commercial Share Alike 3.0 Unported".
 */
function looseKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bnoderivs\b/g, 'noderivatives')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/^creativecommons(?=.)/, '');
}

/** http or https, www or not, a trailing slash, `legalcode`, a deed or `.html`: the same licence page. */
function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\/index\.html?$/, '')
    .replace(/\.html$/, '')
    .replace(/\/+$/, '')
    .replace(/\/(legalcode|deed)(\.[a-z_-]+)?$/, '');
}

/** The page without its query or fragment (`?ref=chooser-v1`), for URLs SPDX does not list with one. */
const withoutQuery = (url: string) => url.trim().replace(/[?#].*$/, '');

const byId = new Map(licences.map((licence) => [licence.id.toLowerCase(), licence]));
const byName = new Map<string, SpdxLicence>();
const byUrl = new Map<string, SpdxLicence>();
// Deprecated ids share their names and URLs with the current ones (GPL-2.0 and GPL-2.0-only): the current id wins.
for (const licence of [...licences].sort((a, b) => Number(a.isDeprecatedLicenseId) - Number(b.isDeprecatedLicenseId))) {
  for (const name of [licence.id, licence.name]) if (!byName.has(nameKey(name))) byName.set(nameKey(name), licence);
  if (licence.isDeprecatedLicenseId) continue;
  for (const url of [licence.reference, ...licence.seeAlso]) if (!byUrl.has(urlKey(url))) byUrl.set(urlKey(url), licence);
}
for (const [alias, id] of Object.entries(aliases)) byName.set(nameKey(alias), byId.get(id.toLowerCase())!);

/** Loose keys of current licences and aliases; a key two licences share is left out rather than guessed. */
const byLooseName = new Map<string, SpdxLicence | null>();
const looseNames = [
  ...licences.filter((licence) => !licence.isDeprecatedLicenseId).flatMap((licence) => [licence.id, licence.name].map((name) => [name, licence] as const)),
  ...Object.entries(aliases).map(([alias, id]) => [alias, byId.get(id.toLowerCase())!] as const),
];
for (const [name, licence] of looseNames) {
  const key = looseKey(name);
  const known = byLooseName.get(key);
  byLooseName.set(key, known === undefined || known === licence ? licence : null);
}

const HTTP_URL = /^https?:\/\/\S+$/i;
/** A URL written without its scheme: `creativecommons.org/licenses/by/4.0/`. */
const SCHEMELESS_URL = /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'()[\]]+/gi;

function spdxLicenceById(id: string): SpdxLicence | undefined {
  return byId.get(id.trim().toLowerCase()) ?? byName.get(nameKey(id)) ?? byLooseName.get(looseKey(id)) ?? undefined;
}

function spdxLicenceByUrl(url: string): SpdxLicence | undefined {
  return byUrl.get(urlKey(url)) ?? byUrl.get(urlKey(withoutQuery(url)));
}

/**
 * An SPDX id, name or URL; else a name with its abbreviation in parentheses ("Creative Commons Attribution
 * 4.0 International (CC BY 4.0)"), read by either part; else a text naming exactly one licence by URL
 * ("Creative Commons License [CC BY-NC-ND] http://creativecommons.org/licenses/by-nc-nd/3.0/de/").
 */
function spdxLicenceByText(text: string): SpdxLicence | undefined {
  const stated = text.trim();
  if (HTTP_URL.test(stated) || SCHEMELESS_URL.test(stated)) return spdxLicenceByUrl(stated);
  const licence = spdxLicenceById(stated);
  if (licence || stated.length > MAX_LICENCE_TEXT) return licence;
  return spdxLicenceByParts(stated) ?? spdxLicenceByUrlInText(stated);
}

/** Longer texts are terms of use rather than a licence's name: they are not searched for one. */
const MAX_LICENCE_TEXT = 500;

function spdxLicenceByParts(text: string): SpdxLicence | undefined {
  const parts = /^(.+?)\s*\(([^()]+)\)\s*(.*)$/.exec(text);
  if (!parts) return undefined;
  const [, before, inside, after] = parts as unknown as [string, string, string, string];
  const found = [`${before} ${after}`, before, inside].flatMap((part) => spdxLicenceById(part) ?? []);
  return found.every((licence) => licence === found[0]) ? found[0] : undefined;
}

function spdxLicenceByUrlInText(text: string): SpdxLicence | undefined {
  const found = new Set((text.match(URL_IN_TEXT) ?? []).flatMap((url) => spdxLicenceByUrl(url.replace(/[.,;:]+$/, '')) ?? []));
  return found.size === 1 ? [...found][0] : undefined;
}

const isSpdxScheme = (rights: Rights) => (rights.rightsIdentifierScheme ?? 'SPDX').toUpperCase() === 'SPDX';

/** What identifies the licence decides: the identifier when there is one, else the URI, else the text. */
function spdxLicenceOf(rights: Rights): SpdxLicence | undefined {
  if (rights.rightsIdentifier) return isSpdxScheme(rights) ? spdxLicenceById(rights.rightsIdentifier) : undefined;
  if (rights.rightsUri) return spdxLicenceByUrl(rights.rightsUri);
  return rights.rights ? spdxLicenceByText(rights.rights) : undefined;
}

/** The licence's own page: the first https page SPDX lists beside it, without `legalcode`, else its SPDX page. */
function canonicalUrl(licence: SpdxLicence): string {
  const pages = licence.seeAlso.map((url) => url.replace(/legalcode(\.[a-z-]+)?$/i, ''));
  return pages.find((url) => url.startsWith('https://')) ?? pages[0] ?? licence.reference;
}

function normalized(licence: SpdxLicence): Licence {
  return { spdxId: licence.id, name: licence.name, url: canonicalUrl(licence), spdxUrl: `${SPDX_SCHEME_URI}${licence.id}` };
}

/** A licence given as an SPDX id, a URL or a name; undefined when nothing is given. */
export function licenceFromText(text: string | undefined): Licence | undefined {
  const stated = text?.trim();
  if (!stated) return undefined;
  const licence = spdxLicenceByText(stated);
  if (licence) return normalized(licence);
  return HTTP_URL.test(stated) ? { name: stated, url: stated } : { name: stated };
}

/** The licence a rights entry states; undefined when the entry names none. */
export function licenceOf(rights: Rights): Licence | undefined {
  const licence = spdxLicenceOf(rights);
  if (licence) return normalized(licence);
  const name = rights.rights ?? rights.rightsIdentifier ?? rights.rightsUri;
  if (!name) return undefined;
  return rights.rightsUri ? { name, url: rights.rightsUri } : { name };
}

/**
 * A rights entry completed the way DataCite expands licences: a licence known to SPDX gets its name, URL,
 * SPDX id and scheme. What the entry states itself is never replaced.
 */
export function withSpdxDetails(rights: Rights): Rights {
  const licence = spdxLicenceOf(rights);
  if (!licence) return rights;
  return {
    rights: rights.rights ?? licence.name,
    rightsUri: rights.rightsUri ?? licence.seeAlso[0] ?? licence.reference,
    rightsIdentifier: rights.rightsIdentifier ?? licence.id,
    rightsIdentifierScheme: rights.rightsIdentifierScheme ?? 'SPDX',
    schemeUri: rights.schemeUri ?? SPDX_SCHEME_URI,
    ...(rights.lang ? { lang: rights.lang } : {}),
  };
}

/** The IRI schema.org and DCAT name a licence by: its SPDX page when the entry names an SPDX licence by id or name, else the URI it states. */
export function licenceIri(rights: Rights): string | undefined {
  if (rights.rightsUri && !rights.rightsIdentifier) return rights.rightsUri;
  return licenceOf(rights)?.spdxUrl ?? rights.rightsUri;
}

/** What a rights statement is: an access right, a licence SPDX lists, or something else (a licence SPDX does not list, terms, a copyright notice). */
export type RightsStatement = { kind: 'access-right'; accessRight: AccessRight } | { kind: 'licence'; licence: Licence } | { kind: 'other'; text: string };

/**
 * Tells access rights from licences in the rights statements of imported metadata, where both appear side
 * by side (`info:eu-repo/semantics/openAccess` beside "Creative Commons Attribution 4.0 International").
 */
export function classifyRightsStatement(text: string): RightsStatement {
  const stated = text.trim();
  const accessRight = accessRightFromText(stated);
  if (accessRight) return { kind: 'access-right', accessRight };
  const licence = spdxLicenceByText(stated);
  if (licence) return { kind: 'licence', licence: normalized(licence) };
  return { kind: 'other', text: stated };
}
