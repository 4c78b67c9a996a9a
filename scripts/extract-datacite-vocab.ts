/**
 * Regenerates vocab/datacite-4.7.json from the DataCite kernel-4.7 XSD includes.
 * Usage: node --import tsx scripts/extract-datacite-vocab.ts [XSD_INCLUDE_DIR]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** XSD simpleType name → the JSON attribute that carries its values. */
const VOCABULARIES: Record<string, string> = {
  resourceType: 'resourceTypeGeneral',
  relationType: 'relationType',
  relatedIdentifierType: 'relatedIdentifierType',
  dateType: 'dateType',
  contributorType: 'contributorType',
  descriptionType: 'descriptionType',
  titleType: 'titleType',
  nameType: 'nameType',
  funderIdentifierType: 'funderIdentifierType',
  numberType: 'numberType',
};

export function extractEnumerations(includeDir: string): Record<string, string[]> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'xs:enumeration' || name === 'xs:simpleType' });
  const vocab: Record<string, string[]> = {};
  for (const file of readdirSync(includeDir).filter((f) => f.startsWith('datacite-') && f.endsWith('.xsd')).sort()) {
    const doc = parser.parse(readFileSync(join(includeDir, file), 'utf8'));
    for (const simpleType of doc['xs:schema']['xs:simpleType'] ?? []) {
      const key = VOCABULARIES[simpleType['@name']];
      if (!key) continue;
      vocab[key] = simpleType['xs:restriction']['xs:enumeration'].map((e: Record<string, string>) => e['@value']);
    }
  }
  return Object.fromEntries(Object.entries(vocab).sort(([a], [b]) => a.localeCompare(b)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const includeDir = process.argv[2] ?? 'test/fixtures/schemas/xml/datacite/kernel-4/include';
  const vocab = { source: 'DataCite Metadata Schema 4.7 XSD (kernel-4/include)', ...extractEnumerations(includeDir) };
  writeFileSync('vocab/datacite-4.7.json', JSON.stringify(vocab, null, 2) + '\n');
  console.log(`wrote vocab/datacite-4.7.json (${Object.keys(vocab).length - 1} vocabularies)`);
}
