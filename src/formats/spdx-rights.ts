/**
 * Licences recognised through the SPDX License List (vocab/spdx-licenses.json): by SPDX id in any letter
 * case, by any usual spelling of the licence's URL, or by a known name (vocab/licence-names.json). A
 * licence SPDX does not list is kept as stated, without an SPDX id; a licence not stated stays absent.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';

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

/** http or https, www or not, a trailing slash, `legalcode`, a deed or `.html`: the same licence page. */
function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\/index\.html?$/, '')
    .replace(/\.html$/, '')
    .replace(/\/+$/, '')
    .replace(/\/(legalcode|deed)(\.[a-z-]+)?$/, '');
}

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

const HTTP_URL = /^https?:\/\/\S+$/i;

function spdxLicenceById(id: string): SpdxLicence | undefined {
  return byId.get(id.trim().toLowerCase()) ?? byName.get(nameKey(id));
}

function spdxLicenceByText(text: string): SpdxLicence | undefined {
  return HTTP_URL.test(text.trim()) ? byUrl.get(urlKey(text)) : spdxLicenceById(text);
}

const isSpdxScheme = (rights: Rights) => (rights.rightsIdentifierScheme ?? 'SPDX').toUpperCase() === 'SPDX';

/** What identifies the licence decides: the identifier when there is one, else the URI, else the text. */
function spdxLicenceOf(rights: Rights): SpdxLicence | undefined {
  if (rights.rightsIdentifier) return isSpdxScheme(rights) ? spdxLicenceById(rights.rightsIdentifier) : undefined;
  if (rights.rightsUri) return byUrl.get(urlKey(rights.rightsUri));
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
