/**
 * Records and readers shared by the renderer tests: the demo records as the server would store them, a
 * record with every optional field, and a way to read rendered XML back into elements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RenderContext } from '../../src/formats/format.js';
import type { FairRecord } from '../../src/model/schema.js';
import { tombstoneView } from '../../src/services/record-service.js';

export const CONTEXT: RenderContext = {
  baseUrl: 'https://data.example.org',
  repositoryName: 'Example Data Centre',
  oaiRepositoryIdentifier: 'data.example.org',
  now: new Date('2026-11-22T10:00:00Z'),
};

const TIMESTAMP = '2026-05-01T08:30:00.000Z';
const DEMO_DIRECTORY = resolve('demo/records');

/** A record input completed with the fields the server owns, as a stored released record. */
export function storedRecord(input: Record<string, unknown>, serial = 1): FairRecord {
  const accession = `FH${String(serial).padStart(7, '0')}`;
  return {
    ...input,
    accession,
    oaiIdentifier: `oai:${CONTEXT.oaiRepositoryIdentifier}:${accession}`,
    status: 'released',
    access: (input.access as FairRecord['access'] | undefined) ?? { level: 'public' },
    versions: { conceptAccession: accession, versionNumber: 1 },
    created: TIMESTAMP,
    updated: TIMESTAMP,
    datestamp: TIMESTAMP,
  } as FairRecord;
}

export interface DemoRecord {
  file: string;
  record: FairRecord;
}

export function demoRecords(): DemoRecord[] {
  return readdirSync(DEMO_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file, index) => ({ file, record: storedRecord(JSON.parse(readFileSync(resolve(DEMO_DIRECTORY, file), 'utf8')), index + 1) }));
}

export function demoRecord(filePrefix: string): FairRecord {
  const found = demoRecords().find(({ file }) => file.startsWith(filePrefix));
  if (!found) throw new Error(`no demo record ${filePrefix}*`);
  return found.record;
}

export function minimalRecord(overrides: Partial<FairRecord> = {}): FairRecord {
  return {
    ...storedRecord({
      titles: [{ title: 'Spatial transcriptome of the developing mouse brain' }],
      creators: [{ name: 'Doe, Jane' }],
      publisher: { name: 'Example Data Centre' },
      publicationYear: 2026,
      types: { resourceTypeGeneral: 'Dataset' },
    }),
    ...overrides,
  };
}

/** Every optional field of the record model filled in, with values that a renderer could get wrong. */
export function fullRecord(): FairRecord {
  const person = {
    nameType: 'Personal',
    givenName: 'Mei',
    familyName: 'Zhang',
    nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-1825-0097', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
    affiliation: [
      { name: 'Fudan University', affiliationIdentifier: 'https://ror.org/013q1eq08', affiliationIdentifierScheme: 'ROR', schemeUri: 'https://ror.org', lang: 'en' },
    ],
    lang: 'en',
  };
  return storedRecord(
    {
      doi: '10.12345/full.1',
      cstr: '31253.11.full.1',
      titles: [
        { title: 'Single-cell atlas of the zebrafish retina', lang: 'en' },
        { title: 'Retina atlas', titleType: 'AlternativeTitle', lang: 'en' },
      ],
      creators: [{ name: 'Zhang, Mei', ...person }, { name: 'Retina Consortium', nameType: 'Organizational' }],
      contributors: [{ name: 'Zhang, Mei', ...person, contributorType: 'DataCurator' }],
      publisher: {
        name: 'Example Data Centre',
        publisherIdentifier: 'https://ror.org/04wxnsj81',
        publisherIdentifierScheme: 'ROR',
        schemeUri: 'https://ror.org/',
        lang: 'en',
      },
      publicationYear: 2025,
      types: { resourceTypeGeneral: 'Dataset', resourceType: 'Single-cell RNA-seq', schemaOrg: 'Dataset', bibtex: 'misc', citeproc: 'dataset', ris: 'DATA' },
      subjects: [
        {
          subject: 'retina',
          subjectScheme: 'UBERON',
          schemeUri: 'http://purl.obolibrary.org/obo/uberon.owl',
          valueUri: 'http://purl.obolibrary.org/obo/UBERON_0000966',
          classificationCode: 'UBERON:0000966',
          lang: 'en',
        },
      ],
      dates: [
        { date: '2024-03/2024-09', dateType: 'Collected', dateInformation: 'Sampling at 3, 5 and 7 dpf' },
        { date: '2025-01-15', dateType: 'Issued' },
      ],
      language: 'en-GB',
      alternateIdentifiers: [{ alternateIdentifier: 'GSE000001', alternateIdentifierType: 'GEO accession' }],
      relatedIdentifiers: [
        {
          relatedIdentifier: '10.1234/article.5',
          relatedIdentifierType: 'DOI',
          relationType: 'IsDescribedBy',
          relationTypeInformation: 'Main article',
          resourceTypeGeneral: 'JournalArticle',
        },
        {
          relatedIdentifier: 'https://example.org/schema.json',
          relatedIdentifierType: 'URL',
          relationType: 'HasMetadata',
          relatedMetadataScheme: 'Example schema',
          schemeUri: 'https://example.org/schema',
          schemeType: 'JSON Schema',
        },
      ],
      sizes: ['12 GB'],
      formats: ['application/x-hdf5'],
      version: '1.2',
      rightsList: [
        {
          rights: 'Creative Commons Attribution 4.0 International',
          rightsUri: 'https://creativecommons.org/licenses/by/4.0/legalcode',
          rightsIdentifier: 'CC-BY-4.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
          lang: 'en',
        },
      ],
      descriptions: [
        { description: 'Transcriptomes of 80 000 retinal cells.', descriptionType: 'Abstract', lang: 'en' },
        { description: 'Droplet-based capture.', descriptionType: 'Methods' },
      ],
      geoLocations: [
        {
          geoLocationPlace: 'Shanghai, China',
          geoLocationPoint: { pointLongitude: 121.47, pointLatitude: 31.23 },
          geoLocationBox: { westBoundLongitude: 120.85, eastBoundLongitude: 122.2, southBoundLatitude: 30.67, northBoundLatitude: 31.88 },
          geoLocationPolygon: [
            { polygonPoint: { pointLongitude: 121, pointLatitude: 31 } },
            { polygonPoint: { pointLongitude: 122, pointLatitude: 31 } },
            { polygonPoint: { pointLongitude: 122, pointLatitude: 32 } },
            { polygonPoint: { pointLongitude: 121, pointLatitude: 31 } },
            { inPolygonPoint: { pointLongitude: 121.6, pointLatitude: 31.3 } },
          ],
        },
      ],
      fundingReferences: [
        {
          funderName: 'National Natural Science Foundation of China',
          funderIdentifier: 'https://ror.org/01h0zpd94',
          funderIdentifierType: 'ROR',
          schemeUri: 'https://ror.org/',
          awardNumber: '32000001',
          awardUri: 'https://example.org/awards/32000001',
          awardTitle: 'Retinal development at single-cell resolution',
        },
      ],
      access: { level: 'public', releaseDate: '2025-02-01' },
      source: {
        repository: 'Gene Expression Omnibus',
        baseUrl: 'https://www.ncbi.nlm.nih.gov/geo/',
        originalIdentifier: 'https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE000001',
        harvestDate: '2026-01-01T00:00:00Z',
      },
      files: [{ name: 'counts.h5', size: 12_000_000_000, format: 'application/x-hdf5' }],
    },
    42,
  );
}

/** An element read back from XML: local name, attributes by qualified name, own text, child elements. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

function toElement(node: OrderedNode): XmlElement {
  const name = Object.keys(node).find((key) => key !== ':@')!;
  const content = node[name] as OrderedNode[];
  const text = content.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
  const children = content.filter((child) => !('#text' in child)).map(toElement);
  return { name: name.replace(/^.*:/, ''), attributes: node[':@'] ?? {}, text, children };
}

/** The document element of `xml`. */
export function readXml(xml: string): XmlElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find((node) => !('#text' in node) && !('?xml' in node));
  if (!root) throw new Error('no document element');
  return toElement(root);
}

/** Every element named `name` (local name) below `root`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return root.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

export function findOne(root: XmlElement, name: string): XmlElement {
  const found = findAll(root, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

export function textsOf(root: XmlElement, name: string): string[] {
  return findAll(root, name).map((element) => element.text);
}

/** Demo record 12 as the formats receive it once withdrawn: reduced to its tombstone. */
export function withdrawnRecord(): FairRecord {
  const record = demoRecord('12-');
  return tombstoneView({
    ...record,
    status: 'withdrawn',
    tombstone: { reason: 'Consent for one donor was withdrawn.', date: '2026-06-01T09:00:00.000Z' },
  });
}

export const withFileUrls = (record: FairRecord): FairRecord => ({
  ...record,
  files: record.files?.map((file, index) => ({ ...file, url: `https://files.example.org/${record.accession}/${index}` })),
});
