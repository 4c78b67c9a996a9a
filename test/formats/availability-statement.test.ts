import { expect } from 'chai';
import { availabilityStatement, availabilityStatementFormat } from '../../src/formats/availability-statement.js';
import { softwareToOpen } from '../../src/formats/file-software.js';
import { formatByName, negotiableFormats } from '../../src/formats/registry.js';
import { negotiateFormat } from '../../src/http/negotiation.js';
import type { FairRecord } from '../../src/model/schema.js';
import { tombstoneView } from '../../src/services/record-service.js';
import { ADMIN_TOKEN, minimalRecord as recordInput, startTestServer } from '../helpers/server.js';
import { CONTEXT, demoRecord, demoRecords, fullRecord, minimalRecord } from './render-fixtures.js';

const OPEN = /^The related data \((.+)\) for this paper is available in the (.+) database \((https?:\/\/\S+)\)\.$/;
const SPECIAL_SOFTWARE = /^The related data \((.+)\) of this paper can be accessed in the (.+) database \((https?:\/\/\S+)\), and the software for opening the data is (.+)\.$/;
const ON_REQUEST = /^The related data of this paper is data that should not be shared, and can be obtained from the author for reasonable reasons\. The author’s contact information: (.+)\.$/;

const templateOf = (record: FairRecord) => availabilityStatement(record, CONTEXT).template;

describe('data availability statement', () => {
  it('is a format reached only by name, as plain text', async () => {
    expect(formatByName('availability-statement')).to.equal(availabilityStatementFormat);
    expect(availabilityStatementFormat.mediaTypes).to.deep.equal([]);
    expect(availabilityStatementFormat.contentType).to.equal('text/plain');
    expect(availabilityStatementFormat.extension).to.equal('txt');
    expect(negotiateFormat(negotiableFormats(), undefined, { format: 'availability-statement' }).format).to.equal(availabilityStatementFormat);
    const record = demoRecord('01');
    expect(await availabilityStatementFormat.render(record, CONTEXT)).to.equal(`${availabilityStatement(record, CONTEXT).text}\n`);
  });

  it('is served at ?format=availability-statement', async () => {
    const server = await startTestServer();
    try {
      const input = recordInput({ doi: '10.12345/das.1', files: [{ name: 'cells.h5ad', url: 'https://files.example.org/cells.h5ad' }] });
      const { accession } = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: input })).json();
      const response = await server.request('GET', `/records/${accession}?format=availability-statement`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
      expect(await response.text()).to.match(/^The related data \(DOI: 10\.12345\/das\.1\) of this paper can be accessed in the .+ database \(https:\/\/doi\.org\/10\.12345\/das\.1\), and the software for opening the data is AnnData \(e\.g\. Scanpy\)\.\n$/);
    } finally {
      await server.stop();
    }
  });

  describe('chooses the template of the journal data policy', () => {
    const expected: Record<string, ReturnType<typeof templateOf>> = {
      '01-dryad-malaria-agent': 'open',
      '02-bioimage-archive-s-biad15': 'open',
      '03-harvard-dataverse-karnataka-diet': 'open',
      '04-zenodo-covid19-twitter-chatter': 'open',
      '05-harvard-dataverse-supreme-court-crisis': 'open',
      '06-registered-t2d-gwas-japanese': 'on-request',
      '07-controlled-hcc-stereo-seq': 'on-request',
      '08-reserved-rights-h9n2-genomes': 'open',
      '09-embargoed-zebrafish-lightsheet': 'on-request',
      '10-scheduled-rice-root-atlas': 'special-software',
      '11-private-draft-axolotl-multiome': 'on-request',
      '12-to-withdraw-placenta-visium': 'special-software',
      '13-mouse-brain-atlas-v1': 'special-software',
      '14-mouse-brain-atlas-v2': 'special-software',
      '15-escaping-tonsil-imaging': 'special-software',
    };
    for (const { file, record } of demoRecords()) {
      const name = file.replace(/\.json$/, '');
      it(`${name}: ${expected[name]}`, () => {
        const { template, text } = availabilityStatement(record, CONTEXT);
        expect(template).to.equal(expected[name]);
        expect(text).to.match({ open: OPEN, 'special-software': SPECIAL_SOFTWARE, 'on-request': ON_REQUEST, withdrawn: /withdrawn/ }[template]);
      });
    }
  });

  describe('fills the template in from the record', () => {
    it('open data: identifier, repository and permanent link', () => {
      expect(availabilityStatement(demoRecord('01'), CONTEXT).text).to.equal(
        'The related data (DOI: 10.5061/dryad.8515) for this paper is available in the Dryad database (https://doi.org/10.5061/dryad.8515).',
      );
      expect(availabilityStatement(demoRecord('08'), CONTEXT).text).to.equal(
        'The related data (DOI: 10.12345/demo.8; CSTR: 31253.11.demo.8) for this paper is available in the Example Data Centre database (https://doi.org/10.12345/demo.8).',
      );
    });

    it('open data without DOI or CSTR: the accession number and the landing page', () => {
      expect(availabilityStatement(minimalRecord(), CONTEXT).text).to.equal(
        'The related data (accession number: FH0000001) for this paper is available in the Example Data Centre database (https://data.example.org/records/FH0000001).',
      );
    });

    it('data that need special software: the software', () => {
      expect(availabilityStatement(demoRecord('13'), CONTEXT).text).to.equal(
        'The related data (DOI: 10.12345/demo.13; CSTR: 31253.11.demo.13) of this paper can be accessed in the Example Data Centre database (https://doi.org/10.12345/demo.13), and the software for opening the data is AnnData (e.g. Scanpy).',
      );
    });

    it('data that should not be shared: the contact persons and where to apply', () => {
      expect(availabilityStatement(demoRecord('07'), CONTEXT).text).to.equal(
        'The related data of this paper is data that should not be shared, and can be obtained from the author for reasonable reasons. The author’s contact information: Jing Wang, https://data-access.example.org/apply?dataset=31253.11.demo.7.',
      );
      expect(availabilityStatement(demoRecord('11'), CONTEXT).text).to.match(/contact information: https:\/\/data\.example\.org\/records\/FH0000011\.$/);
    });

    it('embargoed data become open data when the embargo ends', () => {
      const record = demoRecord('09');
      expect(availabilityStatement(record, { ...CONTEXT, now: new Date('2027-07-01T00:00:00Z') }).template).to.equal('special-software');
    });

    it('withdrawn data: when and why', () => {
      const record = tombstoneView({ ...demoRecord('12'), status: 'withdrawn', tombstone: { reason: 'Consent withdrawn by participants', date: '2026-06-01T09:00:00.000Z' } });
      expect(availabilityStatement(record, CONTEXT)).to.deep.equal({
        template: 'withdrawn',
        text: 'The related data (DOI: 10.12345/demo.12; CSTR: 31253.11.demo.12) of this paper were withdrawn from the Example Data Centre database on 2026-06-01: Consent withdrawn by participants.',
      });
    });
  });

  describe('software to open the files', () => {
    it('goes by the end of the file name before the media type', () => {
      expect(softwareToOpen({ files: [{ name: 'cells.h5ad', format: 'application/x-hdf5' }] })).to.deep.equal(['AnnData (e.g. Scanpy)']);
      expect(softwareToOpen({ files: [{ name: 'matrix.bin', format: 'application/x-hdf5; version=5' }] })).to.deep.equal(['HDF5 tools (e.g. h5py or HDFView)']);
      expect(softwareToOpen({ files: [{ name: 'IMAGE.OME.TIFF' }] })).to.deep.equal(['Bio-Formats (e.g. Fiji)']);
    });

    it('names each piece of software once, and none for formats common tools read', () => {
      const files = [{ name: 'a.h5ad' }, { name: 'b.h5ad' }, { name: 'c.ome.tif' }, { name: 'd.csv', format: 'text/csv' }];
      expect(softwareToOpen({ files })).to.deep.equal(['AnnData (e.g. Scanpy)', 'Bio-Formats (e.g. Fiji)']);
      expect(softwareToOpen({ files: [{ name: 'data.csv' }, { name: 'paper.pdf' }, { name: 'reads.fasta.gz' }] })).to.deep.equal([]);
      const both = availabilityStatement(minimalRecord({ files }), CONTEXT).text;
      expect(both).to.match(/is AnnData \(e\.g\. Scanpy\) and Bio-Formats \(e\.g\. Fiji\)\.$/);
    });

    it('falls back on the declared formats of a record without files', () => {
      expect(softwareToOpen({ formats: ['application/x-hdf5'] })).to.deep.equal(['HDF5 tools (e.g. h5py or HDFView)']);
      expect(softwareToOpen({ files: [{ name: 'table.csv' }], formats: ['application/x-hdf5'] })).to.deep.equal([]);
      expect(templateOf({ ...fullRecord(), files: [] })).to.equal('special-software');
    });
  });
});
