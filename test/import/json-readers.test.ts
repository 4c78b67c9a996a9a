import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { detectFormat } from '../../src/import/formats.js';
import type { ImportItem, Reader } from '../../src/import/import-item.js';
import { readBioStudies } from '../../src/import/readers/biostudies.js';
import { readDataverse } from '../../src/import/readers/dataverse.js';
import { readInvenio } from '../../src/import/readers/invenio.js';
import { readSchemaOrg } from '../../src/import/readers/schemaorg.js';
import { DomainError } from '../../src/model/errors.js';
import type { FairRecord, RecordInput } from '../../src/model/schema.js';
import { validateRecordInput } from '../../src/model/validate.js';
import { CONTEXT, storedRecord } from '../formats/render-fixtures.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';

const EXAMPLES = 'test/fixtures/examples';
const BIOSTUDIES = `${EXAMPLES}/biostudies/S-BIAD15.json`;
const DATAVERSE_NATIVE = `${EXAMPLES}/dataverse/harvard-DVN-RLMYMR-native-api.json`;
const DATAVERSE_SCHEMA_ORG = `${EXAMPLES}/dataverse/harvard-DVN-OLD7MB-schemaorg.json`;
const DATAVERSE_MAX_SCHEMA_ORG = `${EXAMPLES}/schema-org/dataverse_Dataset_schemaorg_export.json`;
const PANGAEA = `${EXAMPLES}/schema-org/pangaea_Dataset_geoshape.json`;
const ZENODO = `${EXAMPLES}/zenodo/zenodo-7834392-api-records.json`;
const INVENIO_RDM = `${EXAMPLES}/invenio/datastore-uni-muenster-wjkxc-ck174-api-record.json`;
const DATACITE_JSON = `${EXAMPLES}/datacite/datacite-10.5061-dryad.8515.json`;

const read = (path: string) => readFileSync(path, 'utf8');
const json = (path: string): any => JSON.parse(read(path));

function onlyRecord(items: ImportItem[]): RecordInput {
  expect(items).to.have.length(1);
  expect(items[0]!.error, items[0]!.error).to.equal(undefined);
  return items[0]!.record as RecordInput;
}

/** A document read with `reader`, as text, as the importer hands it over. */
const recordOf = (reader: Reader, document: unknown) => onlyRecord(reader(typeof document === 'string' ? document : JSON.stringify(document)));

function expectImportable(record: RecordInput): void {
  const stored: FairRecord = storedRecord(validateRecordInput(record));
  const check = validateXml(dataCiteXmlFormat.render(stored, CONTEXT) as string, SCHEMA.dataCite);
  expect(check.valid, check.errors).to.equal(true);
}

const names = (people: Array<{ name: string }> | undefined) => (people ?? []).map((person) => person.name);
const licences = (record: RecordInput) => record.rightsList ?? [];

function expectBadRequest(read: () => unknown, message: RegExp): void {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError);
    expect((error as DomainError).code).to.equal('bad_request');
    expect((error as DomainError).message).to.match(message);
    return;
  }
  throw new Error('expected the document to be refused');
}

describe('JSON readers through the crosswalk mappings', () => {
  describe('BioStudies: S-BIAD15 (BioImage Archive)', () => {
    const record = recordOf(readBioStudies, read(BIOSTUDIES));

    it('reads the title, the authors with their ORCID, and the accession', () => {
      expect(record.titles).to.deep.equal([{ title: 'Meiotic cellular rejuvenation is coupled to nuclear remodeling in budding yeast' }]);
      expect(record.creators).to.deep.equal([
        {
          name: 'Elçin Ünal',
          nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-6768-609X', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        },
      ]);
      expect(record.accession).to.equal('S-BIAD15');
      expect(record.doi).to.equal(undefined);
      expect(record.alternateIdentifiers).to.deep.equal([{ alternateIdentifier: 'S-BIAD15', alternateIdentifierType: 'BioStudies' }]);
      expect(record.relatedIdentifiers).to.deep.include({
        relatedIdentifier: '10.7554/eLife.47156',
        relatedIdentifierType: 'DOI',
        relationType: 'IsSupplementTo',
        resourceTypeGeneral: 'JournalArticle',
      });
      expect(record.publicationYear).to.equal(2020);
    });

    it('keeps the License attribute verbatim and gives its SPDX id', () => {
      expect(record.source).to.deep.include({
        repository: 'BioImage Archive',
        name: 'biostudies',
        originalIdentifier: 'S-BIAD15',
        metadataNamespace: 'https://github.com/EBIBioStudies/page-tab-specification',
        license: 'CC-BY 4.0',
      });
      expect(licences(record)).to.deep.equal([
        {
          rights: 'CC-BY 4.0',
          rightsUri: 'https://creativecommons.org/licenses/by/4.0/',
          rightsIdentifier: 'CC-BY-4.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
    });

    it('lists no files: the study names file lists kept in documents of their own', () => expect(record.files).to.equal(undefined));

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));

    it('reads files listed in the study and affiliations given by reference', () => {
      const study = json(BIOSTUDIES);
      const sections = study.section.subsections as any[];
      sections.find((s) => s.type === 'Organization').accno = 'o1';
      sections.find((s) => s.type === 'Experiment').files = [
        [{ path: 'Fig1/cell_01.tif', size: 1048576, type: 'file', attributes: [{ name: 'Description', value: 'a cell in meiosis II' }] }],
        { path: 'Fig1/cell_02.tif', size: 2097152, type: 'file' },
      ];
      const withFiles = recordOf(readBioStudies, study);
      expect(withFiles.creators[0]!.affiliation).to.deep.equal([{ name: '622 Barker Hall, UC-Berkeley, Berkeley, CA, 94720' }]);
      expect(withFiles.files).to.deep.equal([
        { name: 'Fig1/cell_01.tif', size: 1048576, description: 'a cell in meiosis II' },
        { name: 'Fig1/cell_02.tif', size: 2097152 },
      ]);
      expectImportable(withFiles);
    });
  });

  describe('Dataverse native API: Harvard DVN/RLMYMR', () => {
    const record = recordOf(readDataverse, read(DATAVERSE_NATIVE));

    it('reads the title, the authors split into family and given names, and the DOI', () => {
      expect(record.titles).to.deep.equal([{ title: 'Karnataka Diet Diversity and Food Security for Agricultural Biodiversity Assessment' }]);
      expect(names(record.creators)).to.deep.equal(['Ntandou-Bouzitou, G.D.', 'Kennedy, G.', 'Bellon, M.R.', 'Mathur, P.', 'Dandin, S.', 'Patil, H.B.']);
      expect(record.creators[0]).to.deep.include({ familyName: 'Ntandou-Bouzitou', givenName: 'G.D.', affiliation: [{ name: 'Bioversity International' }] });
      expect(record.doi).to.equal('10.7910/DVN/RLMYMR');
      expect(record.publisher).to.deep.equal({ name: 'Harvard Dataverse' });
      expect(record.version).to.equal('2.0');
      expect(record.language).to.equal('en');
      expect(record.dates).to.deep.include({ date: '2014-08/2014-10', dateType: 'Collected' });
    });

    it('keeps the licence "NONE" as stated, with no licence in the rights list', () => {
      expect(record.source?.license).to.equal('NONE');
      expect(record.rightsList).to.equal(undefined);
    });

    it('keeps the terms of use and the disclaimer verbatim', () => {
      const disclaimer = json(DATAVERSE_NATIVE).data.latestVersion.disclaimer.trim();
      expect(record.source?.terms).to.equal(`Attribution is required\n\nDisclaimer: ${disclaimer}`);
      expect(record.source).to.deep.include({
        repository: 'Harvard Dataverse',
        name: 'dataverse',
        originalIdentifier: '10.7910/DVN/RLMYMR',
        datestamp: '2018-11-15T16:04:00Z',
        metadataNamespace: 'https://guides.dataverse.org/en/latest/api/native-api.html',
      });
    });

    it('lists the files with size and checksum, open to everyone', () => {
      expect(record.files).to.deep.equal([
        {
          name: 'Karnataka_DD&FS_Data-1.tab',
          size: 2321,
          checksum: { algorithm: 'md5', value: 'ca9dea905295ac52db4ea3c7c8bf00e9' },
          format: 'text/tab-separated-values',
          description: 'Data',
        },
        { name: 'Karnataka_DD&FS_Questionnaire.pdf', size: 493564, checksum: { algorithm: 'md5', value: 'd9de390c8f132916b4bb97d6ea0c8ed6' }, format: 'application/pdf' },
      ]);
      expect(record.access).to.equal(undefined);
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));

    it('reads a licence given by name and URI, restricted files and terms of access', () => {
      const dataset = json(DATAVERSE_NATIVE);
      const version = dataset.data.latestVersion;
      version.license = { name: 'CC0 1.0', uri: 'http://creativecommons.org/publicdomain/zero/1.0' };
      version.termsOfAccess = 'Access is granted to researchers of member institutions on request.';
      version.files[1].restricted = true;
      const restricted = recordOf(readDataverse, dataset);
      expect(restricted.source?.license).to.equal('CC0 1.0 (http://creativecommons.org/publicdomain/zero/1.0)');
      expect(licences(restricted)).to.deep.equal([
        {
          rights: 'CC0 1.0',
          rightsUri: 'http://creativecommons.org/publicdomain/zero/1.0',
          rightsIdentifier: 'CC0-1.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
      expect(restricted.source?.accessConditions).to.equal('Access is granted to researchers of member institutions on request.');
      expect(restricted.access).to.deep.equal({ level: 'controlled' });
      expectImportable(restricted);
    });

    it('reads a dataset version on its own', () => {
      const version = json(DATAVERSE_NATIVE).data.latestVersion;
      const fromVersion = recordOf(readDataverse, { status: 'OK', data: version });
      expect(fromVersion.doi).to.equal('10.7910/DVN/RLMYMR');
      expect(fromVersion.titles).to.deep.equal(record.titles);
      expect(fromVersion.source?.repository).to.equal('Dataverse');
      expect(readDataverse(JSON.stringify({ status: 'OK', data: version }))[0]!.sourceIdentifier).to.equal('10.7910/DVN/RLMYMR');
    });
  });

  describe('schema.org: Harvard Dataverse DVN/OLD7MB', () => {
    const record = recordOf(readSchemaOrg, read(DATAVERSE_SCHEMA_ORG));

    it('reads the title, the creators and the DOI', () => {
      expect(record.titles).to.deep.equal([{ title: 'Replication data for: The Supreme Court During Crisis: How War Affects Only Nonwar Cases' }]);
      expect(names(record.creators)).to.deep.equal(['Epstein, Lee', 'Ho, Daniel E.', 'King, Gary', 'Segal, Jeffrey A.']);
      expect(record.creators[1]!.affiliation).to.deep.equal([{ name: 'Yale Law School; Harvard University' }]);
      expect(record.doi).to.equal('10.7910/DVN/OLD7MB');
    });

    it('leaves a licence that names nothing missing, never defaulted', () => {
      expect(record.rightsList).to.equal(undefined);
      expect(record.source).to.not.have.property('license');
      expect(record.source).to.deep.include({ repository: 'Harvard Dataverse', name: 'dataverse', baseUrl: 'https://dataverse.harvard.edu', datestamp: '2016-11-17' });
    });

    it('lists the distributions as files with size and download URL', () => {
      expect(record.files).to.have.length(7);
      expect(record.files![0]).to.deep.equal({
        name: 'Crisis.PDF',
        size: 677112,
        format: 'application/pdf',
        url: 'https://dataverse.harvard.edu/api/access/datafile/101646',
        description: 'Article related to this study: The Supreme Court During Crisis: How War Affects Only Nonwar Cases',
      });
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));
  });

  describe('schema.org: a Dataverse export with every field', () => {
    const record = recordOf(readSchemaOrg, read(DATAVERSE_MAX_SCHEMA_ORG));

    it('reads the creators with their ORCID and the licence URL as stated and as an SPDX id', () => {
      expect(record.titles).to.deep.equal([{ title: 'Max Schema.org' }]);
      expect(record.creators[0]).to.deep.equal({
        name: 'Durbin, Philip',
        nameType: 'Personal',
        givenName: 'Philip',
        familyName: 'Durbin',
        nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-9528-9470', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        affiliation: [{ name: 'Harvard University' }],
      });
      expect(record.doi).to.equal('10.5072/FK2/VQTYHD');
      expect(record.source).to.deep.include({ repository: 'Root', name: 'root', license: 'http://creativecommons.org/publicdomain/zero/1.0' });
      expect(licences(record)).to.have.length(1);
      expect(licences(record)[0]).to.deep.include({ rightsUri: 'http://creativecommons.org/publicdomain/zero/1.0', rightsIdentifier: 'CC0-1.0', rightsIdentifierScheme: 'SPDX' });
      expect(names(record.fundingReferences?.map((f) => ({ name: f.funderName })))).to.deep.equal(['NSF', 'NIH']);
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));
  });

  describe('schema.org: PANGAEA', () => {
    const record = recordOf(readSchemaOrg, read(PANGAEA));

    it('reads the title, the organisations that created it, the DOI and the coverage', () => {
      expect(record.titles).to.deep.equal([{ title: 'Registry of all stations from the Tara Oceans Expedition (2009-2013)' }]);
      expect(record.creators.map((c) => [c.name, c.nameType])).to.deep.equal([
        ['Tara Oceans Consortium, Coordinators', 'Organizational'],
        ['Tara Oceans Expedition, Participants', 'Organizational'],
      ]);
      expect(record.doi).to.equal('10.1594/PANGAEA.842237');
      expect(record.geoLocations).to.deep.equal([
        { geoLocationBox: { westBoundLongitude: -168.5182, eastBoundLongitude: 174.9006, southBoundLatitude: -64.3088, northBoundLatitude: 79.6753 } },
      ]);
      expect(record.dates).to.deep.include({ date: '2009-09-07/2013-10-27', dateType: 'Coverage' });
    });

    it('keeps the licence URL verbatim and gives its SPDX id', () => {
      expect(record.source).to.deep.include({ repository: 'PANGAEA', name: 'pangaea', license: 'https://creativecommons.org/licenses/by/3.0/' });
      expect(licences(record)).to.deep.equal([
        {
          rights: 'Creative Commons Attribution 3.0 Unported',
          rightsUri: 'https://creativecommons.org/licenses/by/3.0/',
          rightsIdentifier: 'CC-BY-3.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
    });

    it('names the downloads after their URLs', () => {
      expect(record.files?.map((file) => file.name)).to.deep.equal(['PANGAEA.842237?format=html', 'PANGAEA.842237?format=textfile']);
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));
  });

  describe('Zenodo legacy record: 7834392', () => {
    const record = recordOf(readInvenio, read(ZENODO));

    it('reads the title, the creators with their ORCIDs, and the DOIs', () => {
      expect(record.titles).to.deep.equal([
        { title: 'A large-scale COVID-19 Twitter chatter dataset for open scientific research - an international collaboration' },
      ]);
      expect(record.creators).to.have.length(9);
      expect(record.creators[0]).to.deep.equal({
        name: 'Banda, Juan M.',
        givenName: 'Juan M.',
        familyName: 'Banda',
        nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0001-8499-824X', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        affiliation: [{ name: 'Georgia State University' }],
      });
      expect(record.doi).to.equal('10.5281/zenodo.7834392');
      expect(record.relatedIdentifiers).to.deep.include({ relatedIdentifier: '10.5281/zenodo.3723939', relatedIdentifierType: 'DOI', relationType: 'IsVersionOf' });
      expect(record.relatedIdentifiers).to.deep.include({
        relatedIdentifier: 'http://www.panacealab.org/covid19/',
        relatedIdentifierType: 'URL',
        relationType: 'IsContinuedBy',
        resourceTypeGeneral: 'Other',
      });
      expect(record.alternateIdentifiers).to.deep.include({ alternateIdentifier: 'https://zenodo.org/records/7834392', alternateIdentifierType: 'URL' });
    });

    it('keeps the licence id "other-pd" verbatim, without an SPDX id it does not have', () => {
      expect(record.source).to.deep.include({ repository: 'Zenodo', name: 'zenodo', baseUrl: 'https://zenodo.org', license: 'other-pd' });
      expect(licences(record)).to.deep.equal([{ rights: 'other-pd' }]);
    });

    it('lists the files with size, MD5 and download URL, open to everyone', () => {
      expect(record.files).to.have.length(24);
      expect(record.files![0]).to.deep.equal({
        name: 'frequent_trigrams.csv',
        size: 24991,
        checksum: { algorithm: 'md5', value: 'b1f7edcfd008053c53659131f654f17d' },
        url: 'https://zenodo.org/api/records/7834392/files/frequent_trigrams.csv/content',
      });
      expect(record.access).to.deep.equal({ level: 'public' });
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));

    it('gives the SPDX id of a licence Zenodo names by an SPDX id', () => {
      const zenodo = json(ZENODO);
      zenodo.metadata.license = { id: 'cc-by-4.0' };
      const licensed = recordOf(readInvenio, zenodo);
      expect(licensed.source?.license).to.equal('cc-by-4.0');
      expect(licences(licensed)).to.deep.equal([
        {
          rights: 'Creative Commons Attribution 4.0 International',
          rightsUri: 'https://creativecommons.org/licenses/by/4.0/',
          rightsIdentifier: 'CC-BY-4.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
      ]);
    });

    it('reads an embargo, and restricted access with its conditions kept verbatim', () => {
      const embargoed = json(ZENODO);
      Object.assign(embargoed.metadata, { access_right: 'embargoed', embargo_date: '2027-04-16' });
      expect(recordOf(readInvenio, embargoed).access).to.deep.equal({ level: 'public', embargoEnd: '2027-04-16' });

      const restricted = json(ZENODO);
      const conditions = 'Access is given to researchers who agree to use the data for non-commercial research only.';
      Object.assign(restricted.metadata, { access_right: 'restricted', access_conditions: conditions });
      const record = recordOf(readInvenio, restricted);
      expect(record.access).to.deep.equal({ level: 'controlled' });
      expect(record.source?.accessConditions).to.equal(conditions);
      expectImportable(record);
    });
  });

  describe('InvenioRDM record: University of Münster datastore wjkxc-ck174', () => {
    const record = recordOf(readInvenio, read(INVENIO_RDM));

    it('reads the titles, the creators with their ROR affiliations, and the DOIs', () => {
      expect(record.titles).to.deep.equal([
        { title: 'PRODATPHIL -- Science and Logic v. 0.2' },
        { title: 'Datensammlung zu Logik und Wissenschaftsphilosophie des 19. Jahrhunderts', titleType: 'Subtitle' },
      ]);
      expect(names(record.creators)).to.deep.equal(['Heßbrüggen-Walter, Stefan', 'Frank, Ingo']);
      expect(record.creators[0]).to.deep.include({ nameType: 'Personal', givenName: 'Stefan', familyName: 'Heßbrüggen-Walter' });
      expect(record.creators[0]!.affiliation![1]).to.deep.equal({
        name: 'Universität Münster',
        affiliationIdentifier: 'https://ror.org/00pd74e08',
        affiliationIdentifierScheme: 'ROR',
        schemeUri: 'https://ror.org',
      });
      expect(record.doi).to.equal('10.17879/91968401496');
      expect(record.relatedIdentifiers).to.deep.include({ relatedIdentifier: '10.17879/vstfr-h2k88', relatedIdentifierType: 'DOI', relationType: 'IsVersionOf' });
      expect(record.relatedIdentifiers).to.deep.include({
        relatedIdentifier: '10.17879/35948496290',
        relatedIdentifierType: 'DOI',
        relationType: 'Continues',
        resourceTypeGeneral: 'Dataset',
      });
    });

    it('keeps the licence id verbatim and gives its SPDX id', () => {
      expect(record.source).to.deep.include({
        repository: 'datastore.uni-muenster.de',
        name: 'datastore-uni-muenster-de',
        baseUrl: 'https://datastore.uni-muenster.de',
        originalIdentifier: '10.17879/91968401496',
        license: 'cc0-1.0',
      });
      expect(licences(record)).to.deep.equal([
        { rights: 'CC0 1.0', rightsUri: 'https://spdx.org/licenses/CC0-1.0', rightsIdentifier: 'CC0-1.0', rightsIdentifierScheme: 'SPDX', schemeUri: 'https://spdx.org/licenses/' },
      ]);
    });

    it('lists the file with size, MD5 and download URL', () => {
      expect(record.files).to.deep.equal([
        {
          name: 'prodatphil_releases-main-0.2.zip',
          size: 147748661,
          checksum: { algorithm: 'md5', value: 'e2c00625c99c8fcd15593b9b5553cbda' },
          format: 'application/zip',
          url: 'https://datastore.uni-muenster.de/api/records/wjkxc-ck174/files/prodatphil_releases-main-0.2.zip/content',
        },
      ]);
      expect(record.access).to.deep.equal({ level: 'public' });
    });

    it('imports, and re-exports valid against the DataCite 4.7 XSD', () => expectImportable(record));
  });

  describe('format detection', () => {
    const cases: Array<[string, string]> = [
      [BIOSTUDIES, 'biostudies'],
      [DATAVERSE_NATIVE, 'dataverse'],
      [DATAVERSE_SCHEMA_ORG, 'schemaorg'],
      [DATAVERSE_MAX_SCHEMA_ORG, 'schemaorg'],
      [PANGAEA, 'schemaorg'],
      [ZENODO, 'invenio'],
      [INVENIO_RDM, 'invenio'],
      [DATACITE_JSON, 'datacite-json'],
    ];
    for (const [file, format] of cases) {
      it(`reads ${file.split('/').pop()} as ${format}`, () => expect(detectFormat(read(file)).name).to.equal(format));
    }
  });

  describe('records that cannot be read', () => {
    it('reports a record without a title by its field, and imports the others', () => {
      const untitled = json(DATAVERSE_MAX_SCHEMA_ORG);
      delete untitled.name;
      const items = readSchemaOrg(JSON.stringify({ '@context': 'https://schema.org/', '@graph': [json(PANGAEA), untitled, { '@type': 'Organization', name: 'PANGAEA' }] }));
      expect(items).to.have.length(2);
      expect(items[0]!.record).to.have.property('doi', '10.1594/PANGAEA.842237');
      expect(items[1]).to.deep.include({ sourceIdentifier: '10.5072/FK2/VQTYHD', sourceDatestamp: '2025-05-21' });
      expect(items[1]!.record).to.equal(undefined);
      expect(items[1]!.error).to.match(/^titles: missing/);
    });

    it('reports a Zenodo record without a title in a page of search results', () => {
      const untitled = json(ZENODO);
      delete untitled.metadata.title;
      const items = readInvenio(JSON.stringify({ hits: { hits: [json(INVENIO_RDM), untitled], total: 2 } }));
      expect(items.map((item) => item.error ?? 'read')).to.deep.equal(['read', 'titles: missing ($.metadata.title)']);
      expect(items[1]!.sourceIdentifier).to.equal('10.5281/zenodo.7834392');
    });

    it('names the field of a record whose creator has no name', () => {
      const study = json(BIOSTUDIES);
      const author = (study.section.subsections as any[]).find((s) => s.type === 'Author');
      author.attributes = author.attributes.filter((a: { name: string }) => a.name !== 'Name');
      const [item] = readBioStudies(JSON.stringify(study));
      expect(item!.error).to.match(/^creators\[1\]\.name: missing/);
    });

    it('leaves a missing licence missing', () => {
      const zenodo = json(ZENODO);
      delete zenodo.metadata.license;
      const unlicensed = recordOf(readInvenio, zenodo);
      expect(unlicensed.rightsList).to.equal(undefined);
      expect(unlicensed.source).to.not.have.property('license');

      const study = json(BIOSTUDIES);
      study.section.attributes = study.section.attributes.filter((a: { name: string }) => a.name !== 'License');
      const withoutLicence = recordOf(readBioStudies, study);
      expect(withoutLicence.rightsList).to.equal(undefined);
      expect(withoutLicence.source).to.not.have.property('license');
    });

    it('refuses a document that is not JSON', () => {
      for (const reader of [readSchemaOrg, readBioStudies, readDataverse, readInvenio]) expectBadRequest(() => reader('<html>'), /^not JSON/);
    });

    it('refuses a JSON document that holds no record of the format', () => {
      expectBadRequest(() => readDataverse('{"status": "OK", "data": {"message": "nothing here"}}'), /holds no record/);
    });
  });
});
