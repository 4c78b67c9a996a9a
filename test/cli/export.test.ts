import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Parser, Store } from 'n3';
import { loadConfig } from '../../src/config.js';
import { DCAT, RDF } from '../../src/formats/namespaces.js';
import { loadDemo } from '../../src/services/demo-loader.js';
import { publicRecords } from '../../src/services/export-service.js';
import { openServices } from '../../src/services/open-services.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';

const BASE_URL = 'https://data.example.org';

describe('fairharbor export', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let publicAccessions: string[];
  let directory: string;

  before(async () => {
    database = await freshDatabase();
    env = { DATABASE_URL: database.url, BASE_URL };
    const services = await openServices(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    try {
      await loadDemo(services);
      publicAccessions = [];
      for await (const record of publicRecords(services)) publicAccessions.push(record.accession);
    } finally {
      await services.db.destroy();
    }
    directory = mkdtempSync(join(tmpdir(), 'fairharbor-export-'));
  });
  after(async () => {
    rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  const exported = async (format: string) => {
    const result = await runCli(['export', '--format', format], env);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.contain(`exported ${publicAccessions.length} public records as ${format}`);
    return result.stdout;
  };
  const landingPage = (accession: string) => `${BASE_URL}/records/${accession}`;

  it('has public demo records to export, and none of the others', () => {
    expect(publicAccessions.length).to.be.greaterThan(5);
    expect(publicAccessions.length).to.be.lessThan(15);
  });

  it('writes JSON formats as JSON Lines, one public record a line', async () => {
    const lines = (await exported('linkset')).trimEnd().split('\n');
    expect(lines).to.have.length(publicAccessions.length);
    const anchors = lines.map((line) => (JSON.parse(line) as { linkset: Array<{ anchor: string }> }).linkset[0]!.anchor);
    expect(anchors).to.deep.equal(publicAccessions.map(landingPage));
  });

  it('writes schema.org JSON-LD as JSON Lines of Datasets', async () => {
    const datasets = (await exported('schemaorg')).trimEnd().split('\n').map((line) => JSON.parse(line) as { '@type': string; '@id': string });
    expect(datasets.map((dataset) => dataset['@type'])).to.deep.equal(publicAccessions.map(() => 'Dataset'));
    expect(datasets.map((dataset) => dataset['@id'])).to.deep.equal(publicAccessions.map(landingPage));
  });

  it('writes BibTeX and RIS as one entry per public record', async () => {
    expect((await exported('bibtex')).match(/^@\w+\{/gm)).to.have.length(publicAccessions.length);
    expect((await exported('ris')).match(/^TY {2}- /gm)).to.have.length(publicAccessions.length);
  });

  it('writes DataCite XML as one collection whose every resource is valid', async () => {
    const xml = await exported('datacite-xml');
    expect(xml.match(/<\?xml/g)).to.have.length(1);
    const resources = [...xml.matchAll(/<resource [\s\S]*?<\/resource>/g)].map((match) => match[0]);
    expect(resources).to.have.length(publicAccessions.length);
    for (const resource of resources) {
      const check = validateXml(resource, SCHEMA.dataCite);
      expect(check.valid, check.errors).to.equal(true);
    }
    const root = new XMLParser({ ignoreAttributes: false }).parse(xml).records;
    expect(root['@_format']).to.equal('datacite-xml');
  });

  it('writes oai_dc records as one well-formed collection', async () => {
    const xml = await exported('oai_dc');
    const check = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
    expect(check.status, check.stderr).to.equal(0);
    expect(xml.match(/<oai_dc:dc /g)).to.have.length(publicAccessions.length);
  });

  for (const [format, syntax] of [
    ['turtle', 'turtle'],
    ['ntriples', 'ntriples'],
    ['rdfxml', 'rdfxml'],
  ] as const) {
    it(`writes ${format} as one graph with every public dataset, the catalogue listing them once`, async () => {
      const document = await exported(format);
      // rapper, an independent parser, must read the whole document.
      const rapper = spawnSync('rapper', ['--quiet', '-i', syntax, '-o', 'ntriples', '-', BASE_URL], { input: document, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      expect(rapper.status, rapper.stderr).to.equal(0);
      const store = new Store(new Parser({ format: 'N-Triples' }).parse(rapper.stdout));
      const datasets = store.getSubjects(RDF('type'), DCAT('Dataset'), null).map((term) => term.value);
      expect(datasets).to.have.members(publicAccessions.map(landingPage));
      const catalog = `${BASE_URL}/`;
      expect(store.getObjects(catalog, DCAT('dataset'), null)).to.have.length(publicAccessions.length);
      expect(store.getObjects(catalog, RDF('type'), null).map((t) => t.value)).to.deep.equal([DCAT('Catalog').value]);
    });
  }

  it('writes a file whole, or leaves none behind', async () => {
    const out = join(directory, 'records.ttl');
    const result = await runCli(['export', '--format', 'turtle', '--out', out], env);
    expect(result.code, result.stderr).to.equal(0);
    expect(readFileSync(out, 'utf8')).to.contain('dcat:Dataset');
    expect(existsSync(`${out}.partial`)).to.equal(false);

    const broken = await runCli(['export', '--format', 'turtle', '--out', join(directory, 'missing', 'records.ttl')], env);
    expect(broken.code).to.not.equal(0);
    expect(existsSync(join(directory, 'missing'))).to.equal(false);
  });

  it('refuses an unknown format, listing the known ones', async () => {
    const result = await runCli(['export', '--format', 'docx'], env);
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.contain('turtle');
  });
});
