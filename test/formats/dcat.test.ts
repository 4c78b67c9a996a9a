import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataFactory, Parser, Store, type Literal, type Quad, type Term } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { isomorphic } from 'rdf-isomorphic';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { dcatGraph } from '../../src/formats/dcat-graph.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from '../../src/formats/format.js';
import {
  ADMS,
  ADMS_STATUS,
  DATACITE,
  DCAT,
  DCT,
  EU_LANGUAGE,
  FOAF,
  GSP,
  OBO,
  ODRL,
  PROV,
  RDF,
  RDFS,
  SH,
  SKOS,
  SPDX,
  XSD,
} from '../../src/formats/namespaces.js';
import { nTriplesFormat, rdfXmlFormat, turtleFormat } from '../../src/formats/rdf.js';
import type { FairRecord } from '../../src/model/schema.js';
import { CONTEXT, demoRecord, demoRecords, fullRecord, minimalRecord, withdrawnRecord, withFileUrls } from './render-fixtures.js';

const { namedNode, literal } = DataFactory;
const SHAPES = resolve('test/fixtures/shacl/dcat-ap-3.0.1');

// ---------------------------------------------------------------------------------------------------
// Reading RDF back
// ---------------------------------------------------------------------------------------------------

const render = async (format: OutputFormat, record: FairRecord, context: RenderContext = CONTEXT) => format.render(record, context);

const parseTurtle = (document: string): Quad[] => new Parser({ format: 'Turtle' }).parse(document);
const parseNTriples = (document: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(document);

function parseRdfXml(document: string, baseIRI: string): Promise<Quad[]> {
  return new Promise((resolvePromise, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI, dataFactory: DataFactory });
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolvePromise(quads));
    parser.write(document);
    parser.end();
  });
}

interface RapperResult {
  status: number | null;
  errors: string;
  quads: Quad[];
}

/** Debian's rapper (raptor2-utils), an independent C parser, reading `document` from stdin. */
function rapper(document: string, syntax: 'turtle' | 'rdfxml', baseIri: string): RapperResult {
  const result = spawnSync('rapper', ['--quiet', '-i', syntax, '-o', 'ntriples', '-', baseIri], {
    input: document,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, errors: result.stderr, quads: parseNTriples(result.stdout) };
}

const graphOf = (record: FairRecord, context: RenderContext = CONTEXT) => new Store(dcatGraph(record, context));
const datasetOf = (record: FairRecord) => namedNode(landingPageUrl(CONTEXT, record.accession));

/** The single object of subject–predicate; fails when there is not exactly one. */
function objectOf(store: Store, subject: Term, predicate: Term): Term {
  const objects = store.getObjects(subject, predicate, null);
  expect(objects, `${subject.value} ${predicate.value}`).to.have.length(1);
  return objects[0]!;
}

const valuesOf = (store: Store, subject: Term | null, predicate: Term) => store.getObjects(subject, predicate, null).map((term) => term.value);

// ---------------------------------------------------------------------------------------------------
// Records under test
// ---------------------------------------------------------------------------------------------------


const RECORDS_UNDER_TEST = [
  ...demoRecords(),
  { file: 'full record', record: fullRecord() },
  { file: 'withdrawn record', record: withdrawnRecord() },
];

// ---------------------------------------------------------------------------------------------------
// SHACL
// ---------------------------------------------------------------------------------------------------

function loadShapes(...files: string[]): Store {
  return new Store(files.flatMap((file) => new Parser({ format: 'Turtle' }).parse(readFileSync(resolve(SHAPES, file), 'utf8'))));
}

/**
 * The DCAT-AP 3.0.1 release has two shape sets: the consolidated file, and the cardinality and range
 * shapes behind the HTML specification. They mostly agree; the graph is checked against both.
 */
const SHAPE_SETS = {
  'consolidated dcat-ap-SHACL.ttl': () => loadShapes('dcat-ap-SHACL.ttl'),
  'html/shacl shapes.ttl + range.ttl': () => loadShapes('html-shacl/shapes.ttl', 'html-shacl/range.ttl'),
};

async function violations(shapes: Store, quads: Quad[]): Promise<string[]> {
  const report = await new SHACLValidator(shapes).validate(new Store(quads));
  return report.results
    .filter((result) => result.severity.equals(SH('Violation')))
    .map((result) => {
      const constraint = result.sourceConstraintComponent.value.replace(SH.iri, 'sh:');
      const message = result.message.map((m) => m.value).join('; ');
      return `${result.focusNode.value} ${result.path?.value ?? ''} ${constraint} ${result.value?.value ?? ''} ${message}`;
    });
}

describe('DCAT RDF (DCAT 3 / DCAT-AP 3.0.1)', () => {
  describe('the formats', () => {
    it('are Turtle, N-Triples and RDF/XML, not disseminated over OAI-PMH', () => {
      expect([turtleFormat, nTriplesFormat, rdfXmlFormat].map(({ name, mediaTypes, contentType, extension, oai }) => ({ name, mediaTypes, contentType, extension, oai }))).to.deep.equal([
        { name: 'turtle', mediaTypes: ['text/turtle'], contentType: 'text/turtle', extension: 'ttl', oai: undefined },
        { name: 'ntriples', mediaTypes: ['application/n-triples'], contentType: 'application/n-triples', extension: 'nt', oai: undefined },
        { name: 'rdfxml', mediaTypes: ['application/rdf+xml'], contentType: 'application/rdf+xml', extension: 'rdf', oai: undefined },
      ]);
    });

    it('render the same record to the same bytes every time (ETags depend on it)', async () => {
      const record = fullRecord();
      for (const format of [turtleFormat, nTriplesFormat, rdfXmlFormat]) {
        expect(await render(format, record)).to.equal(await render(format, record));
      }
    });

    it('declare only the prefixes they use', async () => {
      const turtle = await render(turtleFormat, minimalRecord());
      expect(turtle).to.contain('@prefix dcat:').and.not.to.contain('@prefix odrl:');
      const rdfXml = await render(rdfXmlFormat, minimalRecord());
      expect(rdfXml).to.match(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rdf:RDF/);
      expect(rdfXml).to.contain('xmlns:dcat=').and.not.to.contain('xmlns:odrl=');
    });
  });

  describe('every serialization carries the same graph', () => {
    for (const { file, record } of RECORDS_UNDER_TEST) {
      const base = landingPageUrl(CONTEXT, record.accession);

      it(`${file}: Turtle (n3) and RDF/XML (rdfxml-streaming-parser) read back isomorphic to the N-Triples`, async () => {
        const nTriples = parseNTriples(await render(nTriplesFormat, record));
        expect(nTriples.length).to.equal(dcatGraph(record, CONTEXT).length);
        const turtle = parseTurtle(await render(turtleFormat, record));
        const rdfXml = await parseRdfXml(await render(rdfXmlFormat, record), base);
        expect(turtle).to.have.length(nTriples.length);
        expect(rdfXml).to.have.length(nTriples.length);
        expect(isomorphic(turtle, nTriples), 'Turtle').to.equal(true);
        expect(isomorphic(rdfXml, nTriples), 'RDF/XML').to.equal(true);
      });

      it(`${file}: rapper reads the Turtle and the RDF/XML without complaint, as the same graph`, async () => {
        const nTriples = parseNTriples(await render(nTriplesFormat, record));
        for (const [syntax, format] of [['turtle', turtleFormat], ['rdfxml', rdfXmlFormat]] as const) {
          const result = rapper(await render(format, record), syntax, base);
          expect(result.status, `${syntax}: ${result.errors}`).to.equal(0);
          expect(result.errors, syntax).to.equal('');
          expect(result.quads, syntax).to.have.length(nTriples.length);
          expect(isomorphic(result.quads, nTriples), syntax).to.equal(true);
        }
      });
    }

    it('keeps line breaks and markup-like text intact, and carriage returns as line feeds', async () => {
      const record = minimalRecord({
        titles: [{ title: 'Tonsil <script>alert(1)</script> & "quotes" ]]> \u0007bell' }],
        descriptions: [{ description: 'first line\r\nsecond line\rthird', descriptionType: 'Abstract' }],
      });
      const dataset = datasetOf(record);
      const rdfXml = new Store(await parseRdfXml(await render(rdfXmlFormat, record), dataset.value));
      expect(valuesOf(rdfXml, dataset, DCT('title'))).to.deep.equal(['Tonsil <script>alert(1)</script> & "quotes" ]]> bell']);
      expect(valuesOf(rdfXml, dataset, DCT('description'))).to.deep.equal(['first line\nsecond line\nthird']);
    });
  });

  describe('DCAT-AP 3.0.1 SHACL shapes', () => {
    for (const [setName, load] of Object.entries(SHAPE_SETS)) {
      describe(setName, () => {
        const shapes = load();
        for (const { file, record } of RECORDS_UNDER_TEST) {
          it(`${file} has no violations`, async () => {
            const found = await violations(shapes, dcatGraph(record, CONTEXT));
            expect(found, found.join('\n')).to.deep.equal([]);
          });
        }

        it('are live: a dataset without description and with an untyped publisher violates them', async () => {
          const record = minimalRecord();
          const publisher = objectOf(graphOf(record), datasetOf(record), DCT('publisher'));
          const broken = dcatGraph(record, CONTEXT).filter(
            (q) => !(q.predicate.equals(DCT('description')) || (q.subject.equals(publisher) && q.predicate.equals(RDF('type')))),
          );
          const found = await violations(shapes, broken);
          expect(found.some((v) => v.includes(`${DCT('description').value} sh:MinCountConstraintComponent`))).to.equal(true);
          expect(found.some((v) => v.includes(`${DCT('publisher').value} sh:ClassConstraintComponent`))).to.equal(true);
        });
      });
    }
  });

  describe('the catalogue', () => {
    it('is the repository, titled, described and published by it, and lists the dataset', () => {
      const record = minimalRecord();
      const graph = graphOf(record);
      const catalog = namedNode(`${CONTEXT.baseUrl}/`);
      expect(graph.has(DataFactory.quad(catalog, RDF('type'), DCAT('Catalog')))).to.equal(true);
      expect(valuesOf(graph, catalog, DCT('title'))).to.deep.equal([CONTEXT.repositoryName]);
      expect(valuesOf(graph, catalog, DCT('description'))).to.have.length(1);
      expect(valuesOf(graph, objectOf(graph, catalog, DCT('publisher')), FOAF('name'))).to.deep.equal([CONTEXT.repositoryName]);
      expect(valuesOf(graph, catalog, DCAT('dataset'))).to.deep.equal([datasetOf(record).value]);
    });
  });

  describe('identifiers', () => {
    it('names the dataset by its landing page, which is also its dcat:landingPage', () => {
      const record = demoRecord('07-');
      const graph = graphOf(record);
      const dataset = datasetOf(record);
      expect(graph.has(DataFactory.quad(dataset, RDF('type'), DCAT('Dataset')))).to.equal(true);
      expect(valuesOf(graph, dataset, DCAT('landingPage'))).to.deep.equal([dataset.value]);
    });

    it('gives the accession and the DOI URL as dct:identifier, and DOI, CSTR and accession as adms:Identifiers', () => {
      const record = demoRecord('07-');
      const graph = graphOf(record);
      const dataset = datasetOf(record);
      expect(valuesOf(graph, dataset, DCT('identifier'))).to.have.members([record.accession, 'https://doi.org/10.12345/demo.7']);

      const identifiers = graph.getObjects(dataset, ADMS('identifier'), null).map((node) => ({
        type: valuesOf(graph, node, RDF('type')),
        notation: objectOf(graph, node, SKOS('notation')),
        agency: valuesOf(graph, node, ADMS('schemaAgency')),
      }));
      expect(identifiers.every(({ type }) => type.includes(ADMS('Identifier').value))).to.equal(true);
      const byNotation = new Map(identifiers.map((identifier) => [identifier.notation.value, identifier]));
      expect(byNotation.get('10.12345/demo.7')?.notation.equals(literal('10.12345/demo.7', DATACITE('doi')))).to.equal(true);
      expect(byNotation.get('10.12345/demo.7')?.agency).to.deep.equal(['International DOI Foundation']);
      expect(byNotation.get('31253.11.demo.7')?.agency).to.deep.equal(['CSTR Identification Platform']);
      expect(byNotation.get(record.accession)?.agency).to.deep.equal([CONTEXT.repositoryName]);
    });

    it('keeps identifiers from other schemes, with their DataCite type', () => {
      const graph = graphOf(demoRecord('02-'));
      const identifier = graph.getSubjects(SKOS('notation'), literal('S-BIAD15'), null)[0]!;
      expect(valuesOf(graph, identifier, RDFS('comment'))).to.deep.equal(['BioStudies accession']);
    });
  });

  describe('descriptive metadata', () => {
    it('tags titles with their language, and maps the record language to the EU language authority', () => {
      const record = demoRecord('06-');
      const graph = graphOf(record);
      const titles = graph.getObjects(datasetOf(record), DCT('title'), null) as Literal[];
      expect(titles.map((t) => t.language)).to.have.members(['en', 'ja']);
      const full = graphOf(fullRecord());
      expect(valuesOf(full, datasetOf(fullRecord()), DCT('language'))).to.deep.equal([EU_LANGUAGE('ENG').value]);
      expect(valuesOf(full, datasetOf(fullRecord()), DCT('alternative'))).to.deep.equal(['Retina atlas']);
    });

    it('names ORCID-identified creators by their ORCID', () => {
      const record = demoRecord('02-');
      const graph = graphOf(record);
      const [creator] = graph.getObjects(datasetOf(record), DCT('creator'), null);
      expect(creator?.value).to.equal('https://orcid.org/0000-0002-6768-609X');
      expect(valuesOf(graph, creator!, RDF('type'))).to.have.members([FOAF('Agent').value, FOAF('Person').value]);
      expect(valuesOf(graph, creator!, FOAF('name'))).to.deep.equal(['Ünal, Elçin']);
    });

    it('makes every subject a keyword, and those with a concept IRI themes', () => {
      const record = demoRecord('02-');
      const graph = graphOf(record);
      const dataset = datasetOf(record);
      expect(valuesOf(graph, dataset, DCAT('keyword'))).to.have.length(record.subjects!.length);
      const themes = graph.getObjects(dataset, DCAT('theme'), null);
      expect(themes.map((t) => t.value)).to.include('http://purl.obolibrary.org/obo/NCBITaxon_4932');
      for (const theme of themes) expect(valuesOf(graph, theme, RDF('type'))).to.deep.equal([SKOS('Concept').value]);
    });

    it('gives a contact point only for ContactPerson contributors', () => {
      expect(valuesOf(graphOf(demoRecord('01-')), null, DCAT('contactPoint'))).to.deep.equal([]);
      const graph = graphOf(demoRecord('03-'));
      const contacts = graph.getObjects(null, DCAT('contactPoint'), null);
      expect(contacts.flatMap((card) => valuesOf(graph, card, namedNode('http://www.w3.org/2006/vcard/ns#fn')))).to.have.members([
        'Bellon, Mauricio',
        'Bioversity-Dataverse',
      ]);
    });

    it('states places, points and boxes as dct:Location, and coverage ranges as dct:PeriodOfTime', () => {
      const point = graphOf(demoRecord('07-'));
      expect(point.getObjects(null, DCAT('centroid'), null)).to.deep.equal([literal('POINT(121.45 31.2)', GSP('wktLiteral'))]);
      const box = graphOf(demoRecord('08-'));
      expect(valuesOf(box, null, DCAT('bbox'))).to.deep.equal(['POLYGON((109.66 20.22, 117.32 20.22, 117.32 25.52, 109.66 25.52, 109.66 20.22))']);
      expect(valuesOf(box, null, SKOS('prefLabel'))).to.include('Guangdong, China');

      const coverage = graphOf(demoRecord('03-'));
      const period = objectOf(coverage, datasetOf(demoRecord('03-')), DCT('temporal'));
      expect(objectOf(coverage, period, DCAT('startDate')).equals(literal('2014-08', XSD('gYearMonth')))).to.equal(true);
      expect(objectOf(coverage, period, DCAT('endDate')).equals(literal('2014-10', XSD('gYearMonth')))).to.equal(true);
      // Collection dates are not coverage.
      expect(point.getObjects(null, DCT('temporal'), null)).to.deep.equal([]);
    });

    it('dates the dataset with one issued and at most one modified date, typed by precision', () => {
      const zenodo = demoRecord('04-');
      const graph = graphOf(zenodo);
      expect(objectOf(graph, datasetOf(zenodo), DCT('issued')).equals(literal('2023-04-16', XSD('date')))).to.equal(true);
      expect(objectOf(graph, datasetOf(zenodo), DCT('modified')).equals(literal('2023-04-17T14:26:45.792430+00:00', XSD('dateTime')))).to.equal(true);
      const minimal = minimalRecord();
      expect(objectOf(graphOf(minimal), datasetOf(minimal), DCT('issued')).equals(literal('2026', XSD('gYear')))).to.equal(true);
    });

    it('links related resources by DOI IRI, and versions with DCAT and Dublin Core version properties', () => {
      const v2 = demoRecord('14-');
      expect(valuesOf(graphOf(v2), datasetOf(v2), DCAT('previousVersion'))).to.deep.equal(['https://doi.org/10.12345/demo.13']);
      const dryad = demoRecord('01-');
      expect(valuesOf(graphOf(dryad), datasetOf(dryad), DCT('isReferencedBy'))).to.deep.equal(['https://doi.org/10.1371/journal.ppat.1000446']);
      const zenodo = demoRecord('04-');
      expect(valuesOf(graphOf(zenodo), datasetOf(zenodo), DCT('isVersionOf'))).to.deep.equal(['https://doi.org/10.5281/zenodo.3723939']);
    });
  });

  describe('access and licence', () => {
    it('states the COAR access right as the dataset’s access rights', () => {
      const expectations = { '07-': 'c_16ec', '09-': 'c_f1cf', '13-': 'c_abf2', '11-': 'c_14cb' };
      for (const [prefix, code] of Object.entries(expectations)) {
        const record = demoRecord(prefix);
        expect(valuesOf(graphOf(record), datasetOf(record), DCT('accessRights')), prefix).to.deep.equal([`http://purl.org/coar/access_right/${code}`]);
      }
    });

    it('licenses each distribution by the SPDX IRI when the licence has an SPDX id', () => {
      for (const record of [demoRecord('13-'), fullRecord()]) {
        const graph = graphOf(record);
        const distributions = graph.getObjects(datasetOf(record), DCAT('distribution'), null);
        expect(distributions).to.not.be.empty;
        const spdxId = record.rightsList![0]!.rightsIdentifier;
        for (const distribution of distributions) {
          const licence = objectOf(graph, distribution, DCT('license'));
          expect(licence.value).to.equal(`https://spdx.org/licenses/${spdxId}`);
          expect(valuesOf(graph, licence, RDF('type'))).to.deep.equal([DCT('LicenseDocument').value]);
        }
      }
    });

    it('falls back to a labelled licence document when the licence is only text', () => {
      const record = demoRecord('03-');
      const graph = graphOf(record);
      const [distribution] = graph.getObjects(datasetOf(record), DCAT('distribution'), null);
      const licence = objectOf(graph, distribution!, DCT('license'));
      expect(licence.termType).to.equal('BlankNode');
      expect(valuesOf(graph, licence, RDFS('label'))).to.deep.equal(['Attribution is required']);
    });

    it('prohibits redistribution, and requires acknowledgement and consent for derived results, for a reserved-rights record', () => {
      const record = demoRecord('08-');
      const graph = graphOf(record);
      const dataset = datasetOf(record);
      const policy = objectOf(graph, dataset, ODRL('hasPolicy'));
      expect(valuesOf(graph, policy, RDF('type'))).to.include(ODRL('Policy').value);
      expect(valuesOf(graph, policy, ODRL('uid'))).to.deep.equal([policy.value]);

      const prohibitions = graph.getObjects(policy, ODRL('prohibition'), null);
      expect(prohibitions.flatMap((p) => valuesOf(graph, p, ODRL('action')))).to.have.members([ODRL('distribute').value, ODRL('sell').value]);
      for (const prohibition of prohibitions) expect(valuesOf(graph, prohibition, ODRL('target'))).to.deep.equal([dataset.value]);

      const permissions = graph.getObjects(policy, ODRL('permission'), null);
      const dutiesOf = (action: string) => {
        const permission = permissions.find((p) => valuesOf(graph, p, ODRL('action')).includes(ODRL(action).value))!;
        return graph.getObjects(permission, ODRL('duty'), null).flatMap((duty) => valuesOf(graph, duty, ODRL('action')));
      };
      // Acknowledging the submitters and citing the accession.
      expect(dutiesOf('use')).to.deep.equal([ODRL('attribute').value, ODRL('attribute').value]);
      expect(dutiesOf('derive')).to.deep.equal([ODRL('obtainConsent').value]);
      expect(valuesOf(graph, policy, RDFS('comment'))).to.deep.equal([record.access.conditions!.terms]);

      for (const distribution of graph.getObjects(dataset, DCAT('distribution'), null)) {
        expect(valuesOf(graph, distribution, ODRL('hasPolicy'))).to.deep.equal([policy.value]);
      }
    });

    it('constrains the use of a controlled record to its DUO purposes, after approval', () => {
      const record = demoRecord('07-');
      const graph = graphOf(record);
      const policy = objectOf(graph, datasetOf(record), ODRL('hasPolicy'));
      const use = objectOf(graph, policy, ODRL('permission'));
      expect(valuesOf(graph, use, ODRL('action'))).to.deep.equal([ODRL('use').value]);

      const constraints = graph.getObjects(use, ODRL('constraint'), null);
      expect(constraints.flatMap((c) => valuesOf(graph, c, ODRL('rightOperand')))).to.have.members(
        ['DUO_0000006', 'DUO_0000021', 'DUO_0000028', 'DUO_0000046'].map((id) => OBO(id).value),
      );
      for (const constraint of constraints) expect(valuesOf(graph, constraint, ODRL('leftOperand'))).to.deep.equal([ODRL('purpose').value]);

      const approval = graph
        .getObjects(use, ODRL('duty'), null)
        .find((duty) => valuesOf(graph, duty, ODRL('action')).includes(ODRL('obtainConsent').value))!;
      expect(valuesOf(graph, approval, RDFS('comment'))).to.deep.equal([record.access.howToApply]);
      expect(valuesOf(graph, approval, RDFS('seeAlso'))).to.deep.equal([record.access.requestUrl]);
    });

    it('has no policy for an open record without conditions', () => {
      expect(valuesOf(graphOf(demoRecord('13-')), null, ODRL('hasPolicy'))).to.deep.equal([]);
    });
  });

  describe('distributions', () => {
    const downloadUrls = (record: FairRecord, context: RenderContext = CONTEXT) => valuesOf(graphOf(record, context), null, DCAT('downloadURL'));

    it('give download URLs for a public record with file URLs', () => {
      const record = demoRecord('03-');
      expect(downloadUrls(record)).to.have.members(record.files!.map((file) => file.url!));
    });

    it('give none for controlled, registered or embargoed files, even when the files have URLs', () => {
      for (const prefix of ['06-', '07-', '09-']) expect(downloadUrls(withFileUrls(demoRecord(prefix))), prefix).to.deep.equal([]);
    });

    it('give them once the embargo has ended', () => {
      const embargoed = withFileUrls(demoRecord('09-'));
      const afterEmbargo = { ...CONTEXT, now: new Date('2027-07-01T00:00:00Z') };
      expect(downloadUrls(embargoed, afterEmbargo)).to.have.length(embargoed.files!.length);
    });

    it('describe each file: title, size, IANA media type or named format, checksum, and the landing page as access URL', () => {
      const record = demoRecord('07-');
      const graph = graphOf(record);
      const byTitle = new Map(graph.getObjects(datasetOf(record), DCAT('distribution'), null).map((d) => [objectOf(graph, d, DCT('title')).value, d]));
      expect([...byTitle.keys()]).to.have.members(record.files!.map((file) => file.name));

      const csv = byTitle.get('sample_metadata.csv')!;
      expect(valuesOf(graph, csv, DCAT('mediaType'))).to.deep.equal(['https://www.iana.org/assignments/media-types/text/csv']);
      expect(valuesOf(graph, csv, DCAT('accessURL'))).to.deep.equal([datasetOf(record).value]);

      const h5ad = byTitle.get('HCC_P01_T.bin50.h5ad')!;
      expect(objectOf(graph, h5ad, DCAT('byteSize')).equals(literal('9126805504', XSD('nonNegativeInteger')))).to.equal(true);
      expect(valuesOf(graph, h5ad, DCAT('mediaType'))).to.deep.equal([]);
      expect(valuesOf(graph, objectOf(graph, h5ad, DCT('format')), RDFS('label'))).to.deep.equal(['application/x-hdf5']);
      const checksum = objectOf(graph, h5ad, SPDX('checksum'));
      expect(valuesOf(graph, checksum, SPDX('algorithm'))).to.deep.equal([SPDX('checksumAlgorithm_sha256').value]);
      expect(objectOf(graph, checksum, SPDX('checksumValue')).equals(literal(record.files![0]!.checksum!.value, XSD('hexBinary')))).to.equal(true);
    });

    it('reduce to one distribution, the landing page, for a record without files', () => {
      const record = minimalRecord();
      const graph = graphOf(record);
      const distribution = objectOf(graph, datasetOf(record), DCAT('distribution'));
      expect(valuesOf(graph, distribution, DCAT('accessURL'))).to.deep.equal([datasetOf(record).value]);
      expect(valuesOf(graph, distribution, DCAT('downloadURL'))).to.deep.equal([]);
    });
  });

  describe('provenance of imported records', () => {
    it('derives a record harvested from DataCite from its DOI, with DataCite as primary source and the harvest as activity', () => {
      const record = demoRecord('01-');
      const graph = graphOf(record);
      const dataset = datasetOf(record);
      expect(valuesOf(graph, dataset, PROV('wasDerivedFrom'))).to.deep.equal(['https://doi.org/10.5061/dryad.8515']);
      const source = objectOf(graph, dataset, PROV('hadPrimarySource'));
      expect(source.value).to.equal('https://api.datacite.org/');
      expect(valuesOf(graph, source, FOAF('name'))).to.deep.equal(['DataCite']);

      const harvest = objectOf(graph, dataset, PROV('wasGeneratedBy'));
      expect(valuesOf(graph, harvest, RDF('type'))).to.deep.equal([PROV('Activity').value]);
      expect(objectOf(graph, harvest, PROV('endedAtTime')).equals(literal('2026-11-01T00:00:00Z', XSD('dateTime')))).to.equal(true);
      expect(valuesOf(graph, harvest, PROV('used'))).to.deep.equal(['https://doi.org/10.5061/dryad.8515']);
    });

    it('quotes the source licence verbatim, marked as quoted from the original record', () => {
      const record = demoRecord('01-');
      const graph = graphOf(record);
      const [statement] = graph.getSubjects(RDFS('label'), literal('cc0-1.0'), null);
      expect(valuesOf(graph, datasetOf(record), DCT('rights'))).to.deep.equal([statement!.value]);
      expect(valuesOf(graph, statement!, PROV('wasQuotedFrom'))).to.deep.equal(['https://doi.org/10.5061/dryad.8515']);
      expect(valuesOf(graph, statement!, RDFS('comment'))[0]).to.match(/verbatim/);
    });

    it('keeps an original identifier that is no IRI as the identifier of the original record', () => {
      const record = demoRecord('02-');
      const graph = graphOf(record);
      const original = objectOf(graph, datasetOf(record), PROV('wasDerivedFrom'));
      expect(original.termType).to.equal('BlankNode');
      expect(valuesOf(graph, original, DCT('identifier'))).to.deep.equal(['S-BIAD15']);
      expect(valuesOf(graph, objectOf(graph, datasetOf(record), PROV('hadPrimarySource')), FOAF('name'))).to.deep.equal(['BioImage Archive']);
    });

    it('reads a DOI in URL form as the DOI, and leaves records of this repository without provenance', () => {
      const dataverse = demoRecord('05-');
      expect(valuesOf(graphOf(dataverse), datasetOf(dataverse), PROV('wasDerivedFrom'))).to.deep.equal(['https://doi.org/10.7910/DVN/OLD7MB']);
      const own = demoRecord('07-');
      expect(valuesOf(graphOf(own), datasetOf(own), PROV('wasDerivedFrom'))).to.deep.equal([]);
    });
  });

  describe('a withdrawn record', () => {
    const record = withdrawnRecord();
    const graph = graphOf(record);
    const dataset = datasetOf(record);

    it('keeps its titles and identifiers', () => {
      expect(valuesOf(graph, dataset, DCT('title'))).to.deep.equal(record.titles.map((t) => t.title));
      expect(valuesOf(graph, dataset, DCT('identifier'))).to.have.members([record.accession, 'https://doi.org/10.12345/demo.12']);
      expect(graph.getObjects(dataset, ADMS('identifier'), null)).to.have.length(3);
    });

    it('has the withdrawn status, the withdrawal as its modification date, and the reason', () => {
      expect(valuesOf(graph, dataset, ADMS('status'))).to.deep.equal([ADMS_STATUS('Withdrawn').value]);
      expect(objectOf(graph, dataset, DCT('modified')).equals(literal('2026-06-01T09:00:00.000Z', XSD('dateTime')))).to.equal(true);
      expect(valuesOf(graph, dataset, RDFS('comment'))).to.deep.equal(['Consent for one donor was withdrawn.']);
    });

    it('has no distributions, access rights or policy', () => {
      for (const property of [DCAT('distribution'), DCT('accessRights'), ODRL('hasPolicy')]) {
        expect(valuesOf(graph, dataset, property), property.value).to.deep.equal([]);
      }
    });
  });
});
