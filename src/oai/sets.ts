/**
 * The set hierarchy. Sets are derived from the records themselves — source repository, access level,
 * resource type — plus curated collections and the OpenAIRE data set; only values present among
 * harvestable records are listed, so no set reveals a record that is not public.
 */
import { sourceSetName } from '../model/source.js';
import { dataCiteVocabulary } from '../model/vocab.js';
import type { Collection } from '../services/collection-service.js';
import type { HarvestItem, SetCondition, SetInventory } from '../services/harvest-service.js';

export interface OaiSet {
  spec: string;
  name: string;
  description?: string;
}

/** OpenAIRE Guidelines for Data Archives: the set OpenAIRE harvests, in oai_datacite. */
export const OPENAIRE_DATA_SET = 'openaire_data';

const typeSpec = (resourceTypeGeneral: string) => resourceTypeGeneral.toLowerCase();

/** The condition a setSpec stands for, or undefined for a spec that names no set here. */
export function setCondition(spec: string): SetCondition | undefined {
  if (spec === OPENAIRE_DATA_SET) return { kind: 'all' };
  const [branch, value, ...rest] = spec.split(':');
  if (rest.length > 0 || value === '') return undefined;
  switch (branch) {
    case 'source':
      return { kind: 'source', name: value };
    case 'access':
      return value === undefined || ['public', 'registered', 'controlled'].includes(value) ? { kind: 'access', level: value } : undefined;
    case 'type': {
      if (value === undefined) return { kind: 'type' };
      const resourceType = dataCiteVocabulary.resourceTypeGeneral.find((t) => typeSpec(t) === value);
      return resourceType ? { kind: 'type', resourceType } : undefined;
    }
    case 'collection':
      return { kind: 'collection', spec: value };
    default:
      return undefined;
  }
}

/** The leaf sets a record belongs to, for its header. */
export function setSpecsOf(item: HarvestItem): string[] {
  const { record } = item;
  const sourceSet = record.source ? sourceSetName(record.source) : undefined;
  return [
    `access:${record.access.level}`,
    ...item.collections.map((spec) => `collection:${spec}`),
    OPENAIRE_DATA_SET,
    ...(sourceSet ? [`source:${sourceSet}`] : []),
    `type:${typeSpec(record.types.resourceTypeGeneral)}`,
  ];
}

const ACCESS_NAMES: Record<string, string> = {
  public: 'Public: metadata and files open to everyone',
  registered: 'Registered access: metadata open, files for signed-in users',
  controlled: 'Controlled access: metadata open, files after an approved access request',
};

/** Every set, sorted by spec. */
export function setHierarchy(inventory: SetInventory, collections: Collection[]): OaiSet[] {
  const sets: OaiSet[] = [
    { spec: 'access', name: 'Records by access level' },
    ...inventory.accessLevels.map((level) => ({ spec: `access:${level}`, name: ACCESS_NAMES[level] ?? level })),
    { spec: 'collection', name: 'Curated collections' },
    ...collections.map((c) => ({ spec: `collection:${c.spec}`, name: c.name, ...(c.description ? { description: c.description } : {}) })),
    { spec: OPENAIRE_DATA_SET, name: 'OpenAIRE data archive set (OpenAIRE Guidelines for Data Archives)' },
    { spec: 'source', name: 'Records imported from other repositories' },
    ...inventory.sources.map((s) => ({ spec: `source:${s.name}`, name: `Records from ${s.repository}` })),
    { spec: 'type', name: 'Records by DataCite resource type' },
    ...inventory.resourceTypes.map((t) => ({ spec: `type:${typeSpec(t)}`, name: t })),
  ];
  return sets.sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0));
}
