import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { oaiDataCiteFormat } from '../../src/formats/oai-datacite.js';
import { oaiDcFormat } from '../../src/formats/oai-dc.js';
import { classifyRightsStatement, licenceOf } from '../../src/formats/spdx-rights.js';
import { detectFormat, importFormat } from '../../src/import/formats.js';
import type { ImportItem } from '../../src/import/import-item.js';
import { readDataCiteJson } from '../../src/import/readers/datacite-json.js';
import { readDataCiteXml } from '../../src/import/readers/datacite-xml.js';
import { typesOfDc } from '../../src/import/readers/dc-types.js';
import { DomainError } from '../../src/model/errors.js';
import type { FairRecord, RecordInput } from '../../src/model/schema.js';
import { validateRecordInput } from '../../src/model/validate.js';
import { listEnvelope, recordXml, type ResponseContext } from '../../src/oai/xml-writer.js';
import type { HarvestItem } from '../../src/services/harvest-service.js';
import { CONTEXT, demoRecords, fullRecord, readXml, storedRecord } from '../formats/render-fixtures.js';
import { missingProperties } from '../helpers/property-coverage.js';

const RECORDED = 'test/fixtures/examples/oai-pmh';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const OAI_DATACITE = 'http://schema.datacite.org/oai/oai-1.1/';
const KERNEL_4 = 'http://datacite.org/schema/kernel-4';

const recorded = (file: string) => readFileSync(`${RECORDED}/${file}`, 'utf8');
const readAuto = (text: string) => detectFormat(text).read(text);

/** A read record as the importer stores it: named by its source, then validated like any submitted record. */
function imported(item: ImportItem): RecordInput {
  expect(item.error, `${item.sourceIdentifier}: ${item.error}`).to.equal(undefined);
  const record = item.record as Record<string, unknown>;
  return validateRecordInput({ ...record, source: { repository: 'Example source', ...(record.source as object) } });
}

function refusal(read: () => unknown): DomainError {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the document to be refused');
}

/** fairharbor's own ListRecords response holding `records` in `prefix`, as its OAI-PMH provider writes it. */
function fairharborListRecords(records: FairRecord[], format: typeof oaiDcFormat): string {
  const context: ResponseContext = {
    baseUrl: 'https://data.example.org/oai',
    responseDate: new Date('2026-11-22T10:00:00Z'),
    repositoryIdentifier: CONTEXT.oaiRepositoryIdentifier,
    render: CONTEXT,
  };
  const { head, tail } = listEnvelope(context, { verb: 'ListRecords', metadataPrefix: format.oai!.metadataPrefix }, 'ListRecords');
  const items = records.map(
    (record, id): HarvestItem => ({ record, deleted: record.status === 'withdrawn', datestamp: record.datestamp, collections: [], position: { datestamp: record.datestamp, id } }),
  );
  return head + items.map((item) => recordXml(item, format.oai!, context)).join('') + tail;
}

describe('OAI-PMH readers', () => {
  describe('detection', () => {
    const DETECTED: Array<[file: string, format: string]> = [
      ['zenodo_ListRecords_oai_dc_page1_2026.xml', 'oai_dc'],
      ['zenodo_ListRecords_oai_dc_resumed_with_deleted_2026.xml', 'oai_dc'],
      ['zenodo_ListRecords_oai_dc_last_page_no_token_2026.xml', 'oai_dc'],
      ['datacite-oai_ListRecords_oai_dc_page1_2015.xml', 'oai_dc'],
      ['datacite-oai_ListRecords_oai_dc_page2_last_2015.xml', 'oai_dc'],
      ['mit-dspace_GetRecord_deleted_2024.xml', 'oai_dc'],
      // Its request claims oai_dc; the metadata is an oai_datacite envelope, and that decides.
      ['datacite-oai_GetRecord_oai_datacite_2019.xml', 'oai_datacite'],
      ['zenodo_GetRecord_datacite_2026.xml', 'datacite-xml'],
    ];
    for (const [file, format] of DETECTED) {
      it(`takes ${file} for ${format}, by the namespace of its metadata`, () => expect(detectFormat(recorded(file)).name).to.equal(format));
    }

    it('recognises no records in other OAI-PMH responses', () => {
      for (const file of ['zenodo_ListMetadataFormats_2026.xml', 'zenodo_Identify_2026.xml', 'zenodo_error_badArgument_unknown_prefix_2026.xml']) {
        expect(() => detectFormat(recorded(file)), file).to.throw(DomainError, /could not be recognised/);
      }
    });
  });

  describe('Zenodo ListRecords in oai_dc, page by page', () => {
    it('reads each record with its header: identifier, datestamp, and where it came from', () => {
      const items = readAuto(recorded('zenodo_ListRecords_oai_dc_page1_2026.xml'));
      expect(items.map((item) => [item.sourceIdentifier, item.sourceDatestamp])).to.deep.equal([
        ['oai:zenodo.org:8435696', '2023-10-12T14:26:07Z'],
        ['oai:zenodo.org:8435639', '2023-10-12T15:06:49Z'],
        ['oai:zenodo.org:8433301', '2023-10-12T02:36:57Z'],
      ]);
      const record = imported(items[0]!);
      expect(record.source).to.deep.equal({
        repository: 'Example source',
        baseUrl: 'https://zenodo.org/oai2d',
        originalIdentifier: 'oai:zenodo.org:8435696',
        datestamp: '2023-10-12T14:26:07Z',
        metadataNamespace: OAI_DC,
        license: 'Creative Commons Attribution 4.0 International\nhttps://creativecommons.org/licenses/by/4.0/legalcode',
      });
    });

    it('maps the Dublin Core elements to DataCite properties', () => {
      const record = imported(readAuto(recorded('zenodo_ListRecords_oai_dc_page1_2026.xml'))[0]!);
      expect(record).to.deep.include({
        doi: '10.5281/zenodo.8435696',
        titles: [{ title: 'PocketCoffea: a configuration layer for CMS analyses with Coffea' }],
        creators: [{ name: 'Matteo Marchegiani' }],
        publisher: { name: 'Zenodo' },
        publicationYear: 2023,
        types: { resourceTypeGeneral: 'Presentation', resourceType: 'lecture' },
        dates: [{ date: '2023-10-10', dateType: 'Issued' }],
        alternateIdentifiers: [{ alternateIdentifier: 'oai:zenodo.org:8435696', alternateIdentifierType: 'OAI' }],
        relatedIdentifiers: [
          { relatedIdentifier: 'https://zenodo.org/communities/pyhep2023/', relatedIdentifierType: 'URL', relationType: 'References' },
          { relatedIdentifier: '10.5281/zenodo.8435695', relatedIdentifierType: 'DOI', relationType: 'References' },
        ],
        relatedItems: [{ relatedItemType: 'Other', relationType: 'IsDerivedFrom', titles: [{ title: 'PyHEP 2023 Workshop, 9-12 October 2023' }] }],
        access: { level: 'public' },
      });
      expect(record.descriptions).to.have.length(1);
      expect(record.descriptions![0]!.descriptionType).to.equal('Abstract');
    });

    it('keeps the licence as one entry with its SPDX id, and the access right out of the licences', () => {
      const record = imported(readAuto(recorded('zenodo_ListRecords_oai_dc_page1_2026.xml'))[0]!);
      expect(record.rightsList).to.deep.equal([
        {
          rights: 'Creative Commons Attribution 4.0 International',
          rightsUri: 'https://creativecommons.org/licenses/by/4.0/legalcode',
          rightsIdentifier: 'CC-BY-4.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
      const last = readAuto(recorded('zenodo_ListRecords_oai_dc_last_page_no_token_2026.xml')).map(imported);
      expect(last.map((r) => r.rightsList?.map((rights) => rights.rightsIdentifier))).to.deep.equal([['CC-BY-4.0'], ['CC-BY-4.0'], ['CC-BY-NC-4.0']]);
    });

    it('reads a deleted record as deleted, without its metadata, and the others on the page', () => {
      const items = readAuto(recorded('zenodo_ListRecords_oai_dc_resumed_with_deleted_2026.xml'));
      expect(items[0]).to.deep.equal({ sourceIdentifier: 'oai:zenodo.org:8433364', sourceDatestamp: '2023-10-12T03:01:25Z', deleted: true });
      expect(items.slice(1).map((item) => imported(item).doi)).to.deep.equal(['10.5281/zenodo.8333281', '10.5281/zenodo.8321258']);
    });

    it('reads every page into valid records', () => {
      for (const file of ['zenodo_ListRecords_oai_dc_page1_2026.xml', 'zenodo_ListRecords_oai_dc_resumed_with_deleted_2026.xml', 'zenodo_ListRecords_oai_dc_last_page_no_token_2026.xml']) {
        for (const item of readAuto(recorded(file)).filter((i) => !i.deleted)) expect(() => imported(item), item.sourceIdentifier).to.not.throw();
      }
    });
  });

  describe('DataCite ListRecords in oai_dc (2015), over two pages', () => {
    const page1 = () => readAuto(recorded('datacite-oai_ListRecords_oai_dc_page1_2015.xml'));
    const page2 = () => readAuto(recorded('datacite-oai_ListRecords_oai_dc_page2_last_2015.xml'));

    it('reads all 56 records into valid records', () => {
      const items = [...page1(), ...page2()];
      expect(items).to.have.length(56);
      expect(new Set(items.map((item) => item.sourceIdentifier)).size).to.equal(56);
      for (const item of items) expect(() => imported(item), item.sourceIdentifier).to.not.throw();
    });

    it('reads DataCite’s own way of writing types and description types in Dublin Core', () => {
      const record = imported(page1()[0]!);
      expect(record.types).to.deep.equal({ resourceTypeGeneral: 'Text', resourceType: 'Article' });
      expect(record.descriptions).to.deep.equal([{ description: 'Iranian Biomedical Journal (IBJ); ISSN 1028-852X', descriptionType: 'SeriesInformation' }]);
      expect(record).to.deep.include({ doi: '10.6091/IBJ.1104.2012', publicationYear: 1996, language: 'eng', formats: ['PDF'] });
      expect(record.creators).to.have.length(8);
    });

    it('keeps other identifiers, and finds the licence named by a URL inside its text', () => {
      const record = imported(page2()[0]!);
      expect(record.doi).to.equal('10.3205/cto000088');
      expect(record.alternateIdentifiers).to.deep.equal([
        { alternateIdentifier: 'urn:urn:nbn:de:0183-cto0000887', alternateIdentifierType: 'URN' },
        { alternateIdentifier: 'doc:cto000088', alternateIdentifierType: 'Other' },
      ]);
      const [licence] = record.rightsList!;
      expect(licence).to.include({
        rights: 'Creative Commons License [CC BY-NC-ND] http://creativecommons.org/licenses/by-nc-nd/3.0/de/',
        rightsIdentifier: 'CC-BY-NC-ND-3.0-DE',
      });
      expect(record.source!.license).to.equal(licence!.rights);
      expect(record.descriptions!.map((d) => d.descriptionType)).to.deep.equal(['Abstract', 'SeriesInformation']);
    });

    it('reads contributors as contributors of type Other', () => {
      const withContributors = [...page1(), ...page2()].map(imported).find((r) => r.contributors)!;
      expect(withContributors.contributors!.every((c) => c.contributorType === 'Other')).to.equal(true);
    });
  });

  describe('a DSpace GetRecord of a deleted record', () => {
    it('is one deleted item, whichever OAI-PMH reader reads it', () => {
      for (const format of ['oai_dc', 'oai_datacite', 'datacite-xml']) {
        expect(importFormat(format).read(recorded('mit-dspace_GetRecord_deleted_2024.xml'))).to.deep.equal([
          { sourceIdentifier: 'oai:dspace.mit.edu:1721.1/112746', sourceDatestamp: '2017-12-14T15:03:59Z', deleted: true },
        ]);
      }
    });
  });

  describe('DataCite’s oai_datacite envelope', () => {
    it('reads the kernel-4 resource of a GetRecord with its header', () => {
      const [item] = readAuto(recorded('datacite-oai_GetRecord_oai_datacite_2019.xml'));
      expect(item).to.include({ sourceIdentifier: 'doi:10.5072/not-a-real-doi', sourceDatestamp: '2018-03-17T06:33:00Z' });
      const record = imported(item!);
      expect(record).to.deep.include({
        doi: '10.5072/not-a-real-doi',
        titles: [{ title: 'This is a fake DOI with fake metadata.' }],
        types: { resourceTypeGeneral: 'Text', resourceType: 'BlogPosting' },
        version: '1.0',
      });
      expect(record.creators[0]).to.deep.equal({
        name: 'Fenner, Martin',
        nameType: 'Personal',
        givenName: 'Martin',
        familyName: 'Fenner',
        nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0003-1419-2405', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        affiliation: [{ name: 'DataCite', affiliationIdentifier: 'https://ror.org/04wxnsj81', affiliationIdentifierScheme: 'ROR' }],
      });
      expect(record.source).to.deep.include({ originalIdentifier: 'doi:10.5072/not-a-real-doi', metadataNamespace: OAI_DATACITE, baseUrl: 'https://oai.datacite.org/oai' });
    });

    it('names the record and the field of a record it cannot read, and reads the others', () => {
      const envelope = (doi: string, creators: string) => `<record><header><identifier>oai:example.org:${doi}</identifier><datestamp>2024-01-01</datestamp></header><metadata>
        <oai_datacite xmlns="${OAI_DATACITE}"><payload><resource xmlns="${KERNEL_4}">
          <identifier identifierType="DOI">10.1234/${doi}</identifier>${creators}
          <titles><title>Record ${doi}</title></titles><publisher>Example</publisher><publicationYear>2024</publicationYear>
          <resourceType resourceTypeGeneral="Dataset"/></resource></payload></oai_datacite></metadata></record>`;
      const creator = '<creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>';
      const page = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><request>https://example.org/oai</request><ListRecords>${envelope('a', creator)}${envelope('b', '')}${envelope('c', creator)}</ListRecords></OAI-PMH>`;
      const items = readAuto(page);
      expect(items.map((item) => item.record?.doi ?? item.error)).to.deep.equal([
        '10.1234/a',
        'oai_datacite/payload/resource/creators: a DataCite record has at least one creator',
        '10.1234/c',
      ]);
      expect(items[1]!.sourceIdentifier).to.equal('oai:example.org:b');
    });
  });

  describe('an OAI-PMH response with bare kernel-4 resources (metadataPrefix datacite)', () => {
    it('reads each record with its header, the rights as written, and the access right as the access level', () => {
      const [item] = readAuto(recorded('zenodo_GetRecord_datacite_2026.xml'));
      expect(item).to.include({ sourceIdentifier: 'oai:zenodo.org:10357859', sourceDatestamp: '2023-12-11T17:26:46Z' });
      const record = imported(item!);
      expect(record).to.deep.include({ doi: '10.5281/zenodo.10357859', access: { level: 'public' } });
      expect(record.rightsList).to.deep.equal([
        {
          rights: 'Apache License 2.0',
          rightsUri: 'http://www.apache.org/licenses/LICENSE-2.0',
          rightsIdentifier: 'apache-2.0',
          rightsIdentifierScheme: 'spdx',
        },
        { rightsUri: 'info:eu-repo/semantics/openAccess' },
      ]);
      expect(record.source).to.deep.include({ originalIdentifier: 'oai:zenodo.org:10357859', metadataNamespace: KERNEL_4, baseUrl: 'https://zenodo.org/oai2d' });
    });
  });

  describe('access rights in DataCite records', () => {
    const embargoed = {
      titles: [{ title: 'Embargoed' }],
      creators: [{ name: 'Doe, Jane' }],
      publisher: 'Example',
      publicationYear: 2026,
      types: { resourceTypeGeneral: 'Dataset' },
      dates: [{ date: '2027-06-30', dateType: 'Available' }],
      rightsList: [{ rights: 'embargoed access', rightsUri: 'http://purl.org/coar/access_right/c_f1cf' }, { rightsIdentifier: 'cc-by-4.0', rightsIdentifierScheme: 'SPDX' }],
    };

    it('set the access level in every DataCite reader, an embargo ending on the Available date, and stay among the rights', () => {
      const [json] = readDataCiteJson(embargoed);
      expect(json!.access).to.deep.equal({ level: 'public', embargoEnd: '2027-06-30' });
      expect(json!.rightsList).to.have.length(2);
      const xml = `<resource xmlns="${KERNEL_4}"><creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
        <titles><title>Closed</title></titles><publisher>Example</publisher><publicationYear>2026</publicationYear><resourceType resourceTypeGeneral="Dataset"/>
        <rightsList><rights rightsURI="info:eu-repo/semantics/closedAccess"/></rightsList></resource>`;
      const [record] = readDataCiteXml(xml);
      expect(record!.access).to.deep.equal({ level: 'controlled' });
      expect(record!.rightsList).to.deep.equal([{ rightsUri: 'info:eu-repo/semantics/closedAccess' }]);
    });
  });

  describe('OAI-PMH errors', () => {
    it('noRecordsMatch is an empty page', () => {
      for (const format of ['oai_dc', 'oai_datacite', 'datacite-xml']) {
        expect(importFormat(format).read(recorded('zenodo_error_noRecordsMatch_2026.xml'))).to.deep.equal([]);
      }
    });

    it('any other error refuses the response with its code and message', () => {
      expect(refusal(() => importFormat('oai_dc').read(recorded('zenodo_error_badResumptionToken_2026.xml'))).message).to.equal(
        'the OAI-PMH response is an error: badResumptionToken: The value of the resumptionToken argument is invalid or expired.',
      );
    });
  });

  describe('Dublin Core read record by record', () => {
    const dc = (body: string, identifier: string) =>
      `<record><header><identifier>${identifier}</identifier><datestamp>2024-05-01T00:00:00Z</datestamp></header><metadata>
        <oai_dc:dc xmlns:oai_dc="${OAI_DC}" xmlns:dc="http://purl.org/dc/elements/1.1/">${body}</oai_dc:dc></metadata></record>`;
    const page = (...records: string[]) => `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>${records.join('')}</ListRecords></OAI-PMH>`;
    const minimal = '<dc:title>A title</dc:title><dc:creator>Doe, Jane</dc:creator>';

    it('names the record and dc:date when a record has no year, and reads the others', () => {
      const items = readAuto(page(dc(`${minimal}<dc:date>2021-03-04</dc:date>`, 'oai:x:1'), dc(`${minimal}<dc:date>n.d.</dc:date>`, 'oai:x:2'), dc(minimal, 'oai:x:3')));
      expect(items.map((item) => [item.sourceIdentifier, item.error ?? item.record?.publicationYear])).to.deep.equal([
        ['oai:x:1', 2021],
        ['oai:x:2', 'dc:date: no four-digit year in "n.d."'],
        ['oai:x:3', 'dc:date: the record has no date of publication'],
      ]);
    });

    it('names dc:title and dc:creator when a record lacks them', () => {
      const items = readAuto(page(dc('<dc:creator>Doe</dc:creator><dc:date>2020</dc:date>', 'oai:x:1'), dc('<dc:title>T</dc:title><dc:date>2020</dc:date>', 'oai:x:2')));
      expect(items.map((item) => item.error)).to.deep.equal(['dc:title: an oai_dc record needs at least one title', 'dc:creator: an oai_dc record needs at least one creator']);
    });

    it('leaves nothing to guess: no publisher is "(:unav)", no type is Other', () => {
      const record = imported(readAuto(page(dc(`${minimal}<dc:date>2020</dc:date>`, 'oai:x:1')))[0]!);
      expect(record).to.deep.include({ publisher: { name: '(:unav)' }, types: { resourceTypeGeneral: 'Other' } });
      expect(record).to.not.have.property('access');
    });

    it('reads an embargo, languages by name, coverage and further identifiers', () => {
      const body = `${minimal}
        <dc:date>2024-02-01</dc:date><dc:date>info:eu-repo/date/embargoEnd/2027-01-31</dc:date>
        <dc:rights>info:eu-repo/semantics/embargoedAccess</dc:rights><dc:rights>CC BY 4.0</dc:rights>
        <dc:language>English</dc:language><dc:coverage>Shanghai, China</dc:coverage><dc:coverage>2019-01/2019-06</dc:coverage>
        <dc:identifier>http://dx.doi.org/10.1234/ABC</dc:identifier><dc:identifier>hdl:1721.1/112746</dc:identifier>
        <dc:relation>doi:10.1234/abc</dc:relation><dc:relation>see the article</dc:relation><dc:source>arXiv:2101.00001</dc:source>
        <dc:type>http://purl.org/dc/dcmitype/StillImage</dc:type>`;
      const record = imported(readAuto(page(dc(body, 'oai:x:1')))[0]!);
      expect(record).to.deep.include({
        doi: '10.1234/ABC',
        access: { level: 'public', embargoEnd: '2027-01-31' },
        language: 'en',
        geoLocations: [{ geoLocationPlace: 'Shanghai, China' }],
        dates: [
          { date: '2024-02-01', dateType: 'Issued' },
          { date: '2019-01/2019-06', dateType: 'Coverage' },
        ],
        alternateIdentifiers: [{ alternateIdentifier: 'hdl:1721.1/112746', alternateIdentifierType: 'Handle' }],
        relatedIdentifiers: [{ relatedIdentifier: 'arXiv:2101.00001', relatedIdentifierType: 'arXiv', relationType: 'IsDerivedFrom' }],
        types: { resourceTypeGeneral: 'Image' },
      });
      expect(record.rightsList!.map((r) => r.rightsIdentifier)).to.deep.equal(['CC-BY-4.0']);
      expect(record.source!.license).to.equal('CC BY 4.0');
    });

    it('reads a bare oai_dc:dc document, named by its DOI', () => {
      const bare = `<oai_dc:dc xmlns:oai_dc="${OAI_DC}" xmlns:dc="http://purl.org/dc/elements/1.1/">${minimal}<dc:date>2020</dc:date><dc:identifier>doi:10.1234/bare</dc:identifier></oai_dc:dc>`;
      const [item] = readAuto(bare);
      expect(item!.sourceIdentifier).to.equal('10.1234/bare');
      expect(imported(item!).doi).to.equal('10.1234/bare');
    });
  });

  describe('resource types from dc:type', () => {
    const TYPES: Array<[statements: string[], types: Record<string, string>]> = [
      [['Dataset'], { resourceTypeGeneral: 'Dataset' }],
      [['dataset'], { resourceTypeGeneral: 'Dataset' }],
      [['Text', 'JournalArticle'], { resourceTypeGeneral: 'Text', resourceType: 'JournalArticle' }],
      [['Dataset', 'Single-cell RNA-seq'], { resourceTypeGeneral: 'Dataset', resourceType: 'Single-cell RNA-seq' }],
      [['http://purl.org/dc/dcmitype/MovingImage'], { resourceTypeGeneral: 'Audiovisual' }],
      [['StillImage'], { resourceTypeGeneral: 'Image' }],
      [['info:eu-repo/semantics/article'], { resourceTypeGeneral: 'JournalArticle', resourceType: 'article' }],
      [['info:eu-repo/semantics/doctoralThesis'], { resourceTypeGeneral: 'Dissertation', resourceType: 'doctoralThesis' }],
      [['info:eu-repo/semantics/preprint'], { resourceTypeGeneral: 'Preprint' }],
      [['info:eu-repo/semantics/other'], { resourceTypeGeneral: 'Other' }],
      [['info:eu-repo/semantics/conferenceObject', 'Poster session'], { resourceTypeGeneral: 'ConferencePaper', resourceType: 'Poster session' }],
      [['Spreadsheet'], { resourceTypeGeneral: 'Other', resourceType: 'Spreadsheet' }],
      [['http://purl.org/coar/resource_type/c_ddb1'], { resourceTypeGeneral: 'Other', resourceType: 'http://purl.org/coar/resource_type/c_ddb1' }],
      [[], { resourceTypeGeneral: 'Other' }],
    ];
    for (const [statements, types] of TYPES) {
      it(`${JSON.stringify(statements)} is ${JSON.stringify(types)}`, () => expect(typesOfDc(statements)).to.deep.equal(types));
    }
  });

  describe('fairharbor’s own output, read back', () => {
    const records = [...demoRecords().map(({ record }) => record), fullRecord()];

    describe('oai_dc', () => {
      const items = readAuto(fairharborListRecords(records, oaiDcFormat));

      it('is one item per record, with fairharbor’s OAI identifier and datestamp', () => {
        expect(items.map((item) => item.sourceIdentifier)).to.deep.equal(records.map((record) => record.oaiIdentifier));
        expect(items.every((item) => item.sourceDatestamp === '2026-05-01T08:30:00Z')).to.equal(true);
        expect(imported(items[0]!).source).to.deep.include({ baseUrl: 'https://data.example.org/oai', metadataNamespace: OAI_DC });
      });

      records.forEach((original, i) => {
        it(`${original.accession} keeps its titles, creators, DOI, type, licences and access`, () => {
          const record = imported(items[i]!);
          expect(record.titles).to.deep.equal(original.titles);
          expect(record.creators.map((c) => c.name)).to.deep.equal(original.creators.map((c) => c.name));
          expect(record.doi).to.equal(original.doi);
          expect(record.publicationYear).to.equal(original.publicationYear);
          // oai_dc states a free-text type only where it differs from the general one.
          const { resourceTypeGeneral, resourceType } = original.types;
          const differs = resourceType !== undefined && resourceType.toLowerCase() !== resourceTypeGeneral.toLowerCase();
          expect(record.types).to.deep.equal(differs ? { resourceTypeGeneral, resourceType } : { resourceTypeGeneral });
          for (const rights of original.rightsList ?? []) {
            const stated = rights.rights ?? rights.rightsUri!;
            expect(record.source?.license?.split('\n'), stated).to.include(stated);
            const spdxId = licenceOf(rights)?.spdxId;
            const read = record.rightsList!.find((entry) => entry.rights === stated || entry.rightsUri === stated);
            expect(read, stated).to.not.equal(undefined);
            expect(read!.rightsIdentifier).to.equal(spdxId);
          }
          const level = { public: 'public', registered: 'controlled', controlled: 'controlled', private: 'controlled' }[original.access.level];
          expect(record.access).to.deep.equal({ level, ...(level === 'public' && original.access.embargoEnd ? { embargoEnd: original.access.embargoEnd } : {}) });
          expect((record.rightsList ?? []).filter((entry) => classifyRightsStatement(entry.rights ?? entry.rightsUri!).kind === 'access-right')).to.deep.equal([]);
        });
      });
    });

    describe('oai_datacite', () => {
      const items = readAuto(fairharborListRecords(records, oaiDataCiteFormat));
      const resourceOf = (record: FairRecord) => readXml(oaiDataCiteFormat.oai!.render(record, CONTEXT)).children.find((child) => child.name === 'payload')!.children[0]!;

      it('is one item per record, with the envelope’s namespace as the metadata’s', () => {
        expect(items.map((item) => item.sourceIdentifier)).to.deep.equal(records.map((record) => record.oaiIdentifier));
        expect(imported(items[0]!).source).to.deep.include({ metadataNamespace: OAI_DATACITE });
      });

      records.forEach((original, i) => {
        it(`${original.accession} keeps every DataCite property`, () => {
          const record = storedRecord(imported(items[i]!), Number(original.accession.slice(2)));
          const reexported = readXml(dataCiteXmlFormat.oai!.render(record, CONTEXT));
          // The access right is this repository's own, from the access level: a record the source keeps
          // private (metadata only) is controlled here, so its access right reads restricted.
          const expected =
            original.access.level === 'private' ? ['rightsList/rights: <rights rightsURI="http://purl.org/coar/access_right/c_14cb">metadata only access</rights>'] : [];
          expect(missingProperties(resourceOf(original), reexported)).to.deep.equal(expected);
        });
      });
    });

    it('reads a withdrawn record as deleted', () => {
      const withdrawn = { ...records[0]!, status: 'withdrawn' as const, tombstone: { reason: 'Duplicate', date: '2026-06-01T00:00:00Z' } };
      expect(readAuto(fairharborListRecords([withdrawn, records[1]!], oaiDcFormat))[0]).to.deep.equal({
        sourceIdentifier: withdrawn.oaiIdentifier,
        sourceDatestamp: '2026-05-01T08:30:00Z',
        deleted: true,
      });
    });

    it('reads fairharbor’s bare oai_dc and oai_datacite documents', () => {
      const record = fullRecord();
      expect(imported(readAuto(oaiDcFormat.render(record, CONTEXT) as string)[0]!).doi).to.equal(record.doi);
      const [item] = readAuto(oaiDataCiteFormat.render(record, CONTEXT) as string);
      expect(item!.sourceIdentifier).to.equal(record.doi);
      expect(imported(item!).titles).to.deep.equal(record.titles);
    });
  });
});
