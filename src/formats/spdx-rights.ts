/**
 * A rights entry completed the way DataCite expands licences: a licence known to SPDX, by its id or by
 * its URL, gets its name, URL, SPDX id and scheme. What the entry states itself is never replaced.
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

export const SPDX_SCHEME_URI = 'https://spdx.org/licenses/';

const licences = (JSON.parse(readFileSync(packagePath('vocab', 'spdx-licenses.json'), 'utf8')) as { licenses: SpdxLicence[] }).licenses;
const byId = new Map(licences.map((licence) => [licence.id.toLowerCase(), licence]));
const byUrl = new Map<string, SpdxLicence>();
// Deprecated ids share their URLs with the current ones (GPL-2.0 and GPL-2.0-only): the current id wins.
for (const licence of licences.filter((l) => !l.isDeprecatedLicenseId)) {
  for (const url of [licence.reference, ...licence.seeAlso]) {
    const key = urlKey(url);
    if (!byUrl.has(key)) byUrl.set(key, licence);
  }
}

/** http or https, www or not, a trailing slash, `legalcode` or `.html`: the same licence page. */
function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\.html$/, '')
    .replace(/\/+$/, '')
    .replace(/\/legalcode(\.[a-z-]+)?$/, '');
}

function spdxLicenceOf(rights: Rights): SpdxLicence | undefined {
  if (rights.rightsIdentifier) {
    const isSpdx = (rights.rightsIdentifierScheme ?? 'SPDX').toUpperCase() === 'SPDX';
    return isSpdx ? byId.get(rights.rightsIdentifier.trim().toLowerCase()) : undefined;
  }
  return rights.rightsUri ? byUrl.get(urlKey(rights.rightsUri)) : undefined;
}

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
