/**
 * Realistic synthetic records for benchmarks, shaped as DataCite REST API pages (`{"data": [...]}`), the
 * format mirrors import most. Deterministic: record i is the same in every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TISSUES = ['liver', 'brain', 'kidney', 'lung', 'heart', 'skin', 'retina', 'pancreas', 'spleen', 'colon'];
const METHODS = ['single-cell RNA-seq', 'spatial transcriptomics', 'whole-genome sequencing', 'ATAC-seq', 'proteomics'];
const LICENCES = [
  { rights: 'Creative Commons Attribution 4.0 International', rightsUri: 'https://creativecommons.org/licenses/by/4.0/legalcode', rightsIdentifier: 'cc-by-4.0', rightsIdentifierScheme: 'SPDX' },
  { rights: 'Creative Commons Zero v1.0 Universal', rightsUri: 'https://creativecommons.org/publicdomain/zero/1.0/legalcode', rightsIdentifier: 'cc0-1.0', rightsIdentifierScheme: 'SPDX' },
];

/** The DataCite attributes of synthetic record `i` (1-based). */
export function syntheticDataCite(i: number): Record<string, unknown> {
  const tissue = TISSUES[i % TISSUES.length]!;
  const method = METHODS[i % METHODS.length]!;
  return {
    doi: `10.99999/bench.${i}`,
    titles: [{ title: `${method} atlas of human ${tissue}, sample set ${i}`, lang: 'en' }],
    creators: [
      { name: `Researcher${i % 997}, Alex`, nameType: 'Personal', givenName: 'Alex', familyName: `Researcher${i % 997}`, nameIdentifiers: [{ nameIdentifier: `https://orcid.org/0000-0002-${String(1000 + (i % 9000)).padStart(4, '0')}-000X`, nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }], affiliation: [{ name: 'Example Institute of Genomics' }] },
      { name: 'Example Sequencing Consortium', nameType: 'Organizational' },
    ],
    publisher: { name: 'Benchmark Data Centre' },
    publicationYear: 2000 + (i % 26),
    types: { resourceTypeGeneral: 'Dataset', resourceType: method },
    subjects: [{ subject: 'transcriptomics' }, { subject: tissue }, { subject: 'Biological sciences', subjectScheme: 'Fields of Science and Technology (FOS)', schemeUri: 'http://www.oecd.org/science/inno/38235147.pdf' }],
    dates: [{ date: `${2000 + (i % 26)}-0${1 + (i % 9)}-1${i % 10}`, dateType: 'Issued' }],
    language: 'en',
    alternateIdentifiers: [{ alternateIdentifier: `BENCH${String(i).padStart(8, '0')}`, alternateIdentifierType: 'Accession' }],
    relatedIdentifiers: [{ relatedIdentifier: `10.99998/article.${i % 5000}`, relatedIdentifierType: 'DOI', relationType: 'IsSupplementTo' }],
    sizes: [`${(i % 900) + 10} MB`],
    formats: ['text/csv', 'application/x-hdf5'],
    version: '1.0',
    rightsList: [LICENCES[i % LICENCES.length]!],
    descriptions: [
      {
        description: `Counts matrix, cell annotations and quality metrics for ${method} of ${tissue} tissue from sample set ${i}. Reads were aligned to GRCh38 and quantified per gene; the annotations follow the Human Cell Atlas conventions.`,
        descriptionType: 'Abstract',
        lang: 'en',
      },
    ],
    fundingReferences: [{ funderName: 'Example Research Council', funderIdentifier: 'https://ror.org/00example', funderIdentifierType: 'ROR', awardNumber: `ERC-${i % 300}` }],
    url: `https://data.example.org/datasets/${i}`,
  };
}

/** Writes records 1..count as DataCite JSON pages of `pageSize`; returns the file paths. */
export function writeDataCitePages(directory: string, count: number, pageSize = 1000): string[] {
  mkdirSync(directory, { recursive: true });
  const files: string[] = [];
  for (let first = 1; first <= count; first += pageSize) {
    const last = Math.min(count, first + pageSize - 1);
    const data = [];
    for (let i = first; i <= last; i++) data.push({ id: `10.99999/bench.${i}`, type: 'dois', attributes: syntheticDataCite(i) });
    const file = join(directory, `page-${String(first).padStart(8, '0')}.json`);
    writeFileSync(file, JSON.stringify({ data }));
    files.push(file);
  }
  return files;
}
