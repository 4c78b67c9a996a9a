import { readFileSync } from 'node:fs';
import { packagePath } from '../model/package-root.js';

interface SpdxList {
  licenses: Array<{ id: string; name: string }>;
}

const spdxIds = new Map(
  (JSON.parse(readFileSync(packagePath('vocab', 'spdx-licenses.json'), 'utf8')) as SpdxList).licenses.map((l) => [l.id.toLowerCase(), l.id]),
);

/** The canonical SPDX licence id for an id in any letter case, or undefined when SPDX has no such licence. */
export function spdxId(id: string): string | undefined {
  return spdxIds.get(id.trim().toLowerCase());
}

/** The SPDX licence page for an SPDX id, the IRI that schema.org, DCAT and Signposting use. */
export function spdxLicenceUrl(id: string): string | undefined {
  const canonical = spdxId(id);
  return canonical ? `https://spdx.org/licenses/${canonical}` : undefined;
}
