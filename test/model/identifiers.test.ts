import { expect } from 'chai';
import {
  accessionFromOaiIdentifier,
  cstrKey,
  doiKey,
  formatAccession,
  normalizeCstr,
  normalizeDoi,
  oaiIdentifier,
  parseIdentifier,
} from '../../src/model/identifiers.js';

describe('identifiers', () => {
  describe('DOI', () => {
    for (const form of ['10.5061/dryad.8515', 'doi:10.5061/dryad.8515', 'DOI: 10.5061/dryad.8515', 'https://doi.org/10.5061/dryad.8515', 'http://dx.doi.org/10.5061/dryad.8515', '  10.5061/dryad.8515 ']) {
      it(`reads ${JSON.stringify(form)} as 10.5061/dryad.8515`, () => {
        expect(normalizeDoi(form)).to.equal('10.5061/dryad.8515');
      });
    }
    it('compares case-insensitively', () => {
      expect(doiKey(normalizeDoi('10.5061/DRYAD.8515')!)).to.equal(doiKey('10.5061/dryad.8515'));
    });
    for (const bad of ['10.12/x', '11.5061/dryad', '10.5061/', '10.5061/has space', 'https://example.org/10.5061/x', '']) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        expect(normalizeDoi(bad)).to.equal(undefined);
      });
    }
  });

  describe('CSTR', () => {
    for (const form of ['31253.11.sciencedb.06290', 'CSTR:31253.11.sciencedb.06290', 'cstr: 31253.11.sciencedb.06290', 'https://cstr.cn/31253.11.sciencedb.06290']) {
      it(`reads ${JSON.stringify(form)}`, () => {
        expect(normalizeCstr(form)).to.equal('31253.11.sciencedb.06290');
      });
    }
    it('compares case-insensitively', () => {
      expect(cstrKey('31253.11.SciDB.1')).to.equal(cstrKey('31253.11.scidb.1'));
    });
    for (const bad of ['3125.11.x', '31253.1.x', '31253.11.', 'CSTR:31253.11', '31253.11.a b']) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        expect(normalizeCstr(bad)).to.equal(undefined);
      });
    }
  });

  describe('accessions and OAI identifiers', () => {
    it('formats a prefix and seven digits', () => {
      expect(formatAccession('FH', 1)).to.equal('FH0000001');
      expect(formatAccession('STT', 9_999_999)).to.equal('STT9999999');
      expect(() => formatAccession('FH', 10_000_000)).to.throw(RangeError);
      expect(() => formatAccession('FH', 0)).to.throw(RangeError);
    });
    it('derives and parses oai:DOMAIN:ACCESSION', () => {
      expect(oaiIdentifier('data.example.org', 'FH0000001')).to.equal('oai:data.example.org:FH0000001');
      expect(accessionFromOaiIdentifier('data.example.org', 'oai:data.example.org:FH0000001')).to.equal('FH0000001');
      expect(accessionFromOaiIdentifier('data.example.org', 'oai:other.org:FH0000001')).to.equal(undefined);
      expect(accessionFromOaiIdentifier('data.example.org', 'oai:data.example.org:../etc/passwd')).to.equal(undefined);
    });
  });

  describe('parseIdentifier', () => {
    const parse = (text: string) => parseIdentifier(text, 'data.example.org');
    it('tells every form apart', () => {
      expect(parse('FH0000001')).to.deep.equal({ type: 'accession', value: 'FH0000001' });
      expect(parse('oai:data.example.org:FH0000001')).to.deep.equal({ type: 'accession', value: 'FH0000001' });
      expect(parse('https://doi.org/10.5061/dryad.8515')).to.deep.equal({ type: 'doi', value: '10.5061/dryad.8515' });
      expect(parse('CSTR:31253.11.sciencedb.06290')).to.deep.equal({ type: 'cstr', value: '31253.11.sciencedb.06290' });
      expect(parse('31253.11.sciencedb.06290')).to.deep.equal({ type: 'cstr', value: '31253.11.sciencedb.06290' });
    });
    it('returns nothing for text that is no identifier', () => {
      expect(parse('10.12/x')).to.equal(undefined);
      expect(parse('../../etc/passwd')).to.equal(undefined);
      expect(parse('a b')).to.equal(undefined);
    });
  });
});
