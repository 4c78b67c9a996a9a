import { expect } from 'chai';
import { oaiDcFormat } from '../../src/formats/oai-dc.js';
import { asDocument } from '../../src/formats/xml.js';
import type { FairRecord } from '../../src/model/schema.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, demoRecord, demoRecords, fullRecord, minimalRecord, readXml, textsOf } from './render-fixtures.js';

const fragmentOf = (record: FairRecord) => oaiDcFormat.oai!.render(record, CONTEXT);
const dcOf = (record: FairRecord) => readXml(fragmentOf(record));
const valuesOf = (record: FairRecord, element: string) => textsOf(dcOf(record), element);

function expectValid(fragment: string): void {
  const check = validateXml(asDocument(fragment), SCHEMA.oaiDc);
  expect(check.valid, check.errors).to.equal(true);
}

describe('oai_dc (simple Dublin Core)', () => {
  describe('every demo record', () => {
    for (const { file, record } of demoRecords()) {
      it(`${file} is valid against the oai_dc XSD`, () => expectValid(fragmentOf(record)));
    }
  });

  it('is disseminated under the oai_dc prefix', () => {
    expect(oaiDcFormat.name).to.equal('oai_dc');
    expect(oaiDcFormat.mediaTypes).to.deep.equal([]);
    expect(oaiDcFormat.oai).to.include({
      metadataPrefix: 'oai_dc',
      schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
      metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
    });
  });

  it('has the oai_dc root with the Dublin Core namespace and schema location', async () => {
    const fragment = fragmentOf(minimalRecord());
    expect(fragment).to.match(
      /^<oai_dc:dc xmlns:oai_dc="http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc\/" xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/" xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance" xsi:schemaLocation="http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc\/ http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc.xsd">/,
    );
    expect(await oaiDcFormat.render(minimalRecord(), CONTEXT)).to.equal(asDocument(fragment));
  });

  it('writes every title with its language, then creators, contributors and publisher', () => {
    const record = demoRecord('06-');
    const dc = dcOf(record);
    const titles = dc.children.filter((c) => c.name === 'title').map((t) => [t.text, t.attributes['xml:lang']]);
    expect(titles).to.deep.equal([
      ['Genome-wide association summary statistics for type 2 diabetes in a Japanese hospital-based cohort', 'en'],
      ['日本人病院コホートにおける2型糖尿病のゲノムワイド関連解析要約統計量', 'ja'],
    ]);
    expect(textsOf(dc, 'creator')).to.deep.equal(record.creators.map((c) => c.name));
    expect(textsOf(dc, 'contributor')).to.deep.equal(record.contributors!.map((c) => c.name));
    expect(textsOf(dc, 'publisher')).to.deep.equal(['FairHarbor Demo Data Centre']);
  });

  it('identifies the record by DOI URL, landing page, accession and CSTR', () => {
    const record = demoRecord('07-');
    expect(valuesOf(record, 'identifier')).to.deep.equal([
      'https://doi.org/10.12345/demo.7',
      `https://data.example.org/records/${record.accession}`,
      record.accession,
      'CSTR:31253.11.demo.7',
    ]);
  });

  it('adds the record’s own alternate identifiers, and has no DOI identifier without a DOI', () => {
    const record = demoRecord('02-');
    expect(valuesOf(record, 'identifier')).to.deep.equal([`https://data.example.org/records/${record.accession}`, 'S-BIAD15', record.accession]);
  });

  it('names the source of an imported record with its original identifier', () => {
    expect(valuesOf(demoRecord('03-'), 'source')).to.deep.equal(['Harvard Dataverse: https://doi.org/10.7910/DVN/RLMYMR']);
    expect(valuesOf(demoRecord('02-'), 'source')).to.deep.equal(['BioImage Archive: S-BIAD15']);
    expect(valuesOf(minimalRecord({ source: { repository: 'Somewhere' } }), 'source')).to.deep.equal(['Somewhere']);
    expect(valuesOf(demoRecord('07-'), 'source')).to.deep.equal([]);
  });

  it('writes related identifiers as relations, DOIs as resolver URLs', () => {
    expect(valuesOf(demoRecord('04-'), 'relation')).to.deep.equal([
      'http://www.panacealab.org/covid19/',
      'https://arxiv.org/abs/2004.03688',
      'https://doi.org/10.5281/zenodo.3723939',
    ]);
  });

  it('dates the record by publication year, issue date and availability', () => {
    const released = minimalRecord({
      dates: [{ date: '2025-12-01', dateType: 'Submitted' }, { date: '2026-01-10', dateType: 'Issued' }],
      access: { level: 'public', releaseDate: '2026-02-01' },
    });
    expect(valuesOf(released, 'date')).to.deep.equal(['2026', '2026-01-10', '2026-02-01']);
    expect(valuesOf(demoRecord('01-'), 'date')).to.deep.equal(['2011', '2011-02-01T17:22:41Z']);
  });

  it('types the record by its general and specific resource type, without repeating one', () => {
    expect(valuesOf(demoRecord('02-'), 'type')).to.deep.equal(['Image', 'Study']);
    expect(valuesOf(demoRecord('01-'), 'type')).to.deep.equal(['Dataset']);
  });

  it('writes subjects, descriptions, formats, language and coverage', () => {
    const record = demoRecord('03-');
    const dc = dcOf(record);
    expect(textsOf(dc, 'subject')).to.have.length(9);
    expect(textsOf(dc, 'subject')).to.include('FOOD SECURITY');
    expect(textsOf(dc, 'description')[0]).to.match(/^The questionnaire elicited information/);
    expect(textsOf(dc, 'format')).to.deep.equal(['text/tab-separated-values', 'application/pdf']);
    expect(textsOf(dc, 'language')).to.deep.equal(['en']);
    expect(textsOf(dc, 'coverage')).to.deep.equal(['Bijapur District, Karnataka, India', '2014-08/2014-10']);
  });

  describe('rights', () => {
    it('lists each licence’s text and URI, then the open access right as COAR label and URI and as info:eu-repo term', () => {
      expect(valuesOf(demoRecord('13-'), 'rights')).to.deep.equal([
        'Creative Commons Zero v1.0 Universal',
        'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
        'open access',
        'http://purl.org/coar/access_right/c_abf2',
        'info:eu-repo/semantics/openAccess',
      ]);
    });

    it('gives a licence named only by its SPDX id the licence’s own page', () => {
      expect(valuesOf(demoRecord('02-'), 'rights').slice(0, 2)).to.deep.equal(['CC-BY 4.0', 'https://creativecommons.org/licenses/by/4.0/']);
      expect(valuesOf(minimalRecord({ rightsList: [{ rightsIdentifier: 'odbl-1.0' }] }), 'rights')[0]).to.equal(
        'Open Data Commons Open Database License v1.0',
      );
    });

    it('states restricted access for a controlled record, after its data-use conditions', () => {
      const rights = valuesOf(demoRecord('07-'), 'rights');
      expect(rights.slice(-3)).to.deep.equal(['restricted access', 'http://purl.org/coar/access_right/c_16ec', 'info:eu-repo/semantics/restrictedAccess']);
      expect(rights).to.have.length(11 + 1 + 3);
      expect(rights.at(-4)).to.match(/^How to obtain access: .* https:\/\/data-access\.example\.org\/apply/);
    });

    it('states embargoed access for an embargoed record, with the end of the embargo as an info:eu-repo date', () => {
      const record = demoRecord('09-');
      expect(valuesOf(record, 'rights')).to.include.members(['embargoed access', 'http://purl.org/coar/access_right/c_f1cf', 'info:eu-repo/semantics/embargoedAccess']);
      expect(valuesOf(record, 'rights')).to.not.include('http://purl.org/coar/access_right/c_abf2');
      expect(valuesOf(record, 'date')).to.include('info:eu-repo/date/embargoEnd/2027-06-30');
      expect(valuesOf(demoRecord('13-'), 'date').filter((date) => date.startsWith('info:'))).to.deep.equal([]);
    });

    it('states closed access for a private record and ignores an access right the record carries itself', () => {
      const record = minimalRecord({ rightsList: [{ rightsUri: 'info:eu-repo/semantics/openAccess' }], access: { level: 'private' } });
      expect(valuesOf(record, 'rights')).to.deep.equal(['metadata only access', 'http://purl.org/coar/access_right/c_14cb', 'info:eu-repo/semantics/closedAccess']);
    });
  });

  it('is valid for a record with every optional field', () => {
    const fragment = fragmentOf(fullRecord());
    expectValid(fragment);
    const dc = readXml(fragment);
    expect(dc.children.filter((c) => c.name === 'subject').map((s) => s.attributes['xml:lang'])).to.deep.equal(['en']);
    expect(textsOf(dc, 'source')).to.deep.equal(['Gene Expression Omnibus: https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE000001']);
    expect(textsOf(dc, 'identifier')).to.include('GSE000001');
  });

  it('keeps hostile text well-formed: control characters dropped, markup escaped', () => {
    const title = 'Tonsil \u0001imaging\uFFFF <script>alert(1)</script> & "quotes" &nbsp;';
    const fragment = fragmentOf(minimalRecord({ titles: [{ title }], creators: [{ name: 'O\u0002Brien & <Sons>' }] }));
    expectValid(fragment);
    expect(fragment).to.not.include('<script>');
    const dc = readXml(fragment);
    expect(textsOf(dc, 'title')).to.deep.equal(['Tonsil imaging <script>alert(1)</script> & "quotes" &nbsp;']);
    expect(textsOf(dc, 'creator')).to.deep.equal(['OBrien & <Sons>']);
  });
});
