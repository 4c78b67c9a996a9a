import { expect } from 'chai';
import { dataCiteResource, dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { asDocument } from '../../src/formats/xml.js';
import type { FairRecord } from '../../src/model/schema.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, demoRecord, demoRecords, findAll, findOne, fullRecord, minimalRecord, readXml, textsOf, type XmlElement } from './render-fixtures.js';

const render = (record: FairRecord) => asDocument(dataCiteXmlFormat.oai!.render(record, CONTEXT));
const resourceOf = (record: FairRecord) => readXml(render(record));

function expectValid(xml: string): void {
  const check = validateXml(xml, SCHEMA.dataCite);
  expect(check.valid, check.errors).to.equal(true);
}

const accessRightsOf = (resource: XmlElement) =>
  findAll(resource, 'rights').filter((r) => r.attributes.rightsURI?.startsWith('http://purl.org/coar/access_right/'));

describe('DataCite XML (kernel-4.7)', () => {
  describe('every demo record', () => {
    for (const { file, record } of demoRecords()) {
      it(`${file} is valid against the DataCite 4.7 XSD`, () => expectValid(render(record)));
    }
  });

  describe('the format', () => {
    it('is registered under the DataCite media type and OAI prefix', () => {
      expect(dataCiteXmlFormat.name).to.equal('datacite-xml');
      expect(dataCiteXmlFormat.mediaTypes).to.deep.equal(['application/vnd.datacite.datacite+xml']);
      expect(dataCiteXmlFormat.oai?.metadataPrefix).to.equal('datacite');
      expect(dataCiteXmlFormat.oai?.metadataNamespace).to.equal('http://datacite.org/schema/kernel-4');
      expect(dataCiteXmlFormat.oai?.schema).to.equal('https://schema.datacite.org/meta/kernel-4.7/metadata.xsd');
    });

    it('renders a document with a declaration, and the OAI metadata as the bare resource element', async () => {
      const record = minimalRecord();
      expect(await dataCiteXmlFormat.render(record, CONTEXT)).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<resource /);
      const fragment = dataCiteXmlFormat.oai!.render(record, CONTEXT);
      expect(fragment).to.equal(dataCiteResource(record, CONTEXT));
      expect(fragment).to.match(/^<resource xmlns="http:\/\/datacite.org\/schema\/kernel-4" /);
      expect(readXml(fragment).attributes['xsi:schemaLocation']).to.equal(
        'http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4.7/metadata.xsd',
      );
    });
  });

  describe('identifiers', () => {
    it('uses the DOI as identifier when the record has one', () => {
      const identifier = findOne(resourceOf(demoRecord('01-')), 'identifier');
      expect(identifier.attributes.identifierType).to.equal('DOI');
      expect(identifier.text).to.equal('10.5061/dryad.8515');
    });

    it('falls back to the landing page URL, and still lists the accession, when there is no DOI', () => {
      const record = demoRecord('02-');
      const resource = resourceOf(record);
      const identifier = findOne(resource, 'identifier');
      expect(identifier.attributes.identifierType).to.equal('URL');
      expect(identifier.text).to.equal(`https://data.example.org/records/${record.accession}`);
      expect(findAll(resource, 'alternateIdentifier').map((a) => [a.attributes.alternateIdentifierType, a.text])).to.deep.equal([
        ['BioStudies accession', 'S-BIAD15'],
        ['Accession', record.accession],
      ]);
    });

    it('lists the accession and the CSTR as alternate identifiers after the record’s own', () => {
      const record = fullRecord();
      const alternates = findAll(resourceOf(record), 'alternateIdentifier').map((a) => [a.attributes.alternateIdentifierType, a.text]);
      expect(alternates).to.deep.equal([
        ['GEO accession', 'GSE000001'],
        ['Accession', 'FH0000042'],
        ['CSTR', '31253.11.full.1'],
      ]);
      expect(findAll(resourceOf(record), 'relatedIdentifier').map((r) => r.attributes.relatedIdentifierType)).to.not.include('CSTR');
    });
  });

  describe('the source of an imported record', () => {
    const imported = (originalIdentifier: string, doi?: string) =>
      minimalRecord({ ...(doi ? { doi } : {}), source: { repository: 'Elsewhere', originalIdentifier } });
    const identicalTo = (record: FairRecord) =>
      findAll(resourceOf(record), 'relatedIdentifier')
        .filter((r) => r.attributes.relationType === 'IsIdenticalTo')
        .map((r) => [r.attributes.relatedIdentifierType, r.text]);

    it('is IsIdenticalTo its original DOI, in any accepted DOI form', () => {
      expect(identicalTo(imported('10.9999/origin.7'))).to.deep.equal([['DOI', '10.9999/origin.7']]);
      expect(identicalTo(imported('doi:10.9999/origin.7'))).to.deep.equal([['DOI', '10.9999/origin.7']]);
      expect(identicalTo(imported('https://doi.org/10.9999/origin.7', '10.12345/here.1'))).to.deep.equal([['DOI', '10.9999/origin.7']]);
      expectValid(render(imported('10.9999/origin.7')));
    });

    it('is IsIdenticalTo its original URL', () => {
      expect(identicalTo(imported('https://repo.example.org/study/7'))).to.deep.equal([['URL', 'https://repo.example.org/study/7']]);
    });

    it('adds no relation when the original identifier is the record’s own DOI or resolves nowhere', () => {
      expect(identicalTo(demoRecord('01-'))).to.deep.equal([]);
      expect(identicalTo(demoRecord('03-'))).to.deep.equal([]);
      expect(identicalTo(imported('S-BIAD15'))).to.deep.equal([]);
    });

    it('keeps the record’s own relations first', () => {
      const record = { ...imported('10.9999/origin.7'), relatedIdentifiers: [{ relatedIdentifier: '10.1/x', relatedIdentifierType: 'DOI', relationType: 'Cites' }] };
      expect(findAll(resourceOf(record), 'relatedIdentifier').map((r) => r.attributes.relationType)).to.deep.equal(['Cites', 'IsIdenticalTo']);
    });
  });

  describe('text that is not XML-safe', () => {
    const hostile = 'Tonsil \u0001imaging\uFFFF <script>alert(1)</script> & "quotes" &nbsp; &amp; &#1;';

    it('is escaped or dropped, and the document stays well-formed and valid', () => {
      const xml = render(minimalRecord({ titles: [{ title: hostile }], descriptions: [{ description: hostile, descriptionType: 'Abstract' }] }));
      expectValid(xml);
      expect(xml).to.not.include('<script>');
      expect(xml).to.not.match(/[\u0001\uFFFF]/);
      expect(xml).to.include('&lt;script&gt;');
      const resource = readXml(xml);
      const expected = 'Tonsil imaging <script>alert(1)</script> & "quotes" &nbsp; &amp; &#1;';
      expect(textsOf(resource, 'title')).to.deep.equal([expected]);
      expect(textsOf(resource, 'description')).to.deep.equal([expected]);
    });

    it('is escaped in attribute values too', () => {
      const record = minimalRecord({ dates: [{ date: '2025', dateType: 'Other', dateInformation: 'a "quoted" <b> & &lt; \u0002' }] });
      const xml = render(record);
      expectValid(xml);
      expect(findOne(readXml(xml), 'date').attributes.dateInformation).to.equal('a "quoted" <b> & &lt; ');
    });
  });

  describe('a record with every optional field', () => {
    const record = fullRecord();
    const xml = render(record);
    const resource = readXml(xml);

    it('is valid', () => expectValid(xml));

    it('writes the properties in the order the XSD documents them', () => {
      expect(resource.children.map((c) => c.name)).to.deep.equal([
        'identifier',
        'creators',
        'titles',
        'publisher',
        'publicationYear',
        'resourceType',
        'subjects',
        'contributors',
        'dates',
        'language',
        'alternateIdentifiers',
        'relatedIdentifiers',
        'sizes',
        'formats',
        'version',
        'rightsList',
        'descriptions',
        'geoLocations',
        'fundingReferences',
      ]);
    });

    it('keeps names with their identifiers and affiliations', () => {
      const creator = findAll(resource, 'creator')[0]!;
      expect(creator.children.map((c) => c.name)).to.deep.equal(['creatorName', 'givenName', 'familyName', 'nameIdentifier', 'affiliation']);
      expect(findOne(creator, 'creatorName').attributes).to.deep.equal({ nameType: 'Personal', 'xml:lang': 'en' });
      expect(findOne(creator, 'nameIdentifier').attributes).to.deep.equal({ nameIdentifierScheme: 'ORCID', schemeURI: 'https://orcid.org' });
      expect(findOne(creator, 'affiliation').attributes).to.deep.equal({
        affiliationIdentifier: 'https://ror.org/013q1eq08',
        affiliationIdentifierScheme: 'ROR',
        schemeURI: 'https://ror.org',
      });
      const contributor = findOne(resource, 'contributor');
      expect(contributor.attributes.contributorType).to.equal('DataCurator');
      expect(findOne(contributor, 'contributorName').text).to.equal('Zhang, Mei');
    });

    it('writes titles, publisher, year and type with their attributes', () => {
      expect(findAll(resource, 'title').map((t) => t.attributes)).to.deep.equal([{ 'xml:lang': 'en' }, { titleType: 'AlternativeTitle', 'xml:lang': 'en' }]);
      const publisher = findOne(resource, 'publisher');
      expect(publisher.text).to.equal('Example Data Centre');
      expect(publisher.attributes).to.deep.equal({
        publisherIdentifier: 'https://ror.org/04wxnsj81',
        publisherIdentifierScheme: 'ROR',
        schemeURI: 'https://ror.org/',
        'xml:lang': 'en',
      });
      expect(findOne(resource, 'publicationYear').text).to.equal('2025');
      const resourceType = findOne(resource, 'resourceType');
      expect([resourceType.attributes.resourceTypeGeneral, resourceType.text]).to.deep.equal(['Dataset', 'Single-cell RNA-seq']);
    });

    it('writes subjects, dates, language and related identifiers with their attributes', () => {
      expect(findOne(resource, 'subject').attributes).to.deep.equal({
        subjectScheme: 'UBERON',
        schemeURI: 'http://purl.obolibrary.org/obo/uberon.owl',
        valueURI: 'http://purl.obolibrary.org/obo/UBERON_0000966',
        classificationCode: 'UBERON:0000966',
        'xml:lang': 'en',
      });
      expect(findAll(resource, 'date').map((d) => [d.attributes.dateType, d.text, d.attributes.dateInformation])).to.deep.equal([
        ['Collected', '2024-03/2024-09', 'Sampling at 3, 5 and 7 dpf'],
        ['Issued', '2025-01-15', undefined],
        ['Available', '2025-02-01', undefined],
      ]);
      expect(findOne(resource, 'language').text).to.equal('en-GB');
      const [article, schema, original] = findAll(resource, 'relatedIdentifier');
      expect(article!.attributes).to.deep.equal({
        relatedIdentifierType: 'DOI',
        relationType: 'IsDescribedBy',
        relationTypeInformation: 'Main article',
        resourceTypeGeneral: 'JournalArticle',
      });
      expect(schema!.attributes).to.include({ relatedMetadataScheme: 'Example schema', schemeURI: 'https://example.org/schema', schemeType: 'JSON Schema' });
      expect([original!.attributes.relationType, original!.text]).to.deep.equal([
        'IsIdenticalTo',
        'https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE000001',
      ]);
    });

    it('writes sizes, formats, version, rights and descriptions', () => {
      expect(textsOf(resource, 'size')).to.deep.equal(['12 GB']);
      expect(textsOf(resource, 'format')).to.deep.equal(['application/x-hdf5']);
      expect(findOne(resource, 'version').text).to.equal('1.2');
      expect(findAll(resource, 'rights')[0]!.attributes).to.deep.equal({
        rightsURI: 'https://creativecommons.org/licenses/by/4.0/legalcode',
        rightsIdentifier: 'CC-BY-4.0',
        rightsIdentifierScheme: 'SPDX',
        schemeURI: 'https://spdx.org/licenses/',
        'xml:lang': 'en',
      });
      expect(findAll(resource, 'description').map((d) => d.attributes)).to.deep.equal([
        { descriptionType: 'Abstract', 'xml:lang': 'en' },
        { descriptionType: 'Methods' },
      ]);
    });

    it('writes point, box and polygon of a geolocation', () => {
      const geoLocation = findOne(resource, 'geoLocation');
      expect(geoLocation.children.map((c) => c.name)).to.deep.equal(['geoLocationPlace', 'geoLocationPoint', 'geoLocationBox', 'geoLocationPolygon']);
      expect(textsOf(findOne(geoLocation, 'geoLocationPoint'), 'pointLongitude')).to.deep.equal(['121.47']);
      expect(findOne(geoLocation, 'geoLocationBox').children.map((c) => [c.name, c.text])).to.deep.equal([
        ['westBoundLongitude', '120.85'],
        ['eastBoundLongitude', '122.2'],
        ['southBoundLatitude', '30.67'],
        ['northBoundLatitude', '31.88'],
      ]);
      const polygon = findOne(geoLocation, 'geoLocationPolygon');
      expect(polygon.children.map((c) => c.name)).to.deep.equal(['polygonPoint', 'polygonPoint', 'polygonPoint', 'polygonPoint', 'inPolygonPoint']);
      expect(textsOf(findOne(polygon, 'inPolygonPoint'), 'pointLatitude')).to.deep.equal(['31.3']);
    });

    it('writes a funding reference with its identifier type and award URI', () => {
      const funding = findOne(resource, 'fundingReference');
      expect(funding.children.map((c) => [c.name, c.text, c.attributes])).to.deep.equal([
        ['funderName', 'National Natural Science Foundation of China', {}],
        ['funderIdentifier', 'https://ror.org/01h0zpd94', { funderIdentifierType: 'ROR', schemeURI: 'https://ror.org/' }],
        ['awardNumber', '32000001', { awardURI: 'https://example.org/awards/32000001' }],
        ['awardTitle', 'Retinal development at single-cell resolution', {}],
      ]);
    });
  });

  describe('optional and incomplete content', () => {
    it('writes no empty wrapper for absent or empty lists', () => {
      const resource = resourceOf(minimalRecord({ subjects: [], contributors: [], sizes: [] }));
      expect(resource.children.map((c) => c.name)).to.deep.equal([
        'identifier',
        'creators',
        'titles',
        'publisher',
        'publicationYear',
        'resourceType',
        'alternateIdentifiers',
        'rightsList',
      ]);
      expect(findOne(resource, 'resourceType').text).to.equal('');
    });

    it('leaves out a polygon of fewer than four points, and a geolocation left with nothing', () => {
      const triangle = [
        { polygonPoint: { pointLongitude: 1, pointLatitude: 1 } },
        { polygonPoint: { pointLongitude: 2, pointLatitude: 1 } },
        { polygonPoint: { pointLongitude: 1, pointLatitude: 1 } },
      ];
      const withPlace = resourceOf(minimalRecord({ geoLocations: [{ geoLocationPlace: 'Somewhere', geoLocationPolygon: triangle }] }));
      expect(findOne(withPlace, 'geoLocation').children.map((c) => c.name)).to.deep.equal(['geoLocationPlace']);
      const record = minimalRecord({ geoLocations: [{ geoLocationPolygon: triangle }] });
      expect(findAll(resourceOf(record), 'geoLocations')).to.have.length(0);
      expectValid(render(record));
    });

    it('names the funder identifier type "Other" when the record does not give one', () => {
      const record = minimalRecord({ fundingReferences: [{ funderName: 'A foundation', funderIdentifier: 'AF-1' }] });
      expect(findOne(resourceOf(record), 'funderIdentifier').attributes.funderIdentifierType).to.equal('Other');
      expectValid(render(record));
    });
  });

  describe('dates the repository knows', () => {
    it('adds the release date as the Available date', () => {
      const dates = findAll(resourceOf(demoRecord('10-')), 'date').map((d) => [d.attributes.dateType, d.text]);
      expect(dates).to.deep.include(['Available', '2027-03-01']);
    });

    it('keeps an Available date the record already has', () => {
      const record = minimalRecord({
        dates: [{ date: '2027-06-30', dateType: 'Available' }],
        access: { level: 'public', releaseDate: '2026-01-01' },
      });
      expect(findAll(resourceOf(record), 'date').map((d) => [d.attributes.dateType, d.text])).to.deep.equal([['Available', '2027-06-30']]);
    });

    it('adds the withdrawal date of a tombstone', () => {
      const record = minimalRecord({ status: 'withdrawn', tombstone: { reason: 'Consent revoked', date: '2026-08-01T10:00:00Z' } });
      expect(findAll(resourceOf(record), 'date').map((d) => [d.attributes.dateType, d.text])).to.deep.equal([['Withdrawn', '2026-08-01']]);
    });
  });

  describe('the COAR access right', () => {
    const accessRight = (record: FairRecord) => accessRightsOf(resourceOf(record)).map((r) => [r.text, r.attributes.rightsURI]);

    it('is restricted access for controlled and registered records', () => {
      expect(accessRight(demoRecord('07-'))).to.deep.equal([['restricted access', 'http://purl.org/coar/access_right/c_16ec']]);
      expect(accessRight(demoRecord('06-'))).to.deep.equal([['restricted access', 'http://purl.org/coar/access_right/c_16ec']]);
    });

    it('is embargoed access for a record with an embargo end date', () => {
      expect(accessRight(demoRecord('09-'))).to.deep.equal([['embargoed access', 'http://purl.org/coar/access_right/c_f1cf']]);
    });

    it('is open access for a public record, after its licence', () => {
      const rights = findAll(resourceOf(demoRecord('13-')), 'rights').map((r) => r.text);
      expect(rights).to.deep.equal(['Creative Commons Zero v1.0 Universal', 'open access']);
    });

    it('is metadata only access for a private record', () => {
      expect(accessRight(demoRecord('11-'))).to.deep.equal([['metadata only access', 'http://purl.org/coar/access_right/c_14cb']]);
    });

    it('replaces an access right carried in the record’s own rights', () => {
      const record = minimalRecord({
        rightsList: [{ rights: 'open access', rightsUri: 'http://purl.org/coar/access_right/c_abf2' }],
        access: { level: 'controlled' },
      });
      expect(accessRight(record)).to.deep.equal([['restricted access', 'http://purl.org/coar/access_right/c_16ec']]);
    });

    it('appears exactly once in every demo record', () => {
      for (const { file, record } of demoRecords()) {
        expect(accessRightsOf(resourceOf(record)), file).to.have.length(1);
      }
    });
  });
});
