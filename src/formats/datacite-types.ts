/**
 * The `types` of the DataCite REST API: the record's resource type completed with the schema.org,
 * citeproc, BibTeX and RIS types DataCite derives from resourceTypeGeneral (vocab/datacite-types.json).
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';

type Types = FairRecord['types'];
type DerivedTypes = Required<Pick<Types, 'schemaOrg' | 'citeproc' | 'bibtex' | 'ris'>>;

const DERIVED: Record<string, DerivedTypes> = (
  JSON.parse(readFileSync(packagePath('vocab', 'datacite-types.json'), 'utf8')) as { types: Record<string, DerivedTypes> }
).types;

/** Types the record states itself (kept from an imported DataCite record, say) win over derived ones. */
export function dataCiteTypes(types: Types): Types {
  const derived = DERIVED[types.resourceTypeGeneral] ?? DERIVED.Other!;
  return {
    resourceTypeGeneral: types.resourceTypeGeneral,
    ...(types.resourceType ? { resourceType: types.resourceType } : {}),
    schemaOrg: types.schemaOrg ?? derived.schemaOrg,
    citeproc: types.citeproc ?? derived.citeproc,
    bibtex: types.bibtex ?? derived.bibtex,
    ris: types.ris ?? derived.ris,
  };
}
