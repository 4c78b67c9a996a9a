import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { landingPageUrl, type RenderContext } from '../../src/formats/format.js';
import { formatByName, metadataFormats } from '../../src/formats/registry.js';
import { schemaOrgFormat } from '../../src/formats/schemaorg.js';
import type { FairRecord } from '../../src/model/schema.js';
import { CONTEXT, demoRecord, demoRecords, fullRecord, minimalRecord, withdrawnRecord, withFileUrls } from './render-fixtures.js';

// ---------------------------------------------------------------------------------------------------
// JSON-LD processing with local contexts only
// ---------------------------------------------------------------------------------------------------

interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}
type DocumentLoader = (url: string) => Promise<RemoteDocument>;
type ExpandedNode = Record<string, unknown>;
type ExpandedValue = { '@value'?: unknown; '@id'?: string; '@type'?: string | string[]; '@language'?: string } & ExpandedNode;

// jsonld (CommonJS) ships no type declarations; these tests use only expand().
const jsonld = createRequire(import.meta.url)('jsonld') as {
  expand(input: unknown, options: { documentLoader: DocumentLoader }): Promise<ExpandedNode[]>;
};

const SCHEMA_ORG_CONTEXT_DOCUMENT: unknown = JSON.parse(readFileSync(resolve('test/fixtures/jsonld/schemaorg-context.jsonld'), 'utf8'));

/** The addresses schema.org answers with its context; all are served from the local copy. */
const LOCAL_DOCUMENTS = new Map<string, unknown>(
  ['https://schema.org/', 'https://schema.org', 'http://schema.org/', 'http://schema.org', 'https://schema.org/docs/jsonldcontext.jsonld'].map((url) => [
    url,
    SCHEMA_ORG_CONTEXT_DOCUMENT,
  ]),
);

const requestedDocuments: string[] = [];

const localDocumentLoader: DocumentLoader = async (url) => {
  requestedDocuments.push(url);
  const document = LOCAL_DOCUMENTS.get(url);
  if (document === undefined) throw new Error(`no local copy of ${url}; documents are never fetched`);
  return { contextUrl: null, documentUrl: url, document };
};

const expand = (document: unknown) => jsonld.expand(document, { documentLoader: localDocumentLoader });

const SCHEMA = (term: string) => `http://schema.org/${term}`;

/** The expanded values of a schema.org property of a node. */
const valuesOf = (node: ExpandedNode, term: string): ExpandedValue[] => (node[SCHEMA(term)] as ExpandedValue[] | undefined) ?? [];
const literalsOf = (node: ExpandedNode, term: string) => valuesOf(node, term).map((value) => value['@value']);

// ---------------------------------------------------------------------------------------------------
// Records under test
// ---------------------------------------------------------------------------------------------------

// The rendered document is JSON of unknown shape; the tests read it as such.
type Document = { [key: string]: any };

const render = async (record: FairRecord, context: RenderContext = CONTEXT) => schemaOrgFormat.render(record, context);
const renderJson = async (record: FairRecord, context: RenderContext = CONTEXT): Promise<Document> => JSON.parse(await render(record, context));


const atTime = (iso: string): RenderContext => ({ ...CONTEXT, now: new Date(iso) });

const RECORDS_UNDER_TEST = [...demoRecords(), { file: 'full record', record: fullRecord() }];

// ---------------------------------------------------------------------------------------------------

describe('schema.org JSON-LD', () => {
  describe('the format', () => {
    it('is registered as schemaorg for application/ld+json, a metadata format', () => {
      const { name, mediaTypes, contentType, extension } = schemaOrgFormat;
      expect({ name, mediaTypes, contentType, extension }).to.deep.equal({
        name: 'schemaorg',
        mediaTypes: ['application/ld+json', 'application/vnd.schemaorg.ld+json'],
        contentType: 'application/ld+json',
        extension: 'jsonld',
      });
      expect(formatByName('schemaorg')).to.equal(schemaOrgFormat);
      expect(metadataFormats()).to.include(schemaOrgFormat);
    });
  });

  describe('expanded with jsonld.js and the local schema.org context', () => {
    for (const { file, record } of RECORDS_UNDER_TEST) {
      it(`${file}: a schema:Dataset with name, description, identifier and its licence`, async () => {
        const expanded = await expand(await renderJson(record));
        expect(expanded).to.have.length(1);
        const dataset = expanded[0]!;
        expect(dataset['@id']).to.equal(landingPageUrl(CONTEXT, record.accession));
        expect(dataset['@type']).to.deep.equal([SCHEMA('Dataset')]);
        expect(literalsOf(dataset, 'name')).to.deep.equal([record.titles.find((t) => !t.titleType)?.title ?? record.titles[0]!.title]);
        const [description] = literalsOf(dataset, 'description');
        expect(description).to.be.a('string').that.is.not.empty;
        const identifiers = valuesOf(dataset, 'identifier');
        expect(identifiers.map((id) => id['@type'])).to.deep.include([SCHEMA('PropertyValue')]);
        expect(identifiers.flatMap((id) => literalsOf(id, 'value'))).to.include(record.accession);
        // A licence is stated only where the record states one: none is ever supplied by default.
        const licences = valuesOf(dataset, 'license');
        if ((record.rightsList ?? []).length > 0) expect(licences, 'license').to.not.be.empty;
        else expect(licences, 'license').to.be.empty;
      });
    }

    it("loads schema.org's context from the local copy and nothing else", async () => {
      requestedDocuments.length = 0;
      await expand(await renderJson(fullRecord()));
      expect(requestedDocuments).to.deep.equal(['https://schema.org/']);
      let refused: unknown;
      await expand({ '@context': 'https://example.org/context.jsonld', name: 'x' }).catch((error: unknown) => (refused = error));
      expect(String((refused as { details?: { cause?: unknown } })?.details?.cause ?? refused)).to.match(/never fetched/);
    });

    it('uses only properties and types that schema.org defines', async () => {
      // With @vocab, a misspelt term would still expand, to an IRI schema.org does not define.
      const defined = new Set(Object.keys((SCHEMA_ORG_CONTEXT_DOCUMENT as { '@context': object })['@context']));
      const used = new Set<string>();
      const collect = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(collect);
        if (typeof value !== 'object' || value === null) return;
        for (const [key, child] of Object.entries(value)) {
          if (!key.startsWith('@')) used.add(key);
          if (key === '@type') used.add(child as string);
          if (key !== '@context') collect(child);
        }
      };
      for (const { record } of [...RECORDS_UNDER_TEST, { record: withdrawnRecord() }]) collect(await renderJson(record));
      expect([...used].filter((term) => !defined.has(term))).to.deep.equal([]);
      expect(used).to.include.members(['Dataset', 'PropertyValue', 'DataDownload', 'conditionsOfAccess', 'isAccessibleForFree', 'includedInDataCatalog']);
    });

    it('types dates, links and identifiers as schema.org declares them', async () => {
      const [dataset] = await expand(await renderJson(demoRecord('06-')));
      expect(valuesOf(dataset!, 'datePublished')).to.deep.equal([{ '@value': '2025-11-04', '@type': SCHEMA('Date') }]);
      expect(valuesOf(dataset!, 'url')).to.deep.equal([{ '@id': landingPageUrl(CONTEXT, demoRecord('06-').accession) }]);
      expect(valuesOf(dataset!, 'sameAs').map((value) => value['@id'])).to.deep.equal(['https://doi.org/10.12345/demo.6', 'https://cstr.cn/31253.11.demo.6']);
      const [catalog] = valuesOf(dataset!, 'includedInDataCatalog');
      expect(catalog!['@type']).to.deep.equal([SCHEMA('DataCatalog')]);
      expect(literalsOf(catalog!, 'name')).to.deep.equal([CONTEXT.repositoryName]);
    });
  });

  describe('identifiers', () => {
    it('lists the DOI, the accession and the CSTR as PropertyValues', async () => {
      const record = demoRecord('06-');
      const { identifier } = await renderJson(record);
      expect(identifier).to.deep.equal([
        {
          '@type': 'PropertyValue',
          propertyID: 'https://registry.identifiers.org/registry/doi',
          value: 'doi:10.12345/demo.6',
          url: 'https://doi.org/10.12345/demo.6',
        },
        { '@type': 'PropertyValue', propertyID: 'Accession', value: record.accession, url: landingPageUrl(CONTEXT, record.accession) },
        { '@type': 'PropertyValue', propertyID: 'CSTR', value: 'CSTR:31253.11.demo.6', url: 'https://cstr.cn/31253.11.demo.6' },
      ]);
    });

    it('keeps alternate identifiers under their own scheme', async () => {
      const { identifier } = await renderJson(fullRecord());
      expect(identifier).to.deep.include({ '@type': 'PropertyValue', propertyID: 'GEO accession', value: 'GSE000001' });
    });

    it('names the same dataset by its DOI, its CSTR and the source record it was harvested from', async () => {
      expect((await renderJson(fullRecord())).sameAs).to.deep.equal([
        'https://doi.org/10.12345/full.1',
        'https://cstr.cn/31253.11.full.1',
        'https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE000001',
      ]);
      // Demo 3's source identifier (doi:10.7910/DVN/RLMYMR) is its own DOI: listed once.
      expect((await renderJson(demoRecord('03-'))).sameAs).to.deep.equal(['https://doi.org/10.7910/DVN/RLMYMR']);
      // Demo 2's source identifier is an accession, not a resolvable address.
      expect((await renderJson(demoRecord('02-'))).sameAs).to.be.undefined;
    });
  });

  describe('titles, descriptions and people', () => {
    it('gives other titles as alternate names', async () => {
      const document = await renderJson(demoRecord('06-'));
      expect(document.name).to.equal('Genome-wide association summary statistics for type 2 diabetes in a Japanese hospital-based cohort');
      expect(document.alternateName).to.deep.equal(['日本人病院コホートにおける2型糖尿病のゲノムワイド関連解析要約統計量']);
    });

    it('describes the dataset by its abstract', async () => {
      const record = demoRecord('02-');
      const abstract = record.descriptions!.find((d) => d.descriptionType === 'Abstract')!.description;
      expect((await renderJson(record)).description).to.equal(abstract);
    });

    it('describes a record without descriptions from its own fields only', async () => {
      const record = minimalRecord({ subjects: [{ subject: 'mouse brain' }] });
      const { description } = await renderJson(record);
      expect(description).to.equal(
        'Dataset "Spatial transcriptome of the developing mouse brain" by Doe, Jane, published by Example Data Centre in 2026. Keywords: mouse brain.',
      );
      expect(description.length).to.be.within(50, 5000);
    });

    it('gives creators as people with names, ORCID and affiliations, and organizations as such', async () => {
      const { creator, publisher } = await renderJson(fullRecord());
      expect(creator).to.deep.equal([
        {
          '@type': 'Person',
          '@id': 'https://orcid.org/0000-0002-1825-0097',
          name: 'Zhang, Mei',
          givenName: 'Mei',
          familyName: 'Zhang',
          identifier: [
            {
              '@type': 'PropertyValue',
              propertyID: 'https://registry.identifiers.org/registry/orcid',
              value: '0000-0002-1825-0097',
              url: 'https://orcid.org/0000-0002-1825-0097',
            },
          ],
          affiliation: [{ '@type': 'Organization', '@id': 'https://ror.org/013q1eq08', name: 'Fudan University' }],
        },
        { '@type': 'Organization', name: 'Retina Consortium' },
      ]);
      expect(publisher).to.deep.equal({ '@type': 'Organization', '@id': 'https://ror.org/04wxnsj81', name: 'Example Data Centre' });
    });

    it('gives subjects as keywords, and vocabulary concepts as what the dataset is about', async () => {
      const { keywords, about } = await renderJson(fullRecord());
      expect(keywords).to.deep.equal(['retina']);
      expect(about).to.deep.equal([
        {
          '@type': 'DefinedTerm',
          '@id': 'http://purl.obolibrary.org/obo/UBERON_0000966',
          name: 'retina',
          termCode: 'UBERON:0000966',
          inDefinedTermSet: 'http://purl.obolibrary.org/obo/uberon.owl',
        },
      ]);
    });
  });

  describe('dates, coverage and funding', () => {
    it('takes publication, modification and coverage dates from the DataCite dates', async () => {
      const document = await renderJson(demoRecord('03-'));
      expect(document).to.include({ datePublished: '2016-12-20', dateModified: '2018-11-15T16:04:00Z', temporalCoverage: '2014-08/2014-10' });
    });

    it('falls back to the collection period and the publication year', async () => {
      expect((await renderJson(fullRecord())).temporalCoverage).to.equal('2024-03/2024-09');
      const open = minimalRecord({ dates: [{ date: '2019/', dateType: 'Collected' }] });
      expect(await renderJson(open)).to.include({ temporalCoverage: '2019/..', datePublished: '2026' });
    });

    it('places the data with points and boxes, latitude first', async () => {
      expect((await renderJson(demoRecord('08-'))).spatialCoverage).to.deep.equal([
        { '@type': 'Place', name: 'Guangdong, China', geo: { '@type': 'GeoShape', box: '20.22 109.66 25.52 117.32' } },
      ]);
      expect((await renderJson(demoRecord('07-'))).spatialCoverage).to.deep.equal([
        { '@type': 'Place', name: 'Shanghai, China', geo: { '@type': 'GeoCoordinates', latitude: 31.2, longitude: 121.45 } },
      ]);
    });

    it('names funders and their grants', async () => {
      const { funder, funding } = await renderJson(demoRecord('06-'));
      const amed = { '@type': 'Organization', '@id': 'https://doi.org/10.13039/100009619', name: 'Japan Agency for Medical Research and Development' };
      expect(funder).to.deep.include(amed);
      expect(funding).to.deep.include({
        '@type': 'MonetaryGrant',
        identifier: 'JP25km0405801',
        name: 'Genomic medicine platform for common diseases in the Japanese population',
        funder: amed,
      });
    });
  });

  describe('licence', () => {
    it('is the SPDX licence page when the record has an SPDX id', async () => {
      expect((await renderJson(demoRecord('02-'))).license).to.equal('https://spdx.org/licenses/CC-BY-4.0');
      const lowerCase = minimalRecord({ rightsList: [{ rightsIdentifier: 'cc0-1.0', rightsIdentifierScheme: 'SPDX' }] });
      expect((await renderJson(lowerCase)).license).to.equal('https://spdx.org/licenses/CC0-1.0');
    });

    it('is the licence URI when there is no SPDX id', async () => {
      const record = minimalRecord({ rightsList: [{ rights: 'Open Government Licence v3.0', rightsUri: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' }] });
      expect((await renderJson(record)).license).to.equal('https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/');
    });

    it('keeps a licence it does not recognise as stated', async () => {
      expect((await renderJson(demoRecord('04-'))).license).to.deep.equal({ '@type': 'CreativeWork', name: 'other-pd' });
      const unknownId = minimalRecord({ rightsList: [{ rights: 'Site licence', rightsIdentifier: 'site-licence-2', rightsIdentifierScheme: 'SPDX' }] });
      expect((await renderJson(unknownId)).license).to.deep.equal({ '@type': 'CreativeWork', name: 'Site licence', identifier: 'site-licence-2' });
    });

    it('stays missing when the record has none', async () => {
      expect(await renderJson(minimalRecord())).to.not.have.property('license');
      expect(await renderJson(demoRecord('05-'))).to.not.have.property('license');
    });

    it('leaves out access-right statements', async () => {
      const record = minimalRecord({ rightsList: [{ rights: 'open access', rightsUri: 'http://purl.org/coar/access_right/c_abf2' }] });
      expect(await renderJson(record)).to.not.have.property('license');
    });
  });

  describe('access', () => {
    it('is free for public records, not for registered, controlled or private ones', async () => {
      expect((await renderJson(demoRecord('13-'))).isAccessibleForFree).to.equal(true);
      for (const prefix of ['06-', '07-', '11-']) expect((await renderJson(demoRecord(prefix))).isAccessibleForFree, prefix).to.equal(false);
    });

    it('is not free while an embargo lasts, and free once it has ended', async () => {
      const record = demoRecord('09-');
      expect(CONTEXT.now.toISOString() < `${record.access.embargoEnd}`).to.equal(true);
      const during = await renderJson(record);
      expect(during.isAccessibleForFree).to.equal(false);
      expect(during.conditionsOfAccess[0]).to.equal('Embargoed access: the data are under embargo until 2027-06-30; from then on anyone may access them.');
      const after = await renderJson(record, atTime('2027-07-01T00:00:00Z'));
      expect(after.isAccessibleForFree).to.equal(true);
      expect(after.conditionsOfAccess).to.deep.equal(['Open access: anyone may access the data.']);
    });

    it('states the conditions of controlled access and how to apply', async () => {
      const record = demoRecord('07-');
      const { conditionsOfAccess } = await renderJson(record);
      const { conditions, howToApply, requestUrl, citationRequirement, acknowledgement } = record.access;
      expect(conditionsOfAccess).to.deep.equal([
        'Controlled access: the data are available only to users whose application for access has been approved.',
        'health or medical or biomedical research (GA4GH DUO HMB, DUO:0000006): This data use permission indicates that use is allowed for ' +
          'health/medical/biomedical purposes; does not include the study of population origins or ancestry.',
        'ethics approval required (GA4GH DUO IRB, DUO:0000021): This data use modifier indicates that the requestor must provide documentation of local IRB/ERB approval.',
        'institution specific restriction (GA4GH DUO IS, DUO:0000028): This data use modifier indicates that use is limited to use within an approved institution.',
        'non-commercial use only (GA4GH DUO NCU, DUO:0000046): This data use modifier indicates that use of the data is limited to not-for-profit use.',
        'Approved purpose only: Use the data only for the project and purpose stated in the approved access application; any other use needs a new application.',
        'No re-identification: Do not attempt to identify the donors or participants the data come from.',
        'No redistribution: Do not redistribute the data or pass them on to any third party.',
        'No sale: Do not sell the data.',
        'Delete after use: Delete the data, and everything they could be restored from, when the approved period of use ends.',
        `Acknowledgement required: Acknowledge the data submitters in every publication or presentation that uses the data. Suggested wording: ${acknowledgement}`,
        `Cite the accession: State the accession number of this dataset in every publication, presentation, patent or other output that uses the data. Accession: ${record.accession}`,
        conditions!.terms,
        `Citation: ${citationRequirement}`,
        `How to obtain access: ${howToApply} ${requestUrl}`,
      ]);
    });

    it('states registered access', async () => {
      const { conditionsOfAccess } = await renderJson(demoRecord('06-'));
      expect(conditionsOfAccess[0]).to.equal('Registered access: the data are available to signed-in users who have registered for access.');
      const { howToApply, requestUrl } = demoRecord('06-').access;
      expect(conditionsOfAccess).to.include(`How to obtain access: ${howToApply} ${requestUrl ?? `${CONTEXT.baseUrl}/records/${demoRecord('06-').accession}`}`);
    });

    it('states the rights reserved by the submitters of open data', async () => {
      const record = demoRecord('08-');
      const { conditionsOfAccess, creditText, isAccessibleForFree } = await renderJson(record);
      expect(isAccessibleForFree).to.equal(true);
      expect(conditionsOfAccess).to.deep.equal([
        'Open access with reservation of rights: anyone may access the data, subject to the rights the data submitters reserve.',
        'No redistribution: Do not redistribute the data or pass them on to any third party.',
        'No sale: Do not sell the data.',
        `Acknowledgement required: Acknowledge the data submitters in every publication or presentation that uses the data. Suggested wording: ${record.access.acknowledgement}`,
        `Cite the accession: State the accession number of this dataset in every publication, presentation, patent or other output that uses the data. Accession: ${record.accession}`,
        "Consent for derived results: Obtain the data submitters' consent before claiming new results or intellectual property built on the data.",
        record.access.conditions!.terms,
      ]);
      expect(creditText).to.equal(record.access.acknowledgement);
    });

    it('lists DUO modifiers after their term, labelled from DUO when the record gives no label', async () => {
      const record = minimalRecord({
        access: { level: 'controlled', conditions: { duo: [{ code: 'DUO:0000007', label: 'disease specific research', modifiers: ['DUO:0000045', 'DUO:0000046'] }] } },
      });
      expect((await renderJson(record)).conditionsOfAccess.slice(1)).to.deep.equal([
        'disease specific research (GA4GH DUO DS, DUO:0000007): This data use permission indicates that use is allowed provided it is related to the specified disease.',
        'not for profit organisation use only (GA4GH DUO NPU, DUO:0000045): This data use modifier indicates that use of the data is limited to not-for-profit organizations.',
        'non-commercial use only (GA4GH DUO NCU, DUO:0000046): This data use modifier indicates that use of the data is limited to not-for-profit use.',
        `How to obtain access: Access to the files is granted on application, for the purpose stated in it; the data submitters decide on each application. ${CONTEXT.baseUrl}/api/v1/records/${record.accession}/access-requests`,
      ]);
    });

    it('states that the submitters permit redistribution, and the acknowledgement when no rule quotes it', async () => {
      const record = minimalRecord({
        access: { level: 'public', conditions: { reservedRights: { redistribution: 'permitted' } }, acknowledgement: 'Thanks to the Example lab.' },
      });
      expect((await renderJson(record)).conditionsOfAccess).to.deep.equal([
        'Open access with reservation of rights: anyone may access the data, subject to the rights the data submitters reserve.',
        'Redistribution: the data submitters permit redistribution of the data.',
        'Acknowledgement: Thanks to the Example lab.',
      ]);
    });
  });

  describe('distribution', () => {
    it('lists the files of a public record as DataDownloads', async () => {
      const { distribution } = await renderJson(demoRecord('03-'));
      expect(distribution).to.deep.equal([
        {
          '@type': 'DataDownload',
          name: 'Karnataka_DD&FS_Data-1.tab',
          description: 'Data',
          contentUrl: 'https://dataverse.harvard.edu/api/access/datafile/3315157',
          encodingFormat: 'text/tab-separated-values',
          contentSize: '2321 bytes',
        },
        {
          '@type': 'DataDownload',
          name: 'Karnataka_DD&FS_Questionnaire.pdf',
          contentUrl: 'https://dataverse.harvard.edu/api/access/datafile/2966301',
          encodingFormat: 'application/pdf',
          contentSize: '493564 bytes',
        },
      ]);
    });

    it('gives the SHA-256 checksum of a file', async () => {
      const record = withFileUrls(demoRecord('13-'));
      const [first] = (await renderJson(record)).distribution;
      expect(first).to.deep.equal({
        '@type': 'DataDownload',
        name: 'mouse_brain_coronal_v1.cellbin.h5ad',
        contentUrl: `https://files.example.org/${record.accession}/0`,
        encodingFormat: 'application/x-hdf5',
        contentSize: '30064771072 bytes',
        sha256: record.files![0]!.checksum!.value,
      });
    });

    it('lists no files under embargo until the embargo ends', async () => {
      const record = withFileUrls(demoRecord('09-'));
      expect(await renderJson(record)).to.not.have.property('distribution');
      expect((await renderJson(record, atTime('2027-06-30T00:00:00Z'))).distribution).to.have.length(record.files!.length);
    });

    it('lists no files of controlled, registered or private records', async () => {
      for (const prefix of ['06-', '07-', '11-']) expect(await renderJson(withFileUrls(demoRecord(prefix))), prefix).to.not.have.property('distribution');
    });

    it('lists only files that have a download address', async () => {
      expect(await renderJson(demoRecord('13-'))).to.not.have.property('distribution');
    });
  });

  describe('related works and provenance', () => {
    it('relates works as schema.org can, the reverse relations under @reverse', async () => {
      expect((await renderJson(demoRecord('01-')))['@reverse']).to.deep.equal({
        citation: [{ '@type': 'CreativeWork', '@id': 'https://doi.org/10.1371/journal.ppat.1000446' }],
      });
      expect((await renderJson(demoRecord('02-')))['@reverse']).to.deep.equal({
        isBasedOn: [{ '@type': 'ScholarlyArticle', '@id': 'https://doi.org/10.7554/eLife.47156' }],
      });
      expect((await renderJson(demoRecord('14-'))).isBasedOn).to.deep.equal([{ '@type': 'Dataset', '@id': 'https://doi.org/10.12345/demo.13' }]);
      expect((await renderJson(demoRecord('03-'))).hasPart).to.have.length(2);
      expect((await renderJson(fullRecord())).subjectOf).to.deep.include({ '@type': 'ScholarlyArticle', '@id': 'https://doi.org/10.1234/article.5' });
    });

    it("bases an imported record on the source record, keeping the source's licence and terms as stated", async () => {
      const { isBasedOn } = await renderJson(demoRecord('03-'));
      expect(isBasedOn).to.deep.equal([
        {
          '@type': 'Dataset',
          identifier: 'doi:10.7910/DVN/RLMYMR',
          url: 'https://doi.org/10.7910/DVN/RLMYMR',
          description: 'The record in Harvard Dataverse this record was harvested from on 2026-11-01; its licence and conditions are quoted as stated there.',
          provider: { '@type': 'Organization', name: 'Harvard Dataverse', url: 'https://dataverse.harvard.edu/' },
          license: { '@type': 'CreativeWork', name: 'NONE' },
          conditionsOfAccess: ['Attribution is required'],
        },
      ]);
    });

    it('states nothing about a source for records made here', async () => {
      expect(await renderJson(demoRecord('13-'))).to.not.have.property('isBasedOn');
    });
  });

  describe('withdrawn records', () => {
    it('are a minimal tombstone with the title, DOI, reason and date', async () => {
      const record = withdrawnRecord();
      const document = await renderJson(record);
      expect(document).to.include({
        '@type': 'Dataset',
        name: 'Spatial transcriptomics of human placental villi in the first and second trimesters',
        creativeWorkStatus: 'Withdrawn',
        description: 'This dataset was withdrawn on 2026-06-01. Reason: Consent for one donor was withdrawn.',
        dateModified: '2026-06-01T09:00:00.000Z',
        datePublished: '2025',
      });
      expect(document.sameAs).to.include('https://doi.org/10.12345/demo.12');
      expect(document.identifier[0]).to.include({ value: 'doi:10.12345/demo.12' });
      for (const property of ['distribution', 'license', 'keywords', 'conditionsOfAccess', 'isAccessibleForFree', 'funding']) {
        expect(document, property).to.not.have.property(property);
      }
    });

    it('expand to a schema:Dataset', async () => {
      const [dataset] = await expand(await renderJson(withdrawnRecord()));
      expect(dataset!['@type']).to.deep.equal([SCHEMA('Dataset')]);
      expect(literalsOf(dataset!, 'creativeWorkStatus')).to.deep.equal(['Withdrawn']);
    });
  });

  describe('serialization', () => {
    it('cannot close a script element: < is escaped, the JSON stays equal', async () => {
      const record = demoRecord('15-');
      const output = await render(record);
      expect(record.titles[0]!.title).to.contain('<script>');
      expect(output).to.not.contain('<');
      expect(output).to.contain('\\u003cscript>alert(1)\\u003c/script>');
      expect(JSON.parse(output).name).to.equal(record.titles[0]!.title);
    });

    it('is pretty-printed', async () => {
      expect(await render(minimalRecord())).to.match(/^\{\n {2}"@context": "https:\/\/schema\.org\/",\n {2}"@type": "Dataset",\n/);
    });

    it('is the same for the same record', async () => {
      for (const { file, record } of [...RECORDS_UNDER_TEST, { file: 'withdrawn record', record: withdrawnRecord() }]) {
        expect(await render(structuredClone(record)), file).to.equal(await render(record));
      }
    });
  });
});
