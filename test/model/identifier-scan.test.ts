import { expect } from 'chai';
import { classifyIdentifier, scanIdentifiers, type FoundIdentifier } from '../../src/model/identifier-scan.js';

const options = { accessionPrefix: 'FH', oaiRepositoryIdentifier: 'data.example.org' };

/** kind, normalized, found, and "!" + reason for malformed ones (only the start of the reason is compared). */
type Expected = [kind: FoundIdentifier['kind'], normalized: string, found?: string, malformed?: string];

const doi = (normalized: string, found?: string): Expected => ['doi', normalized, found];
const cstr = (normalized: string, found?: string): Expected => ['cstr', normalized, found];
const ext = (normalized: string): Expected => ['external-accession', normalized, normalized];

const TABLE: Array<[text: string, expected: Expected[]]> = [
  // DOIs in every common form
  ['10.5061/dryad.8515', [doi('10.5061/dryad.8515', '10.5061/dryad.8515')]],
  ['doi:10.5061/dryad.8515', [doi('10.5061/dryad.8515', 'doi:10.5061/dryad.8515')]],
  ['DOI: 10.5061/dryad.8515', [doi('10.5061/dryad.8515', 'DOI: 10.5061/dryad.8515')]],
  ['https://doi.org/10.5061/dryad.8515', [doi('10.5061/dryad.8515', 'https://doi.org/10.5061/dryad.8515')]],
  ['http://dx.doi.org/10.5061/dryad.8515', [doi('10.5061/dryad.8515', 'http://dx.doi.org/10.5061/dryad.8515')]],
  ['See doi.org/10.5061/dryad.8515 for the data', [doi('10.5061/dryad.8515', 'doi.org/10.5061/dryad.8515')]],
  ['https://doi.org/10.5061/DRYAD.8515.', [doi('10.5061/dryad.8515', 'https://doi.org/10.5061/DRYAD.8515')]],
  ['DOI:10.1038/S41597-023-02000-X', [doi('10.1038/s41597-023-02000-x')]],
  ['10.1234%2Fabc', [doi('10.1234/abc', '10.1234%2Fabc')]],
  ['https://doi.org/10.1234%2Fabc', [doi('10.1234/abc', 'https://doi.org/10.1234%2Fabc')]],
  ['Deposited in Dryad (https://doi.org/10.5061/dryad.8515).', [doi('10.5061/dryad.8515', 'https://doi.org/10.5061/dryad.8515')]],
  ['Data: <https://doi.org/10.5281/zenodo.1234567>', [doi('10.5281/zenodo.1234567', 'https://doi.org/10.5281/zenodo.1234567')]],
  ['cited as [10.5281/zenodo.1234567], see also "10.6084/m9.figshare.123456".', [doi('10.5281/zenodo.1234567'), doi('10.6084/m9.figshare.123456', '10.6084/m9.figshare.123456')]],
  ['at 10.5061/dryad.8515; 10.5061/dryad.9999: and 10.5061/dryad.7777, done', [doi('10.5061/dryad.8515', '10.5061/dryad.8515'), doi('10.5061/dryad.9999', '10.5061/dryad.9999'), doi('10.5061/dryad.7777', '10.5061/dryad.7777')]],
  ['The Lancet paper 10.1016/S0140-6736(20)30183-5.', [doi('10.1016/s0140-6736(20)30183-5', '10.1016/S0140-6736(20)30183-5')]],
  ['(see 10.1016/S0140-6736(20)30183-5)', [doi('10.1016/s0140-6736(20)30183-5', '10.1016/S0140-6736(20)30183-5')]],
  ['数据见 https://doi.org/10.57760/sciencedb.06290。', [doi('10.57760/sciencedb.06290', 'https://doi.org/10.57760/sciencedb.06290')]],
  ['https://doi.org/10.5061/dryad.8515 and 10.5061/DRYAD.8515 and doi:10.5061/dryad.8515', [doi('10.5061/dryad.8515', 'https://doi.org/10.5061/dryad.8515')]],
  // Malformed DOIs
  ['doi:10.12/x', [['doi', '10.12/x', 'doi:10.12/x', 'the registrant code "12"']]],
  ['10.12/x', [['doi', '10.12/x', '10.12/x', 'the registrant code "12"']]],
  ['Deposited at 10.5061/.', [['doi', '10.5061/', '10.5061/', 'nothing follows']]],
  ['https://doi.org/10.5061/dryad#8515', [['doi', '10.5061/dryad#8515', 'https://doi.org/10.5061/dryad#8515', 'the suffix has characters']]],
  // CSTRs
  ['CSTR:31253.11.sciencedb.06290', [cstr('31253.11.sciencedb.06290', 'CSTR:31253.11.sciencedb.06290')]],
  ['CSTR 31253.11.sciencedb.06290.', [cstr('31253.11.sciencedb.06290', 'CSTR 31253.11.sciencedb.06290')]],
  ['cstr: 31253.11.sciencedb.06290', [cstr('31253.11.sciencedb.06290', 'cstr: 31253.11.sciencedb.06290')]],
  ['bare 31253.11.sciencedb.06290;', [cstr('31253.11.sciencedb.06290', '31253.11.sciencedb.06290')]],
  ['https://cstr.cn/31253.11.sciencedb.06290', [cstr('31253.11.sciencedb.06290', 'https://cstr.cn/31253.11.sciencedb.06290')]],
  ['CSTR:3125.11.sciencedb', [['cstr', '3125.11.sciencedb', 'CSTR:3125.11.sciencedb', 'a CSTR is']]],
  // Accessions and OAI identifiers of this repository
  ['Deposited as FH0000013.', [['accession', 'FH0000013', 'FH0000013']]],
  ['oai:data.example.org:FH0000013', [['oai-identifier', 'FH0000013', 'oai:data.example.org:FH0000013']]],
  ['https://data.example.org/records/FH0000013', [['accession', 'FH0000013', 'FH0000013']]],
  // External accessions
  ['GEO under GSE123456, samples GSM1234567 on GPL570 (GDS5000).', [ext('GSE123456'), ext('GSM1234567'), ext('GPL570'), ext('GDS5000')]],
  ['ENA PRJEB12345 (ERP123456), runs ERR1234567 and ERX123456; sample SAMEA123456 (ERS123456).', [ext('PRJEB12345'), ext('ERP123456'), ext('ERR1234567'), ext('ERX123456'), ext('SAMEA123456'), ext('ERS123456')]],
  ['NCBI BioProject PRJNA239279, SRA SRP012345, SRX1234567, SRR12345678, SRS123456, BioSample SAMN12345678', [ext('PRJNA239279'), ext('SRP012345'), ext('SRX1234567'), ext('SRR12345678'), ext('SRS123456'), ext('SAMN12345678')]],
  ['DDBJ PRJDB1234, DRP000001, DRX000001, DRR000001, DRS000001, SAMD00000001', [ext('PRJDB1234'), ext('DRP000001'), ext('DRX000001'), ext('DRR000001'), ext('DRS000001'), ext('SAMD00000001')]],
  ['JGA study JGAS000123, dataset JGAD000123, policy JGAP000001, sample JGAN000000001, experiment JGAX000000001', [ext('JGAS000123'), ext('JGAD000123'), ext('JGAP000001'), ext('JGAN000000001'), ext('JGAX000000001')]],
  ['NBDC Human Database hum0004 and hum0197.v1.', [ext('hum0004'), ext('hum0197.v1')]],
  ['BioStudies S-BSST123, BioImage Archive S-BIAD15, S-EPMC6266652 and ArrayExpress E-MTAB-1234.', [ext('S-BSST123'), ext('S-BIAD15'), ext('S-EPMC6266652'), ext('E-MTAB-1234')]],
  ['CNGBdb CNP0000001 (CNS0000002, CNX0000003, CNR0000004, CNA0000005)', [ext('CNP0000001'), ext('CNS0000002'), ext('CNX0000003'), ext('CNR0000004'), ext('CNA0000005')]],
  ['STOmicsDB STT0000028 with sections STTS0000001 and runs STRN0000001', [ext('STT0000028'), ext('STTS0000001'), ext('STRN0000001')]],
  ['https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE12345', [ext('GSE12345')]],
  ['https://www.ebi.ac.uk/ena/browser/view/PRJEB12345', [ext('PRJEB12345')]],
  // Statements mixing several identifiers
  [
    'The data are available in ScienceDB (https://doi.org/10.57760/sciencedb.06290; CSTR:31253.11.sciencedb.06290) and GEO under GSE123456.',
    [doi('10.57760/sciencedb.06290', 'https://doi.org/10.57760/sciencedb.06290'), cstr('31253.11.sciencedb.06290', 'CSTR:31253.11.sciencedb.06290'), ext('GSE123456')],
  ],
  [
    'Raw reads: CNGBdb CNP0001234 and NCBI PRJNA765432; processed data in fairharbor (FH0000013, https://doi.org/10.12345/AB12C-DE34F).',
    [ext('CNP0001234'), ext('PRJNA765432'), ['accession', 'FH0000013'], doi('10.12345/ab12c-de34f')],
  ],
  ['GSE123456, GSE123456 and gse123456', [ext('GSE123456')]],
  // Nothing to find
  ['Samples were collected on 2024.10.11 and analysed with v2.10.1 and release 31253.11.2.', []],
  ['A dose of 10.5 mg/kg was given; ratio 10.25/20.5; p < 0.05; n = 1234567.', []],
  ['Contact GSE123456@example.org or john.smith10.1234@univ.edu.cn for access.', []],
  ['Code at https://github.com/lab/GSE123456 and https://example.org/10.5061/dryad.8515', []],
  ['PRJNAB, xGSE12345, GSE12345x, JGAS12345, CNP000001, NOTAFH0000013, FH00000130', []],
  ['oai:other.example.org:FH0000013 is another repository', []],
  ['https://datadryad.org/stash/dataset/doi:10.5061/dryad.8515', []],
];

describe('scanIdentifiers', () => {
  for (const [text, expected] of TABLE) {
    it(`finds ${expected.length} in ${JSON.stringify(text)}`, () => {
      const found = scanIdentifiers(text, options);
      expect(found.map((f) => [f.kind, f.normalized]), JSON.stringify(found)).to.deep.equal(expected.map(([kind, normalized]) => [kind, normalized]));
      expected.forEach(([, , foundText, malformed], i) => {
        const actual = found[i]!;
        if (foundText !== undefined) expect(actual.found).to.equal(foundText);
        if (malformed !== undefined) expect(actual.malformed).to.be.a('string').and.satisfy((m: string) => m.startsWith(malformed));
        else expect(actual.malformed).to.equal(undefined);
      });
    });
  }

  it('keeps the order of appearance across kinds', () => {
    const found = scanIdentifiers('GSE1 then 10.1234/a then CSTR:31253.11.x then FH0000001', options);
    expect(found.map((f) => f.kind)).to.deep.equal(['external-accession', 'doi', 'cstr', 'accession']);
  });

  it('labels what it finds for people', () => {
    const labels = scanIdentifiers('10.1234/a CSTR:31253.11.x FH0000001 oai:data.example.org:FH0000002 GSE1 JGAS000001 PRJEB1 SRR000001 S-BIAD1 hum0004 CNP0000001 STT0000001', options).map((f) => f.label);
    expect(labels).to.deep.equal([
      'DOI',
      'CSTR',
      'fairharbor accession',
      'OAI identifier',
      'GEO series',
      'JGA study',
      'ENA project',
      'SRA run',
      'BioImage Archive study',
      'NBDC Human Database research',
      'CNGBdb project',
      'STOmicsDB project',
    ]);
  });

  it('prefers this repository’s accessions when its prefix looks like an archive’s', () => {
    const found = scanIdentifiers('STT0000001', { accessionPrefix: 'STT', oaiRepositoryIdentifier: 'data.example.org' });
    expect(found).to.deep.equal([{ found: 'STT0000001', kind: 'accession', label: 'fairharbor accession', normalized: 'STT0000001' }]);
  });

  it('returns nothing for empty text', () => {
    expect(scanIdentifiers('', options)).to.deep.equal([]);
  });
});

describe('classifyIdentifier', () => {
  const classify = (text: string) => classifyIdentifier(text, options);

  it('classifies one identifier in any accepted form', () => {
    expect(classify(' https://doi.org/10.5061/DRYAD.8515. ')).to.deep.equal({ found: 'https://doi.org/10.5061/DRYAD.8515', kind: 'doi', label: 'DOI', normalized: '10.5061/dryad.8515' });
    expect(classify('CSTR:31253.11.sciencedb.06290')?.normalized).to.equal('31253.11.sciencedb.06290');
    expect(classify('31253.11.0001')).to.deep.equal({ found: '31253.11.0001', kind: 'cstr', label: 'CSTR', normalized: '31253.11.0001' });
    expect(classify('FH0000013')?.kind).to.equal('accession');
    expect(classify('oai:data.example.org:FH0000013')).to.include({ kind: 'oai-identifier', normalized: 'FH0000013' });
    expect(classify('(GSE123456)')).to.include({ kind: 'external-accession', label: 'GEO series', normalized: 'GSE123456' });
  });

  it('reports a malformed DOI', () => {
    expect(classify('10.12/x')).to.include({ kind: 'doi', normalized: '10.12/x' }).and.have.property('malformed');
  });

  it('refuses text that is not exactly one identifier', () => {
    expect(classify('see GSE123456')).to.equal(undefined);
    expect(classify('GSE1 GSE2')).to.equal(undefined);
    expect(classify('hello')).to.equal(undefined);
    expect(classify('')).to.equal(undefined);
  });
});
