import { expect } from 'chai';
import { dataCiteAttributes, dataCiteJsonFormat } from '../../src/formats/datacite-json.js';
import { dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { formatByName, negotiableFormats } from '../../src/formats/registry.js';
import { asDocument } from '../../src/formats/xml.js';
import type { FairRecord } from '../../src/model/schema.js';
import { dataCiteVocabulary } from '../../src/model/vocab.js';
import { tombstoneView } from '../../src/services/record-service.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, demoRecord, demoRecords, findAll, fullRecord, minimalRecord, readXml, type XmlElement } from './render-fixtures.js';

type Attributes = Record<string, any>;

const attributesOf = (record: FairRecord): Attributes => dataCiteAttributes(record, CONTEXT);
const rendered = async (record: FairRecord) => JSON.parse(await dataCiteJsonFormat.render(record, CONTEXT)) as Attributes;
const xmlOf = (record: FairRecord) => readXml(asDocument(dataCiteXmlFormat.oai!.render(record, CONTEXT)));

/** Demo record 12 as the formats receive it once withdrawn: reduced to its tombstone. */
function withdrawnRecord(): FairRecord {
  return tombstoneView({
    ...demoRecord('12-'),
    status: 'withdrawn',
    tombstone: { reason: 'Consent for one donor was withdrawn.', date: '2026-06-01T09:00:00.000Z' },
  });
}

const XML_ATTRIBUTE_NAMES: Record<string, string> = { rightsURI: 'rightsUri', schemeURI: 'schemeUri', 'xml:lang': 'lang' };
const asJsonNames = (element: XmlElement) =>
  Object.fromEntries(Object.entries(element.attributes).map(([name, value]) => [XML_ATTRIBUTE_NAMES[name] ?? name, value]));

describe('DataCite JSON (REST API attributes)', () => {
  describe('the format', () => {
    it('is registered under the DataCite JSON media type, and negotiable', () => {
      expect(formatByName('datacite-json')).to.equal(dataCiteJsonFormat);
      expect(dataCiteJsonFormat.mediaTypes).to.deep.equal(['application/vnd.datacite.datacite+json']);
      expect(dataCiteJsonFormat.contentType).to.equal('application/vnd.datacite.datacite+json');
      expect(dataCiteJsonFormat.extension).to.equal('json');
      expect(dataCiteJsonFormat.oai).to.equal(undefined);
      expect(negotiableFormats()).to.include(dataCiteJsonFormat);
    });

    it('is the attributes object itself, as pretty and deterministic JSON', async () => {
      const record = fullRecord();
      const text = await dataCiteJsonFormat.render(record, CONTEXT);
      expect(text).to.match(/^\{\n {2}"doi": "10\.12345\/full\.1",\n/);
      expect(await dataCiteJsonFormat.render(fullRecord(), CONTEXT)).to.equal(text);
      expect(JSON.parse(text)).to.not.have.any.keys('data', 'id', 'type', 'attributes');
    });

    it('writes the attributes in DataCite’s order, every list present even when empty', async () => {
      expect(Object.keys(await rendered(fullRecord()))).to.deep.equal([
        'doi',
        'identifiers',
        'creators',
        'titles',
        'publisher',
        'publicationYear',
        'subjects',
        'contributors',
        'dates',
        'language',
        'types',
        'relatedIdentifiers',
        'relatedItems',
        'sizes',
        'formats',
        'version',
        'rightsList',
        'descriptions',
        'geoLocations',
        'fundingReferences',
        'url',
        'schemaVersion',
        'state',
      ]);
      const minimal = await rendered(minimalRecord());
      expect(minimal).to.not.have.any.keys('doi', 'language', 'version', 'container');
      for (const list of ['subjects', 'contributors', 'relatedItems', 'sizes', 'formats', 'descriptions', 'geoLocations', 'fundingReferences']) {
        expect(minimal[list], list).to.deep.equal([]);
      }
    });
  });

  describe('a record with every optional field', () => {
    const attributes = attributesOf(fullRecord());

    it('names the DOI, the landing page, the schema and the state as DataCite does', () => {
      expect(attributes.doi).to.equal('10.12345/full.1');
      expect(attributes.url).to.equal('https://data.example.org/records/FH0000042');
      expect(attributes.schemaVersion).to.equal('http://datacite.org/schema/kernel-4');
      expect(attributes.state).to.equal('findable');
      expect(attributes.publicationYear).to.equal(2025);
    });

    it('lists the record’s own identifiers, then its accession and CSTR, as identifiers', () => {
      expect(attributes.identifiers).to.deep.equal([
        { identifier: 'GSE000001', identifierType: 'GEO accession' },
        { identifier: 'FH0000042', identifierType: 'Accession' },
        { identifier: '31253.11.full.1', identifierType: 'CSTR' },
      ]);
    });

    it('gives the publisher and affiliations in object form, and every person identifier and affiliation lists', () => {
      expect(attributes.publisher).to.deep.equal({
        name: 'Example Data Centre',
        publisherIdentifier: 'https://ror.org/04wxnsj81',
        publisherIdentifierScheme: 'ROR',
        schemeUri: 'https://ror.org/',
        lang: 'en',
      });
      expect(attributes.creators[0].affiliation[0]).to.include({ name: 'Fudan University', affiliationIdentifier: 'https://ror.org/013q1eq08' });
      expect(attributes.creators[1]).to.deep.equal({ name: 'Retina Consortium', nameType: 'Organizational', nameIdentifiers: [], affiliation: [] });
      expect(attributes.contributors[0].contributorType).to.equal('DataCurator');
    });

    it('adds the release date as Available and the source as IsIdenticalTo, as the XML does', () => {
      expect(attributes.dates.map((d: Attributes) => d.dateType)).to.deep.equal(['Collected', 'Issued', 'Available']);
      expect(attributes.dates[2]).to.deep.equal({ date: '2025-02-01', dateType: 'Available' });
      expect(attributes.relatedIdentifiers.at(-1)).to.deep.equal({
        relatedIdentifier: 'https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE000001',
        relatedIdentifierType: 'URL',
        relationType: 'IsIdenticalTo',
      });
    });

    it('ends the rights with the COAR access right', () => {
      expect(attributes.rightsList.at(-1)).to.deep.equal({ rights: 'open access', rightsUri: 'http://purl.org/coar/access_right/c_abf2' });
    });

    it('keeps the types the record states', () => {
      expect(attributes.types).to.deep.equal({
        resourceTypeGeneral: 'Dataset',
        resourceType: 'Single-cell RNA-seq',
        schemaOrg: 'Dataset',
        citeproc: 'dataset',
        bibtex: 'misc',
        ris: 'DATA',
      });
    });
  });

  describe('types', () => {
    const typesOf = (types: FairRecord['types']) => attributesOf(minimalRecord({ types })).types;

    it('are filled from resourceTypeGeneral as DataCite fills them', () => {
      expect(typesOf({ resourceTypeGeneral: 'Dataset' })).to.deep.equal({ resourceTypeGeneral: 'Dataset', schemaOrg: 'Dataset', citeproc: 'dataset', bibtex: 'misc', ris: 'DATA' });
      expect(typesOf({ resourceTypeGeneral: 'JournalArticle', resourceType: 'Article' })).to.deep.equal({
        resourceTypeGeneral: 'JournalArticle',
        resourceType: 'Article',
        schemaOrg: 'ScholarlyArticle',
        citeproc: 'article-journal',
        bibtex: 'article',
        ris: 'JOUR',
      });
      expect(typesOf({ resourceTypeGeneral: 'Software' })).to.include({ schemaOrg: 'SoftwareSourceCode', ris: 'COMP' });
      expect(typesOf({ resourceTypeGeneral: 'Presentation' })).to.include({ schemaOrg: 'CreativeWork', citeproc: 'article', bibtex: 'misc', ris: 'GEN' });
    });

    it('are known for every DataCite 4.7 resourceTypeGeneral', () => {
      for (const resourceTypeGeneral of dataCiteVocabulary.resourceTypeGeneral) {
        const types = typesOf({ resourceTypeGeneral });
        expect(Object.keys(types), resourceTypeGeneral).to.include.members(['schemaOrg', 'citeproc', 'bibtex', 'ris']);
      }
    });
  });

  describe('licences', () => {
    const rightsFor = (rights: NonNullable<FairRecord['rightsList']>[number]) => attributesOf(minimalRecord({ rightsList: [rights] })).rightsList[0];

    it('are completed from SPDX by id, as DataCite expands them', () => {
      expect(rightsFor({ rightsIdentifier: 'CC-BY-4.0' })).to.deep.equal({
        rights: 'Creative Commons Attribution 4.0 International',
        rightsUri: 'https://creativecommons.org/licenses/by/4.0/legalcode',
        rightsIdentifier: 'CC-BY-4.0',
        rightsIdentifierScheme: 'SPDX',
        schemeUri: 'https://spdx.org/licenses/',
      });
    });

    it('are completed from SPDX by the licence URL in any of its usual spellings', () => {
      expect(rightsFor({ rightsUri: 'http://creativecommons.org/licenses/by-nd/4.0/' })).to.deep.equal({
        rights: 'Creative Commons Attribution No Derivatives 4.0 International',
        rightsUri: 'http://creativecommons.org/licenses/by-nd/4.0/',
        rightsIdentifier: 'CC-BY-ND-4.0',
        rightsIdentifierScheme: 'SPDX',
        schemeUri: 'https://spdx.org/licenses/',
      });
      expect(rightsFor({ rightsUri: 'https://spdx.org/licenses/CC0-1.0.html' }).rightsIdentifier).to.equal('CC0-1.0');
    });

    it('keep what the record states, word for word', () => {
      const stated = { rights: 'CC0', rightsUri: 'https://creativecommons.org/publicdomain/zero/1.0/', rightsIdentifier: 'cc0-1.0', lang: 'en' };
      expect(rightsFor(stated)).to.deep.equal({ ...stated, rightsIdentifierScheme: 'SPDX', schemeUri: 'https://spdx.org/licenses/' });
    });

    it('are left alone when SPDX does not know them or another scheme names them', () => {
      const local = { rights: 'Data use agreement v2', rightsUri: 'https://example.org/dua/2' };
      expect(rightsFor(local)).to.deep.equal(local);
      const other = { rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'Local' };
      expect(rightsFor(other)).to.deep.equal(other);
    });

    it('give way to the repository’s access right where they state one of their own, as in the XML', () => {
      const record = minimalRecord({
        rightsList: [{ rights: 'open access', rightsUri: 'http://purl.org/coar/access_right/c_abf2' }],
        access: { level: 'controlled' },
      });
      const rights = attributesOf(record).rightsList;
      expect(rights.at(-1)).to.deep.equal({ rights: 'restricted access', rightsUri: 'http://purl.org/coar/access_right/c_16ec' });
      expect(rights.map((r: { rights: string }) => r.rights)).to.not.include('open access');
    });
  });

  describe('every demo record', () => {
    for (const { file, record } of demoRecords()) {
      it(`${file} tells the same story as its DataCite XML`, () => {
        const attributes = attributesOf(record);
        const resource = xmlOf(record);
        const identifier = findAll(resource, 'identifier')[0]!;
        if (identifier.attributes.identifierType === 'DOI') expect(attributes.doi).to.equal(identifier.text);
        else expect(attributes.url).to.equal(identifier.text);
        expect(attributes.identifiers).to.deep.equal(
          findAll(resource, 'alternateIdentifier').map((a) => ({ identifier: a.text, identifierType: a.attributes.alternateIdentifierType })),
        );
        expect(attributes.dates.map((d: Attributes) => [d.dateType, d.date])).to.deep.equal(findAll(resource, 'date').map((d) => [d.attributes.dateType, d.text]));
        expect(attributes.relatedIdentifiers.map((r: Attributes) => [r.relationType, r.relatedIdentifier])).to.deep.equal(
          findAll(resource, 'relatedIdentifier').map((r) => [r.attributes.relationType, r.text]),
        );
        const xmlRights = findAll(resource, 'rights');
        expect(attributes.rightsList).to.have.length(xmlRights.length);
        xmlRights.forEach((rights, i) => {
          expect(attributes.rightsList[i]).to.include({ ...asJsonNames(rights), ...(rights.text ? { rights: rights.text } : {}) });
        });
        expect(attributes.state).to.equal(record.status === 'released' ? 'findable' : 'draft');
      });
    }
  });

  describe('related items', () => {
    const relatedItem = {
      relatedItemType: 'Journal',
      relationType: 'IsPublishedIn',
      relatedItemIdentifier: { relatedItemIdentifier: '0370-2693', relatedItemIdentifierType: 'ISSN', schemeURI: 'https://portal.issn.org' },
      creators: [{ name: 'Smith, John', nameType: 'Personal', givenName: 'John', familyName: 'Smith' }],
      titles: [{ title: 'Physics letters B' }],
      publicationYear: '2018',
      volume: '776',
      number: '3',
      numberType: 'Issue',
      firstPage: '249',
      lastPage: '264',
      contributors: [{ name: 'Doe, Jane', contributorType: 'Editor' }],
    };

    it('are written as the record holds them, in JSON and in valid XML', () => {
      const record = minimalRecord({ relatedItems: [{ ...relatedItem, numberType: 'Other' }] });
      expect(attributesOf(record).relatedItems).to.deep.equal([{ ...relatedItem, numberType: 'Other' }]);
      const xml = asDocument(dataCiteXmlFormat.oai!.render(record, CONTEXT));
      const check = validateXml(xml, SCHEMA.dataCite);
      expect(check.valid, check.errors).to.equal(true);
      const item = findAll(readXml(xml), 'relatedItem')[0]!;
      expect(item.attributes).to.deep.equal({ relatedItemType: 'Journal', relationType: 'IsPublishedIn' });
      expect(item.children.map((c) => c.name)).to.deep.equal([
        'relatedItemIdentifier',
        'creators',
        'titles',
        'publicationYear',
        'volume',
        'number',
        'firstPage',
        'lastPage',
        'contributors',
      ]);
      expect(findAll(item, 'number')[0]!.attributes).to.deep.equal({ numberType: 'Other' });
    });
  });

  describe('a withdrawn record', () => {
    const attributes = attributesOf(withdrawnRecord());

    it('is reduced to its identity and the withdrawal', () => {
      expect(Object.keys(attributes)).to.deep.equal([
        'doi',
        'identifiers',
        'creators',
        'titles',
        'publisher',
        'publicationYear',
        'dates',
        'types',
        'url',
        'schemaVersion',
        'state',
        'reason',
      ]);
    });

    it('states the withdrawal as DataCite does: a Withdrawn date, the registered state and the reason', () => {
      expect(attributes.dates).to.deep.equal([{ date: '2026-06-01', dateType: 'Withdrawn' }]);
      expect(attributes.state).to.equal('registered');
      expect(attributes.reason).to.equal('Consent for one donor was withdrawn.');
    });

    it('gives the same Withdrawn date as the XML', () => {
      const dates = findAll(xmlOf(withdrawnRecord()), 'date').map((d) => ({ date: d.text, dateType: d.attributes.dateType }));
      expect(attributes.dates).to.deep.equal(dates);
    });
  });
});
