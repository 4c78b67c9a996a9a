/**
 * Regenerates vocab/duo.json from vocab/duo-terms.csv (every class of the GA4GH Data Use Ontology, see
 * vocab/SOURCE-duo.txt): the data use permissions and modifiers a record may carry, with the consent
 * codes DUO has made obsolete kept and marked, so that a record using one can be told why it is refused.
 * Usage: node --import tsx scripts/extract-duo-vocab.ts [CSV]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DuoTerm } from '../src/model/data-use-vocab.js';

/** A term as vocab/duo.json holds it: the shape the model reads. */
export type DuoVocabularyTerm = DuoTerm;

export interface DuoVocabulary {
  source: string;
  comment: string;
  licence: string;
  terms: DuoVocabularyTerm[];
}

const PERMISSION_ROOT = 'DUO:0000001';
const MODIFIER_ROOT = 'DUO:0000017';
const OBSOLETE_CLASS = 'oboInOwl#ObsoleteClass';
const OBO = 'http://purl.obolibrary.org/obo/';

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...records] = rows.filter((r) => r.some((value) => value !== ''));
  return records.map((values) => Object.fromEntries(header!.map((name, i) => [name, values[i] ?? ''])));
}

/** The OBO IRI an id names: DUO:0000044 is http://purl.obolibrary.org/obo/DUO_0000044. */
function iriOf(id: string): string {
  return OBO + id.replace(':', '_');
}

export function extractDuoVocabulary(csv: string): DuoVocabulary {
  const rows = parseCsv(csv);
  const parentsOf = new Map(rows.map((row) => [row.id!, row.parents!.split('|').filter(Boolean)]));
  const descendsFrom = (id: string, root: string, seen = new Set<string>()): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    return (parentsOf.get(id) ?? []).some((parent) => parent === root || descendsFrom(parent, root, seen));
  };
  // DUO marks most obsolete classes only by their ObsoleteClass parent, not by owl:deprecated.
  const isObsolete = (row: Record<string, string>) => row.deprecated === 'true' || parentsOf.get(row.id!)!.includes(OBSOLETE_CLASS);

  const corrected: string[] = [];
  const terms = rows.flatMap((row): DuoVocabularyTerm[] => {
    const id = row.id!;
    const obsolete = isObsolete(row);
    const kind = descendsFrom(id, PERMISSION_ROOT) ? 'permission' : descendsFrom(id, MODIFIER_ROOT) ? 'modifier' : undefined;
    // Obsolete consent codes (those with a shorthand) are kept, marked, so validation can say they are obsolete.
    const obsoleteConsentCode = obsolete && row.shorthand !== '';
    if (!(kind && !obsolete) && !obsoleteConsentCode) return [];
    const iri = iriOf(id);
    if (row.iri !== iri) corrected.push(`${id} (${row.shorthand}) is published as ${row.iri}; its IRI here is ${iri}, the one its id names.`);
    return [{ id, shorthand: row.shorthand!, label: row.label!, definition: row.definition!, iri, ...(kind ? { kind } : {}), deprecated: obsolete }];
  });
  return {
    source: 'GA4GH Data Use Ontology (DUO) release 2021-02-23, from vocab/duo-terms.csv (see vocab/SOURCE-duo.txt) by scripts/extract-duo-vocab.ts',
    comment: [
      `The data use permissions (descendants of ${PERMISSION_ROOT}) and data use modifiers (descendants of ${MODIFIER_ROOT}) that are not obsolete,`,
      'and the obsolete consent codes, marked deprecated, which records may not use.',
      'Obsolete means owl:deprecated or a subclass of oboInOwl:ObsoleteClass (DUO marks GRU-CC and RU only the second way).',
      ...corrected,
    ].join(' '),
    licence: 'CC-BY-4.0',
    terms,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const csvPath = process.argv[2] ?? 'vocab/duo-terms.csv';
  const vocabulary = extractDuoVocabulary(readFileSync(csvPath, 'utf8'));
  writeFileSync('vocab/duo.json', JSON.stringify(vocabulary, null, 2) + '\n');
  console.log(`wrote vocab/duo.json (${vocabulary.terms.length} terms)`);
}
