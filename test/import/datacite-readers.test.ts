import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dataCiteAttributes } from '../../src/formats/datacite-json.js';
import { dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { asDocument } from '../../src/formats/xml.js';
import { readDataCiteJson } from '../../src/import/readers/datacite-json.js';
import { readDataCiteXml } from '../../src/import/readers/datacite-xml.js';
import { DomainError } from '../../src/model/errors.js';
import type { FairRecord, RecordInput } from '../../src/model/schema.js';
import { validateRecordInput } from '../../src/model/validate.js';
import { CONTEXT, readXml, storedRecord } from '../formats/render-fixtures.js';
import { missingJson, missingProperties } from '../helpers/property-coverage.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';

const EXAMPLES = 'test/fixtures/schemas/datacite-examples';
const RECORDED = 'test/fixtures/examples/datacite-xml';
const DRYAD_JSON = 'test/fixtures/examples/datacite/datacite-10.5061-dryad.8515.json';

const read = (path: string) => readFileSync(path, 'utf8');
const withoutBom = (xml: string) => xml.replace(/^\uFEFF/, '');

/** A read record as the server keeps it: validated like any submitted record, then stored as released. */
function imported(input: RecordInput): FairRecord {
  return storedRecord(validateRecordInput(input));
}

const exportXml = (record: FairRecord) => asDocument(dataCiteXmlFormat.oai!.render(record, CONTEXT));
const exportJson = (record: FairRecord) => dataCiteAttributes(record, CONTEXT);

function onlyRecord(records: RecordInput[]): RecordInput {
  expect(records).to.have.length(1);
  return records[0]!;
}

function expectValid(xml: string): void {
  const check = validateXml(xml, SCHEMA.dataCite);
  expect(check.valid, check.errors).to.equal(true);
}

function expectFailure(read: () => unknown, code: string, message: RegExp): DomainError {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError);
    expect((error as DomainError).code).to.equal(code);
    expect((error as DomainError).message).to.match(message);
    return error as DomainError;
  }
  throw new Error('expected the reader to refuse the document');
}

/**
 * What DataCite's JSON states that is not metadata of the resource, or that DataCite derives, and so is
 * not in the canonical record: each with the reason.
 */
const NOT_HELD: Record<string, string> = {
  id: 'the DOI as a URL (older DataCite JSON): held as doi',
  prefix: 'the DOI prefix: part of doi',
  suffix: 'the DOI suffix: part of doi',
  agency: 'the registration agency of the DOI',
  container: 'derived by DataCite from SeriesInformation text and IsPartOf relations; the parts it is made from are kept',
  xml: 'DataCite’s stored XML, a copy of the record in another form',
  url: 'the landing page at the source; the re-export gives this repository’s landing page',
  contentUrl: 'DataCite’s content negotiation links',
  metadataVersion: 'DataCite’s revision counter',
  source: 'the DataCite client the DOI was registered through (mds, api, fabrica)',
  isActive: 'the DOI’s state at DataCite; the record has its own status here',
  state: 'the DOI’s state at DataCite; the record has its own status here',
  reason: 'the reason for the DOI’s state at DataCite',
  viewCount: 'usage statistics at DataCite',
  viewsOverTime: 'usage statistics at DataCite',
  downloadCount: 'usage statistics at DataCite',
  downloadsOverTime: 'usage statistics at DataCite',
  referenceCount: 'citation statistics at DataCite',
  citationCount: 'citation statistics at DataCite',
  citationsOverTime: 'citation statistics at DataCite',
  partCount: 'relation statistics at DataCite',
  partOfCount: 'relation statistics at DataCite',
  versionCount: 'relation statistics at DataCite',
  versionOfCount: 'relation statistics at DataCite',
  created: 'registration dates of the DOI at DataCite',
  registered: 'registration dates of the DOI at DataCite',
  published: 'registration dates of the DOI at DataCite',
  updated: 'registration dates of the DOI at DataCite',
};

/** The attributes of a DataCite JSON document that the canonical record holds. */
function heldAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const held = Object.fromEntries(Object.entries(attributes).filter(([key]) => !(key in NOT_HELD)));
  const doi = String(attributes.doi ?? '').toLowerCase();
  // Older DataCite JSON lists the DOI itself among the identifiers; the record holds it as doi.
  const identifiers = (attributes.identifiers ?? []) as Array<{ identifier: string; identifierType: string }>;
  held.identifiers = identifiers.filter((i) => !(i.identifierType === 'DOI' && i.identifier.toLowerCase() === doi));
  return held;
}

function attributesOf(document: Record<string, any>): Record<string, unknown> {
  return document.data?.attributes ?? document;
}

describe('DataCite readers', () => {
  describe('DataCite’s own example records in XML', () => {
    for (const file of ['datacite-example-full-v4.xml', 'datacite-example-dataset-v4.xml', 'datacite-example-relationtypeinformation-v4.xml']) {
      describe(file, () => {
        const original = read(`${EXAMPLES}/${file}`);
        const record = imported(onlyRecord(readDataCiteXml(original)));
        const reexported = exportXml(record);

        it('reads into a valid record', () => expect(() => validateRecordInput(onlyRecord(readDataCiteXml(original)))).to.not.throw());

        it('re-exports valid against the kernel-4.7 XSD', () => expectValid(reexported));

        it('keeps every property it had', () => {
          expect(missingProperties(readXml(original), readXml(reexported))).to.deep.equal([]);
        });

        it('keeps every property it had through datacite-json and back', () => {
          const throughJson = imported(onlyRecord(readDataCiteJson(JSON.stringify(exportJson(record)))));
          const xml = exportXml(throughJson);
          expectValid(xml);
          expect(missingProperties(readXml(original), readXml(xml))).to.deep.equal([]);
        });
      });
    }

    it('reads the full example’s details: related items, publisher and affiliation identifiers, classification codes', () => {
      const record = onlyRecord(readDataCiteXml(read(`${EXAMPLES}/datacite-example-full-v4.xml`)));
      expect(record.doi).to.equal('10.82433/B09Z-4K37');
      expect(record.publisher).to.deep.equal({
        name: 'Example Publisher',
        publisherIdentifier: 'https://ror.org/04z8jg394',
        publisherIdentifierScheme: 'ROR',
        schemeUri: 'https://ror.org/',
        lang: 'en',
      });
      expect(record.creators[1]).to.deep.equal({
        name: 'ExampleOrganization',
        nameType: 'Organizational',
        nameIdentifiers: [{ nameIdentifier: 'https://ror.org/04wxnsj81', nameIdentifierScheme: 'ROR', schemeUri: 'https://ror.org' }],
        lang: 'en',
      });
      expect(record.subjects?.[1]?.classificationCode).to.equal('461001');
      expect(record.relatedItems).to.deep.equal([
        {
          relatedItemType: 'Text',
          relationType: 'Cites',
          relationTypeInformation: 'Example relationTypeInformation',
          relatedItemIdentifier: { relatedItemIdentifier: '1234-5678', relatedItemIdentifierType: 'ISSN' },
          creators: [{ name: 'ExampleFamilyName, ExampleGivenName', nameType: 'Personal', givenName: 'ExampleGivenName', familyName: 'ExampleFamilyName' }],
          titles: [{ title: 'Example RelatedItem Title' }, { title: 'Example RelatedItem TranslatedTitle', titleType: 'TranslatedTitle' }],
          publicationYear: '1990',
          volume: '1',
          issue: '2',
          number: '1',
          numberType: 'Other',
          firstPage: '1',
          lastPage: '100',
          publisher: 'Example RelatedItem Publisher',
          edition: 'Example RelatedItem Edition',
          contributors: [
            {
              name: 'ExampleFamilyName, ExampleGivenName',
              nameType: 'Personal',
              givenName: 'ExampleGivenName',
              familyName: 'ExampleFamilyName',
              contributorType: 'Other',
            },
          ],
        },
      ]);
    });

    it('are compared strictly enough to notice a lost attribute, value or sub-element', () => {
      const original = readXml(read(`${EXAMPLES}/datacite-example-full-v4.xml`));
      const reexported = exportXml(imported(onlyRecord(readDataCiteXml(read(`${EXAMPLES}/datacite-example-full-v4.xml`)))));
      const damaged = (from: string, to: string) => {
        expect(reexported).to.include(from);
        return missingProperties(original, readXml(reexported.replace(from, to)));
      };
      expect(damaged('titleType="Subtitle" ', '')).to.deep.equal(['titles/title: <title titleType="Subtitle" xml:lang="en">Example Subtitle</title>']);
      expect(damaged('<pointLatitude>49.2827<', '<pointLatitude>49.28<')).to.have.length(1);
      expect(damaged('<awardTitle>Example AwardTitle</awardTitle>', '')).to.have.length(1);
      expect(damaged('<issue>2</issue>', '')).to.have.length(1);
    });

    it('adds only what the repository knows: its accession and the access right', () => {
      const original = readXml(read(`${EXAMPLES}/datacite-example-dataset-v4.xml`));
      const reexported = readXml(exportXml(imported(onlyRecord(readDataCiteXml(read(`${EXAMPLES}/datacite-example-dataset-v4.xml`))))));
      expect(missingProperties(reexported, original)).to.deep.equal([
        'alternateIdentifiers/alternateIdentifier: <alternateIdentifier alternateIdentifierType="Accession">FH0000001</alternateIdentifier>',
        'rightsList/rights: <rights rightsURI="http://purl.org/coar/access_right/c_abf2">open access</rights>',
      ]);
    });
  });

  describe('DataCite REST API JSON', () => {
    const documents = [
      { name: 'DataCite’s example (bare attributes, older form)', path: `${EXAMPLES}/datacite-example-dataset-v4.json` },
      { name: 'the Dryad DOI 10.5061/dryad.8515 from api.datacite.org', path: DRYAD_JSON },
    ];
    for (const { name, path } of documents) {
      describe(name, () => {
        const original = JSON.parse(read(path));
        const record = imported(onlyRecord(readDataCiteJson(original)));

        it('reads into a valid record', () => expect(() => validateRecordInput(onlyRecord(readDataCiteJson(read(path))))).to.not.throw());

        it('re-exports as XML valid against the kernel-4.7 XSD', () => expectValid(exportXml(record)));

        it('re-exports as datacite-json with every attribute the record holds', () => {
          expect(missingJson(heldAttributes(attributesOf(original)), exportJson(record))).to.deep.equal([]);
        });
      });
    }

    it('leaves out only what DataCite says about the DOI rather than the resource', () => {
      const attributes = attributesOf(JSON.parse(read(DRYAD_JSON)));
      const leftOut = Object.keys(attributes).filter((key) => key in NOT_HELD && missingJson(attributes[key], undefined).length > 0);
      expect(leftOut.sort()).to.deep.equal(
        [
          'citationCount',
          'citationsOverTime',
          'created',
          'downloadCount',
          'downloadsOverTime',
          'isActive',
          'metadataVersion',
          'partCount',
          'partOfCount',
          'prefix',
          'published',
          'referenceCount',
          'registered',
          'source',
          'state',
          'suffix',
          'updated',
          'url',
          'versionCount',
          'versionOfCount',
          'viewCount',
          'viewsOverTime',
          'xml',
        ].sort(),
      );
    });

    it('reads a single DOI, a list of DOIs and bare attributes alike', () => {
      const attributes = attributesOf(JSON.parse(read(DRYAD_JSON)));
      const single = readDataCiteJson({ data: { id: '10.5061/dryad.8515', type: 'dois', attributes } });
      const list = readDataCiteJson({ data: [{ type: 'dois', attributes }, { type: 'dois', attributes: { ...attributes, doi: '10.5061/dryad.9999' } }] });
      const bare = readDataCiteJson(attributes);
      expect(single).to.deep.equal(bare);
      expect(list.map((r) => r.doi)).to.deep.equal(['10.5061/dryad.8515', '10.5061/dryad.9999']);
    });

    it('keeps the licence as written, and reads publisher and affiliations as text or as objects', () => {
      const record = onlyRecord(readDataCiteJson(read(DRYAD_JSON)));
      expect(record.rightsList).to.deep.equal([
        {
          rights: 'Creative Commons Zero v1.0 Universal',
          rightsUri: 'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
          rightsIdentifier: 'cc0-1.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
      expect(record.publisher).to.deep.equal({ name: 'Dryad' });
      expect(record.creators[0]!.affiliation).to.deep.equal([{ name: 'Centre International de Recherches Médicales de Franceville' }]);
      const objects = onlyRecord(
        readDataCiteJson({
          ...attributesOf(JSON.parse(read(DRYAD_JSON))),
          publisher: { name: 'Dryad', publisherIdentifier: 'https://ror.org/00x6h5n95', publisherIdentifierScheme: 'ROR', schemeURI: 'https://ror.org/' },
          creators: [{ name: 'Ollomo, Benjamin', affiliation: [{ name: 'CIRMF', affiliationIdentifier: 'https://ror.org/01wyqb997', affiliationIdentifierScheme: 'ROR' }] }],
        }),
      );
      expect(objects.publisher).to.deep.equal({
        name: 'Dryad',
        publisherIdentifier: 'https://ror.org/00x6h5n95',
        publisherIdentifierScheme: 'ROR',
        schemeUri: 'https://ror.org/',
      });
      expect(objects.creators[0]!.affiliation).to.deep.equal([{ name: 'CIRMF', affiliationIdentifier: 'https://ror.org/01wyqb997', affiliationIdentifierScheme: 'ROR' }]);
    });

    it('takes the DOI from older forms, and keeps other identifiers as alternate identifiers', () => {
      const record = onlyRecord(readDataCiteJson(read(`${EXAMPLES}/datacite-example-dataset-v4.json`)));
      expect(record.doi).to.equal('10.5072/d3p26q35r-test');
      expect(record.alternateIdentifiers).to.equal(undefined);
      const withOthers = onlyRecord(
        readDataCiteJson({
          ...JSON.parse(read(`${EXAMPLES}/datacite-example-dataset-v4.json`)),
          identifiers: [
            { identifierType: 'DOI', identifier: 'https://doi.org/10.5072/D3P26Q35R-TEST' },
            { identifierType: 'Local accession number', identifier: '12345' },
          ],
          alternateIdentifiers: [{ alternateIdentifierType: 'Local accession number', alternateIdentifier: '12345' }],
        }),
      );
      expect(withOthers.alternateIdentifiers).to.deep.equal([{ alternateIdentifier: '12345', alternateIdentifierType: 'Local accession number' }]);
    });
  });

  describe('recorded DataCite XML from the wild (kernel 3 and 4, BOM, any element order)', () => {
    for (const file of readdirSync(RECORDED).filter((name) => name.endsWith('.xml')).sort()) {
      it(`${file} reads, and re-exports as valid DataCite 4.7 with every property it had`, () => {
        const original = read(`${RECORDED}/${file}`);
        const record = imported(onlyRecord(readDataCiteXml(original)));
        const reexported = exportXml(record);
        expectValid(reexported);
        expect(readXml(reexported).attributes['xsi:schemaLocation']).to.include('kernel-4.7');
        expect(missingProperties(readXml(withoutBom(original)), readXml(reexported))).to.deep.equal([]);
      });
    }

    it('reads a document that starts with a byte order mark', () => {
      expect(onlyRecord(readDataCiteXml(read(`${RECORDED}/lupo_utf-8_bom.xml`))).doi).to.equal('10.25664/art-0226');
    });

    it('reads kernel-3 elements in any order', () => {
      const record = onlyRecord(readDataCiteXml(read(`${RECORDED}/lupo_rwth_kernel-3_unordered.xml`)));
      expect(record.doi).to.equal('10.18154/RWTH-2017-08354');
      expect(record.creators).to.have.length(6);
      expect(record.creators[0]).to.deep.equal({
        name: 'Andert, Jakob',
        nameIdentifiers: [{ nameIdentifier: '0000-0002-6754-1907', nameIdentifierScheme: 'ORCID', schemeUri: 'http://orcid.org' }],
        affiliation: [{ name: 'RWTH Aachen' }],
      });
      expect(record.types).to.deep.equal({ resourceTypeGeneral: 'Text', resourceType: 'Journal article' });
      expect(record.descriptions?.map((d) => d.descriptionType)).to.deep.equal(['SeriesInformation', 'Other']);
    });

    it('keeps licences and identifiers exactly as written, a rights URI without text included', () => {
      const fhnw = onlyRecord(readDataCiteXml(read(`${RECORDED}/bolognese_by-nd-4.0_fhnw_kernel-3.xml`)));
      expect(fhnw.rightsList).to.deep.equal([{ rightsUri: 'https://creativecommons.org/licenses/by-nd/4.0/' }]);
      expect(fhnw.alternateIdentifiers?.map((a) => a.alternateIdentifierType)).to.deep.equal(['doi', 'issn', 'issn', 'uri', 'uri']);
      const dryad = onlyRecord(readDataCiteXml(read(`${RECORDED}/bolognese_multiple-rights_dryad_kernel-3.xml`)));
      expect(dryad.rightsList).to.deep.equal([
        { rights: 'info:eu-repo/semantics/openAccess' },
        { rights: 'Open Access', rightsUri: 'info:eu-repo/semantics/openAccess' },
      ]);
    });

    it('trims the padding around values, and keeps identifiers in the form given', () => {
      const record = onlyRecord(readDataCiteXml(read(`${RECORDED}/bolognese_ROR-nameIdentifiers_kernel-4.xml`)));
      expect(record.creators[0]!.affiliation?.[0]).to.deep.equal({
        name: 'Metadata Game Changers',
        affiliationIdentifier: '05bp8ka77',
        affiliationIdentifierScheme: 'ROR',
      });
      expect(record.creators[8]!.nameIdentifiers).to.deep.equal([{ nameIdentifier: '0000-0001-9998-0118', nameIdentifierScheme: 'ORCID' }]);
      expect(record.relatedIdentifiers?.[0]?.relatedIdentifier).to.equal('https://dmptool.org/api/v2/plans/74309.pdf');
    });
  });

  describe('the XML reader', () => {
    const resource = (body: string, root = '<resource xmlns="http://datacite.org/schema/kernel-4">') =>
      `<?xml version="1.0" encoding="UTF-8"?>\n${root}
        <identifier identifierType="DOI">10.1234/abc</identifier>
        <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
        <titles><title>A title</title></titles>
        <publisher>Example</publisher>
        <publicationYear>2020</publicationYear>
        <resourceType resourceTypeGeneral="Dataset"/>
        ${body}
      </${root.slice(1, root.indexOf(' '))}>`;

    it('matches elements by namespace whatever their prefix, and skips elements of other vocabularies', () => {
      const xml = `<dc:resource xmlns:dc="http://datacite.org/schema/kernel-4" xmlns:dim="http://www.dspace.org/xmlns/dspace/dim">
        <dc:identifier identifierType="DOI">10.1234/abc</dc:identifier>
        <dc:creators><dc:creator><dc:creatorName>Doe, Jane</dc:creatorName><dim:field>ignored</dim:field></dc:creator></dc:creators>
        <dc:titles><dc:title xml:lang="en">A title</dc:title></dc:titles>
        <dim:titles><dim:title>Not DataCite</dim:title></dim:titles>
        <dc:publisher>Example</dc:publisher><dc:publicationYear>2020</dc:publicationYear>
        <dc:resourceType resourceTypeGeneral="Dataset">Table</dc:resourceType>
      </dc:resource>`;
      const record = onlyRecord(readDataCiteXml(xml));
      expect(record.titles).to.deep.equal([{ title: 'A title', lang: 'en' }]);
      expect(record.creators).to.deep.equal([{ name: 'Doe, Jane' }]);
    });

    it('reads every resource of an OAI-PMH response', () => {
      const one = (doi: string) =>
        `<record><metadata>${resource('').replace('<?xml version="1.0" encoding="UTF-8"?>\n', '').replace('10.1234/abc', doi)}</metadata></record>`;
      const xml = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>${one('10.1234/a')}${one('10.1234/b')}</ListRecords></OAI-PMH>`;
      expect(readDataCiteXml(xml).map((r) => r.doi)).to.deep.equal(['10.1234/a', '10.1234/b']);
    });

    it('reads kernel-3 points and boxes written as text, and line breaks in descriptions', () => {
      const xml = resource(
        `<geoLocations><geoLocation><geoLocationPoint>31.233 -67.302</geoLocationPoint><geoLocationBox>41.090 -71.032 42.893 -68.211</geoLocationBox></geoLocation></geoLocations>
         <descriptions><description descriptionType="Abstract">First line<br/>second line</description></descriptions>`,
        '<resource xmlns="http://datacite.org/schema/kernel-3">',
      );
      const record = onlyRecord(readDataCiteXml(xml));
      expect(record.geoLocations).to.deep.equal([
        {
          geoLocationPoint: { pointLongitude: -67.302, pointLatitude: 31.233 },
          geoLocationBox: { westBoundLongitude: -71.032, eastBoundLongitude: -68.211, southBoundLatitude: 41.09, northBoundLatitude: 42.893 },
        },
      ]);
      expect(record.descriptions).to.deep.equal([{ description: 'First line\nsecond line', descriptionType: 'Abstract' }]);
    });

    it('makes a kernel-3 Funder contributor a funding reference', () => {
      const xml = resource(
        `<contributors><contributor contributorType="Funder"><contributorName>European Commission</contributorName>
           <nameIdentifier nameIdentifierScheme="Crossref Funder ID">https://doi.org/10.13039/501100000780</nameIdentifier></contributor>
         <contributor contributorType="Editor"><contributorName>Roe, Richard</contributorName></contributor></contributors>`,
        '<resource xmlns="http://datacite.org/schema/kernel-3">',
      );
      const record = onlyRecord(readDataCiteXml(xml));
      expect(record.contributors).to.deep.equal([{ name: 'Roe, Richard', contributorType: 'Editor' }]);
      expect(record.fundingReferences).to.deep.equal([
        { funderName: 'European Commission', funderIdentifier: 'https://doi.org/10.13039/501100000780', funderIdentifierType: 'Crossref Funder ID' },
      ]);
    });

    it('gives a geoLocation’s second point a geoLocation of its own', () => {
      const point = (lat: number, lon: number) => `<geoLocationPoint><pointLatitude>${lat}</pointLatitude><pointLongitude>${lon}</pointLongitude></geoLocationPoint>`;
      const xml = resource(`<geoLocations><geoLocation><geoLocationPlace>Two sites</geoLocationPlace>${point(1, 2)}${point(3, 4)}</geoLocation></geoLocations>`);
      const record = onlyRecord(readDataCiteXml(xml));
      expect(record.geoLocations).to.deep.equal([
        { geoLocationPlace: 'Two sites', geoLocationPoint: { pointLongitude: 2, pointLatitude: 1 } },
        { geoLocationPoint: { pointLongitude: 4, pointLatitude: 3 } },
      ]);
    });

    it('skips empty elements, which state nothing', () => {
      const record = onlyRecord(readDataCiteXml(resource('<rightsList><rights/></rightsList><geoLocations><geoLocation/></geoLocations><subjects><subject> </subject></subjects>')));
      expect(record).to.not.have.any.keys('rightsList', 'geoLocations', 'subjects');
    });

    it('keeps an identifier other than a DOI as an alternate identifier', () => {
      const xml = resource('').replace('identifierType="DOI">10.1234/abc<', 'identifierType="URL">https://example.org/1<');
      const record = onlyRecord(readDataCiteXml(xml));
      expect(record.doi).to.equal(undefined);
      expect(record.alternateIdentifiers).to.deep.equal([{ alternateIdentifier: 'https://example.org/1', alternateIdentifierType: 'URL' }]);
    });

    describe('refuses, naming the element at fault,', () => {
      it('a document that is not XML', () => {
        expectFailure(() => readDataCiteXml('<resource><titles></resource>'), 'bad_request', /not well-formed XML \(line 1/);
      });

      it('a document without a DataCite resource', () => {
        const error = expectFailure(() => readDataCiteXml('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"/>'), 'invalid_record', /no DataCite <resource>/);
        expect(error.field).to.equal('resource');
      });

      it('a creator without a name', () => {
        const xml = resource('').replace('</creator></creators>', '</creator><creator><givenName>Jo</givenName></creator></creators>');
        const error = expectFailure(() => readDataCiteXml(xml), 'invalid_record', /^resource\/creators\/creator\[2\]: <creatorName> is missing/);
        expect(error.field).to.equal('resource/creators/creator[2]');
      });

      it('a publication year that is not a year', () => {
        expectFailure(() => readDataCiteXml(resource('').replace('>2020<', '>soon<')), 'invalid_record', /^resource\/publicationYear: "soon" is not a four-digit year/);
      });

      it('a resource type without its general type', () => {
        expectFailure(() => readDataCiteXml(resource('').replace(' resourceTypeGeneral="Dataset"', '')), 'invalid_record', /resourceTypeGeneral/);
      });

      it('a coordinate that is not a number', () => {
        const point = '<geoLocationPoint><pointLatitude>north</pointLatitude><pointLongitude>1</pointLongitude></geoLocationPoint>';
        const xml = resource(`<geoLocations><geoLocation>${point}</geoLocation></geoLocations>`);
        expectFailure(() => readDataCiteXml(xml), 'invalid_record', /^resource\/geoLocations\/geoLocation\/geoLocationPoint\/pointLatitude: "north" is not a number/);
      });

      it('a DOI that is not one', () => {
        expectFailure(() => readDataCiteXml(resource('').replace('10.1234/abc', 'not-a-doi')), 'invalid_record', /^resource\/identifier: "not-a-doi" is not a DOI/);
      });
    });
  });

  describe('the JSON reader refuses, naming the field at fault,', () => {
    const attributes = () => attributesOf(JSON.parse(read(DRYAD_JSON)));

    it('text that is not JSON', () => {
      expectFailure(() => readDataCiteJson('{"data": '), 'bad_request', /^not JSON/);
    });

    it('JSON that holds no DataCite record', () => {
      expectFailure(() => readDataCiteJson({ errors: [{ status: '404' }] }), 'invalid_record', /no DataCite attributes/);
    });

    it('a creator without a name, in the second DOI of a list', () => {
      const second = { ...attributes(), creators: [{ givenName: 'Jo' }] };
      const error = expectFailure(() => readDataCiteJson({ data: [{ attributes: attributes() }, { attributes: second }] }), 'invalid_record', /is missing or empty/);
      expect(error.field).to.equal('data[1].attributes.creators[0].name');
    });

    it('a publication year that is not a year', () => {
      const error = expectFailure(() => readDataCiteJson({ ...attributes(), publicationYear: '2011-02' }), 'invalid_record', /not a four-digit year/);
      expect(error.field).to.equal('publicationYear');
    });

    it('a relation without its type', () => {
      const error = expectFailure(
        () => readDataCiteJson({ data: { attributes: { ...attributes(), relatedIdentifiers: [{ relatedIdentifier: '10.1/x', relatedIdentifierType: 'DOI' }] } } }),
        'invalid_record',
        /relationType: is missing/,
      );
      expect(error.field).to.equal('data.attributes.relatedIdentifiers[0].relationType');
    });
  });
});
