import { expect } from 'chai';
import { dataCiteResource } from '../../src/formats/datacite-xml.js';
import { oaiDataCiteFormat } from '../../src/formats/oai-datacite.js';
import { asDocument } from '../../src/formats/xml.js';
import type { FairRecord } from '../../src/model/schema.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, demoRecord, demoRecords, findAll, findOne, fullRecord, minimalRecord, readXml } from './render-fixtures.js';

const fragmentOf = (record: FairRecord, context = CONTEXT) => oaiDataCiteFormat.oai!.render(record, context);

function expectValid(fragment: string): void {
  const check = validateXml(asDocument(fragment), SCHEMA.oaiDataCite);
  expect(check.valid, check.errors).to.equal(true);
}

describe('oai_datacite (OAI-PMH DataCite envelope 1.1)', () => {
  describe('every demo record', () => {
    for (const { file, record } of demoRecords()) {
      it(`${file} is valid against the oai_datacite XSD`, () => expectValid(fragmentOf(record)));
    }
  });

  it('is disseminated under the oai_datacite prefix with DataCite’s OAI schema', () => {
    expect(oaiDataCiteFormat.name).to.equal('oai_datacite');
    expect(oaiDataCiteFormat.mediaTypes).to.deep.equal([]);
    expect(oaiDataCiteFormat.contentType).to.equal('application/xml');
    expect(oaiDataCiteFormat.oai).to.include({
      metadataPrefix: 'oai_datacite',
      schema: 'http://schema.datacite.org/oai/oai-1.1/oai.xsd',
      metadataNamespace: 'http://schema.datacite.org/oai/oai-1.1/',
    });
  });

  it('wraps the record in the envelope with schema version and data centre', () => {
    const fragment = fragmentOf(demoRecord('07-'));
    expect(fragment).to.match(/^<oai_datacite xmlns="http:\/\/schema.datacite.org\/oai\/oai-1.1\/" /);
    const envelope = readXml(fragment);
    expect(envelope.attributes['xsi:schemaLocation']).to.equal('http://schema.datacite.org/oai/oai-1.1/ http://schema.datacite.org/oai/oai-1.1/oai.xsd');
    expect(envelope.children.map((c) => [c.name, c.text])).to.deep.equal([
      ['schemaVersion', '4.7'],
      ['datacentreSymbol', 'Example Data Centre'],
      ['payload', ''],
    ]);
  });

  it('carries the same kernel-4 resource as the DataCite XML format, in its own namespace', () => {
    const record = fullRecord();
    const payload = findOne(readXml(fragmentOf(record)), 'payload');
    expect(payload.children).to.have.length(1);
    const [resource] = payload.children;
    expect(resource!.attributes.xmlns).to.equal('http://datacite.org/schema/kernel-4');
    const standalone = readXml(dataCiteResource(record, CONTEXT));
    expect(resource!.children).to.deep.equal(standalone.children);
    expect(findOne(resource!, 'identifier').text).to.equal('10.12345/full.1');
  });

  it('validates the payload against the DataCite 4.7 XSD as well', () => {
    // The envelope's XSD leaves the payload's content unchecked, so check the resource on its own.
    for (const record of [fullRecord(), demoRecord('15-')]) {
      const payload = fragmentOf(record).match(/<payload>([\s\S]*)<\/payload>/)![1]!;
      const resource = payload.replace('<resource ', `<resource xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `);
      const check = validateXml(asDocument(resource), SCHEMA.dataCite);
      expect(check.valid, check.errors).to.equal(true);
    }
  });

  it('keeps text from the configuration and the record well-formed', () => {
    const context = { ...CONTEXT, repositoryName: 'Data & Co \u0001<Centre>' };
    const record = minimalRecord({ titles: [{ title: 'A <b>bold</b> \uFFFF&nbsp;title' }] });
    const fragment = fragmentOf(record, context);
    expectValid(fragment);
    const envelope = readXml(fragment);
    expect(findOne(envelope, 'datacentreSymbol').text).to.equal('Data & Co <Centre>');
    expect(findAll(envelope, 'title').map((t) => t.text)).to.deep.equal(['A <b>bold</b> &nbsp;title']);
  });

  it('renders a standalone document with an XML declaration', async () => {
    const document = await oaiDataCiteFormat.render(minimalRecord(), CONTEXT);
    expect(document).to.equal(asDocument(fragmentOf(minimalRecord())));
    const check = validateXml(document, SCHEMA.oaiDataCite);
    expect(check.valid, check.errors).to.equal(true);
  });
});
