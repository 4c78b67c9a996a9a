import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { checkMapping, crosswalkJson, loadMapping, readRecord, type Mapping, type Spec } from '../../src/import/crosswalk.js';
import { TRANSFORMS, type TransformContext } from '../../src/import/crosswalk-transforms.js';

const mapping = (record: Mapping['record'], extra: Partial<Mapping> = {}): Mapping => ({ name: 'test', records: '$', record, ...extra });

/** The record input `record` reads `source` into, or the error. */
function crosswalk(record: Mapping['record'], source: unknown, extra: Partial<Mapping> = {}) {
  const m = mapping(record, extra);
  checkMapping(m);
  return readRecord(m, source);
}

const transform = (name: string, value: unknown, argument?: string) =>
  TRANSFORMS[name]!(value, { argument, lookups: {}, root: {}, query: () => [] } satisfies TransformContext);

describe('crosswalk engine', () => {
  describe('mapping files', () => {
    for (const file of readdirSync('mappings').filter((name) => name.endsWith('.json'))) {
      it(`${file} is a valid mapping`, () => expect(() => loadMapping(file.replace(/\.json$/, ''))).to.not.throw());
    }

    it('refuses unknown keys, transforms and lookup tables, naming where', () => {
      expect(() => checkMapping(mapping({ titles: { path: '$.name', transfrom: 'text' } as never }))).to.throw(/titles: "transfrom" is not a key/);
      expect(() => checkMapping(mapping({ titles: { path: '$.name', transform: 'titleCase' } }))).to.throw(/titles: no transform named "titleCase"/);
      expect(() => checkMapping(mapping({ types: { object: { resourceTypeGeneral: { path: '$.type', transform: 'lookup:types' } } } }))).to.throw(
        /types.resourceTypeGeneral: no lookup table "types"/,
      );
      expect(() => checkMapping(mapping({ dates: { path: '$.type', transform: 'term:dateTypes' } }))).to.throw(/"dateTypes" is not a DataCite vocabulary/);
      expect(() => checkMapping(mapping({ doi: ['$.doi', '$.id'] as never }))).to.throw(/alternatives are written/);
    });
  });

  describe('paths and lists', () => {
    it('takes the first path that matches, one match as a value and several as a list', () => {
      const { record } = crosswalk({ version: { path: ['$.missing', '$.version'] }, keywords: '$.tags[*]' }, { version: 2, tags: ['a', 'b'] });
      expect(record).to.deep.equal({ version: 2, keywords: ['a', 'b'] });
    });

    it('builds one entry per item with each, a single value counting as a list of one', () => {
      const spec = { each: '$.creator', object: { name: '$.name' } };
      expect(crosswalk({ creators: spec }, { creator: [{ name: 'A' }, { name: 'B' }] }).record).to.deep.equal({ creators: [{ name: 'A' }, { name: 'B' }] });
      expect(crosswalk({ creators: spec }, { creator: { name: 'A' } }).record).to.deep.equal({ creators: [{ name: 'A' }] });
    });

    it('leaves out an object that holds only constants, and an entry whose "drop" field is missing', () => {
      const dates: Spec = {
        concat: [
          { object: { date: { path: '$.issued', required: 'drop' }, dateType: 'Issued' } },
          { object: { date: { path: '$.updated', required: 'drop' }, dateType: 'Updated' } },
          { object: { dateType: 'Other' } },
        ],
      };
      expect(crosswalk({ dates }, { issued: '2020' }).record).to.deep.equal({ dates: [{ date: '2020', dateType: 'Issued' }] });
    });

    it('joins, dedupes and picks the first of lists after the transforms', () => {
      const { record } = crosswalk(
        {
          place: { concat: ['$.city', '$.country'], join: ', ' },
          ids: { concat: ['$.a', '$.b'], transform: 'orcid', unique: true },
          doi: { concat: ['$.url', '$.id'], transform: 'doi', first: true },
        },
        { city: 'Cambridge', country: 'UK', a: '0000-0002-1825-0097', b: 'https://orcid.org/0000-0002-1825-0097', url: 'https://example.org', id: 'doi:10.1234/X' },
      );
      expect(record).to.deep.equal({
        place: 'Cambridge, UK',
        ids: [{ nameIdentifier: 'https://orcid.org/0000-0002-1825-0097', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        doi: '10.1234/X',
      });
    });

    it('filters with when, unless, equals and ignore', () => {
      const spec = {
        orcids: { each: '$.ids', when: { path: '$.scheme', equals: 'ORCID' }, path: '$.value' },
        others: { each: '$.ids', unless: { path: '$.scheme', equals: 'ORCID' }, path: '$.value' },
        licence: { path: '$.licence', ignore: ['none'] },
      };
      const source = { ids: [{ scheme: 'ORCID', value: '1' }, { scheme: 'ISNI', value: '2' }], licence: 'NONE' };
      expect(crosswalk(spec, source).record).to.deep.equal({ orcids: ['1'], others: ['2'] });
    });

    it('looks values up exactly, ignoring case and separators, by the part before a hyphen, then by *', () => {
      const lookups = { types: { dataset: 'Dataset', 'publication-article': 'JournalArticle', publication: 'Text', '*': 'Other' } };
      const spec = { type: { each: '$.types', transform: 'lookup:types' } };
      const { record } = crosswalk(spec, { types: ['dataset', 'Publication_Article', 'publication-poem', 'globe'] }, { lookups });
      expect(record).to.deep.equal({ type: ['Dataset', 'JournalArticle', 'Text', 'Other'] });
    });

    it('finds descendants in document order', () => {
      const source = { s: { items: [[{ type: 'file', n: 1 }], { type: 'file', n: 2 }, { sub: { items: [{ type: 'file', n: 3 }] } }] } };
      expect(crosswalk({ files: '$.s..[?(@.type===\'file\')].n' }, source).record).to.deep.equal({ files: [1, 2, 3] });
    });
  });

  describe('records that cannot be read', () => {
    it('names the field and where it was looked for', () => {
      const item = crosswalk({ titles: { each: '$.name', object: { title: '$' }, required: true } }, { id: 'X1' }, { identifier: '$.id' });
      expect(item).to.deep.equal({ sourceIdentifier: 'X1', error: 'titles: missing ($.name)' });
    });

    it('says when a value was there but not readable', () => {
      const item = crosswalk({ publicationYear: { path: '$.date', transform: 'year', required: true } }, { date: 'unknown' });
      expect(item.error).to.equal('publicationYear: nothing readable at $.date');
    });

    it('names the entry of a list whose value is not text', () => {
      const item = crosswalk({ creators: { each: '$.creators', object: { name: { path: '$.name', transform: 'text' } } } }, { creators: [{ name: 'A' }, { name: { first: 'B' } }] });
      expect(item.error).to.match(/^creators\[1\]\.name: \{"first":"B"\} is not text/);
    });

    it('reads the other records of a document', () => {
      const m = mapping({ titles: { each: '$.title', object: { title: '$' }, required: true } }, { records: ['$.items', '$'], identifier: '$.id' });
      const items = crosswalkJson(JSON.stringify({ items: [{ id: 'a', title: 'A' }, { id: 'b' }] }), [m]);
      expect(items).to.deep.equal([
        { record: { titles: [{ title: 'A' }] }, sourceIdentifier: 'a' },
        { sourceIdentifier: 'b', error: 'titles: missing ($.title)' },
      ]);
    });
  });

  describe('transforms', () => {
    it('splits "Family, Given" only where a name has one comma', () => {
      expect([transform('familyName', 'Banda, Juan M.'), transform('givenName', 'Banda, Juan M.')]).to.deep.equal(['Banda', 'Juan M.']);
      expect(transform('givenName', 'Horticulture Research Station, Vijayapura, Karnataka')).to.equal(undefined);
      expect(transform('givenName', 'IQSS')).to.equal(undefined);
      expect(transform('name', { familyName: 'Pesant', givenName: 'Stephane' })).to.equal('Pesant, Stephane');
    });

    it('reads ORCIDs bare or as URLs, and nothing else', () => {
      for (const orcid of ['0000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097', 'orcid:0000-0002-1825-0097']) {
        expect(transform('orcid', orcid)).to.have.property('nameIdentifier', 'https://orcid.org/0000-0002-1825-0097');
      }
      expect(transform('orcid', 'https://example.org/0000-0002-1825-0097')).to.equal(undefined);
    });

    it('keeps a licence SPDX does not list as stated, without an SPDX id', () => {
      expect(transform('rights', 'Data may be used for research only')).to.deep.equal({ rights: 'Data may be used for research only' });
      expect(transform('rights', 'https://example.org/licence')).to.deep.equal({ rightsUri: 'https://example.org/licence' });
      expect(transform('rights', { '@type': 'Dataset' })).to.equal(undefined);
    });

    it('keeps the licence as stated: a string, an id, or a name with its URL', () => {
      expect(transform('licenceAsStated', ' CC-BY 4.0 ')).to.equal('CC-BY 4.0');
      expect(transform('licenceAsStated', { id: 'cc-by-4.0' })).to.equal('cc-by-4.0');
      expect(transform('licenceAsStated', { name: 'CC0 1.0', uri: 'http://creativecommons.org/publicdomain/zero/1.0' })).to.equal(
        'CC0 1.0 (http://creativecommons.org/publicdomain/zero/1.0)',
      );
      expect(transform('licenceAsStated', { title: { en: 'My licence' } })).to.equal('My licence');
    });

    it('reads checksums and refuses digests of the wrong length', () => {
      expect(transform('checksum', 'md5:B1F7EDCFD008053C53659131F654F17D')).to.deep.equal({ algorithm: 'md5', value: 'b1f7edcfd008053c53659131f654f17d' });
      expect(transform('checksum', { type: 'SHA-1', value: 'a'.repeat(40) })).to.deep.equal({ algorithm: 'sha1', value: 'a'.repeat(40) });
      expect(transform('checksum', 'md5:234245234213421342')).to.equal(undefined);
    });

    it('reads dates, ranges and language names', () => {
      expect(transform('date', '2023-04-17T14:26:45.792430+00:00')).to.equal('2023-04-17');
      expect(transform('dateRange', { start: '2014-08', end: '2014-10' })).to.equal('2014-08/2014-10');
      expect(transform('dateRange', 'Late Cretaceous')).to.equal(undefined);
      expect(transform('language', 'English')).to.equal('en');
      expect(transform('language', 'deu')).to.equal('deu');
    });

    it('spells DataCite terms as DataCite does', () => {
      expect(transform('term', 'iscontinuedby', 'relationType')).to.equal('IsContinuedBy');
      expect(transform('term', 'Data Collector', 'contributorType')).to.equal('DataCollector');
      expect(transform('term', 'is-friend-of', 'relationType')).to.equal(undefined);
    });
  });
});
