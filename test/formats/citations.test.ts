import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Cite, plugins } from '@citation-js/core';
import { expect } from 'chai';
import { validateStyle } from 'csl-validator-wasm';
import { bibtexFormat, citationFormat, cslJsonFormat, risFormat } from '../../src/formats/citation-formats.js';
import { CITATION_LOCALES, CITATION_STYLES, CITATION_VARIANTS } from '../../src/formats/citation-styles.js';
import type { RenderParameters } from '../../src/formats/format.js';
import { formatByName } from '../../src/formats/registry.js';
import { DomainError } from '../../src/model/errors.js';
import type { FairRecord } from '../../src/model/schema.js';
import { tombstoneView } from '../../src/services/record-service.js';
import { ADMIN_TOKEN, minimalRecord as recordInput, startTestServer, type TestServer } from '../helpers/server.js';
import { CONTEXT, demoRecord, demoRecords, fullRecord, minimalRecord } from './render-fixtures.js';

const cite = async (record: FairRecord, parameters: RenderParameters = {}, context = CONTEXT) => (await citationFormat.render(record, context, parameters)).trim();
const cslItemsOf = async (record: FairRecord) => JSON.parse(await cslJsonFormat.render(record, CONTEXT)) as Array<Record<string, any>>;

const person = (familyName: string, givenName: string) => ({ name: `${familyName}, ${givenName}`, nameType: 'Personal', familyName, givenName });

/** The record behind the content negotiation tests: two authors, a DOI and a CSTR. */
const negotiated = () =>
  minimalRecord({
    creators: [person('Doe', 'Jane'), person('Wang', 'Li')],
    doi: '10.12345/negotiate.1',
    cstr: '31253.11.negotiate.1',
    version: '2',
  });

const chineseRecord = () =>
  minimalRecord({
    titles: [{ title: '中国陆地生态系统碳通量观测数据集', lang: 'zh' }],
    creators: [
      { name: '张三', nameType: 'Personal', familyName: '张', givenName: '三' },
      { name: '李四', nameType: 'Personal', familyName: '李', givenName: '四' },
      { name: '王五', nameType: 'Personal', familyName: '王', givenName: '五' },
      { name: '中国科学院地理科学与资源研究所', nameType: 'Organizational' },
    ],
    publisher: { name: '科学数据银行' },
    language: 'zh',
    version: 'V1',
    cstr: '31253.11.sciencedb.00001',
  });

function withdrawn(record: FairRecord): FairRecord {
  return tombstoneView({ ...record, status: 'withdrawn', tombstone: { reason: 'Consent withdrawn by participants', date: '2026-06-01T09:00:00.000Z' } });
}

/** CSL 1.0.2 item types and variables (CSL specification, appendices I–IV). */
const CSL_TYPES = new Set(Object.keys(JSON.parse(readFileSync('node_modules/@citation-js/plugin-ris/lib/spec/types.json', 'utf8')).CSL));
const CSL_STRING_VARIABLES = new Set(['id', 'DOI', 'URL', 'language', 'note', 'number', 'publisher', 'status', 'title', 'type', 'version']);
const CSL_NAME_VARIABLES = new Set(['author']);
const CSL_DATE_VARIABLES = new Set(['accessed', 'issued']);

function expectCslItem(item: Record<string, any>): void {
  expect(CSL_TYPES.has(item.type), `type ${item.type}`).to.equal(true);
  expect(item.id).to.be.a('string').and.not.empty;
  for (const [key, value] of Object.entries(item)) {
    if (CSL_STRING_VARIABLES.has(key)) expect(value, key).to.be.a('string').and.not.empty;
    else if (CSL_NAME_VARIABLES.has(key)) {
      for (const name of value) expect(Object.keys(name)).to.satisfy((keys: string[]) => keys.every((k) => ['family', 'given', 'literal'].includes(k)) && (keys.includes('family') !== keys.includes('literal')));
    } else if (CSL_DATE_VARIABLES.has(key)) {
      expect(value['date-parts']).to.be.an('array').with.length(1);
      for (const part of value['date-parts'][0]) expect(part).to.be.a('number');
    } else expect.fail(`${key} is not a CSL variable the mapping should write`);
  }
}

describe('citations', () => {
  describe('the formats', () => {
    it('are registered with their media types and extensions', () => {
      const table = [
        ['bibtex', 'application/x-bibtex', 'bib'],
        ['ris', 'application/x-research-info-systems', 'ris'],
        ['csl-json', 'application/vnd.citationstyles.csl+json', 'json'],
        ['citation', 'text/x-bibliography', 'txt'],
      ];
      for (const [name, mediaType, extension] of table) {
        const format = formatByName(name!)!;
        expect(format, name).to.exist;
        expect(format.mediaTypes).to.deep.equal([mediaType]);
        expect(format.contentType.startsWith(mediaType!)).to.equal(true);
        expect(format.extension).to.equal(extension);
      }
    });

    it('offer every style alone and with every locale as media type parameters, APA first', () => {
      expect(CITATION_VARIANTS[0]).to.deep.equal({ style: 'apa' });
      expect(citationFormat.variants).to.deep.include.members([{ style: 'apa' }, { style: 'apa', locale: 'en-US' }, { style: 'gb-t-7714' }, { style: 'gb-t-7714', locale: 'zh-CN' }]);
      expect(citationFormat.variants).to.have.length(CITATION_STYLES.length * (CITATION_LOCALES.length + 1));
    });
  });

  describe('CSL-JSON', () => {
    for (const { file, record } of demoRecords()) {
      it(`${file} is an array of one valid CSL item`, async () => {
        const items = await cslItemsOf(record);
        expect(items).to.have.length(1);
        expectCslItem(items[0]!);
        expect(plugins.input.type(items)).to.equal('@csl/list+object');
      });
    }

    it('carries the dataset fields', async () => {
      const [item] = await cslItemsOf(negotiated());
      expect(item).to.deep.equal({
        id: 'FH0000001',
        type: 'dataset',
        title: 'Spatial transcriptome of the developing mouse brain',
        author: [
          { family: 'Doe', given: 'Jane' },
          { family: 'Wang', given: 'Li' },
        ],
        publisher: 'Example Data Centre',
        issued: { 'date-parts': [[2026]] },
        accessed: { 'date-parts': [[2026, 11, 22]] },
        URL: 'https://cstr.cn/31253.11.negotiate.1',
        DOI: '10.12345/negotiate.1',
        number: 'CSTR:31253.11.negotiate.1',
        version: '2',
      });
    });

    it('names organisations literally and reads "Family, Given" names', async () => {
      const [full] = await cslItemsOf(fullRecord());
      expect(full!.author).to.deep.equal([{ family: 'Zhang', given: 'Mei' }, { literal: 'Retina Consortium' }]);
      const [minimal] = await cslItemsOf(minimalRecord());
      expect(minimal!.author).to.deep.equal([{ family: 'Doe', given: 'Jane' }]);
      expect(minimal!.URL).to.equal('https://data.example.org/records/FH0000001');
    });

    it('cites by DOI when there is no CSTR', async () => {
      const [item] = await cslItemsOf(demoRecord('01'));
      expect(item!.URL).to.equal('https://doi.org/10.5061/dryad.8515');
      expect(item!.title).to.equal('Data from: A new malaria agent in African hominids');
      expect(item).to.not.have.property('number');
    });

    it('marks a withdrawn record', async () => {
      const [item] = await cslItemsOf(withdrawn(negotiated()));
      expect(item!.status).to.equal('withdrawn');
      expect(item!.note).to.equal('Withdrawn on 2026-06-01: Consent withdrawn by participants');
    });
  });

  describe('BibTeX', () => {
    const parse = (bibtex: string) => new Cite(bibtex, { forceType: '@bibtex/text' }).data;

    for (const { file, record } of demoRecords()) {
      it(`${file} parses back with title, DOI, year and authors`, async () => {
        const bibtex = await bibtexFormat.render(record, CONTEXT);
        const [entry] = parse(bibtex) as Array<Record<string, any>>;
        const [item] = await cslItemsOf(record);
        expect(entry!.title).to.equal(item!.title);
        expect(entry!.DOI).to.equal(record.doi);
        expect(entry!.issued['date-parts'][0][0]).to.equal(record.publicationYear);
        expect(entry!.author).to.deep.equal(item!.author.map((name: Record<string, string>) => (name.literal ? { family: name.literal } : name)));
      });
    }

    it('keeps Chinese names and titles, and escapes LaTeX special characters', async () => {
      const record = { ...chineseRecord(), titles: [{ title: '碳通量 & 水通量 50% a_b {x} #1' }] };
      const bibtex = await bibtexFormat.render(record, CONTEXT);
      expect(bibtex).to.match(/^@misc\{FH0000001,\n/);
      expect(bibtex).to.contain('张, 三 and 李, 四');
      expect(bibtex).to.contain('\\& 水通量 50\\% a\\_b \\{x\\} \\#1');
      const [entry] = parse(bibtex) as Array<Record<string, any>>;
      expect(entry!.title).to.equal('碳通量 & 水通量 50% a_b {x} #1');
    });

    it('notes the withdrawal', async () => {
      const bibtex = await bibtexFormat.render(withdrawn(negotiated()), CONTEXT);
      expect(bibtex).to.match(/^@misc\{Doe2026Spatial,\n/);
      expect(bibtex).to.contain('note = {Withdrawn on 2026-06-01: Consent withdrawn by participants}');
    });
  });

  describe('RIS', () => {
    it('is a DATA record with the DOI, version, CSTR and access date', async () => {
      const ris = await risFormat.render(negotiated(), CONTEXT);
      expect(ris.endsWith('\nER  - \n')).to.equal(true);
      const lines = ris.split('\n');
      expect(lines[0]).to.equal('TY  - DATA');
      expect(lines).to.include.members([
        'AU  - Doe, Jane',
        'AU  - Wang, Li',
        'DO  - 10.12345/negotiate.1',
        'ET  - 2',
        'NV  - CSTR:31253.11.negotiate.1',
        'PY  - 2026',
        'TI  - Spatial transcriptome of the developing mouse brain',
        'Y2  - 2026/11/22/',
      ]);
    });

    it('writes each value on one line, however long', async () => {
      const record = demoRecord('15');
      const ris = await risFormat.render(record, CONTEXT);
      expect(ris).to.contain(`TI  - ${record.titles[0]!.title}\n`);
      for (const line of ris.slice(0, -1).split('\n')) expect(line).to.match(/^[A-Z][A-Z0-9] {2}- /);
      const [item] = new Cite(ris, { forceType: '@ris/file' }).data as Array<Record<string, any>>;
      expect(item!.title).to.equal(record.titles[0]!.title);
    });

    it('notes the withdrawal in N1', async () => {
      expect(await risFormat.render(withdrawn(negotiated()), CONTEXT)).to.contain('N1  - Withdrawn on 2026-06-01: Consent withdrawn by participants\n');
    });
  });

  describe('formatted citations', () => {
    it('default to APA 7 in American English', async () => {
      expect(await cite(negotiated())).to.equal(
        'Doe, J., & Wang, L. (2026). Spatial transcriptome of the developing mouse brain (CSTR:31253.11.negotiate.1; Version 2) [Dataset]. Example Data Centre. https://doi.org/10.12345/negotiate.1',
      );
      expect(await cite(negotiated(), { style: 'apa', locale: 'en-US' })).to.equal(await cite(negotiated()));
    });

    it('cite a demo record in APA', async () => {
      expect(await cite(demoRecord('03'), { style: 'apa' })).to.equal(
        'Ntandou-Bouzitou, G. D., Kennedy, G., Bellon, M. R., Mathur, P., Dandin, S., & Patil, H. B. (2016). Karnataka Diet Diversity and Food Security for Agricultural Biodiversity Assessment (Version 2.0) [Dataset]. Harvard Dataverse. https://doi.org/10.7910/DVN/RLMYMR',
      );
    });

    it('give the GB/T 7714-2015 data citation ending with the CSTR', async () => {
      const record = minimalRecord({
        titles: [{ title: 'Title' }],
        creators: [person('Author', 'A'), person('Author', 'B')],
        publisher: { name: 'Science Data Bank' },
        publicationYear: 2022,
        version: 'V1',
        doi: '10.57760/sciencedb.06290',
        cstr: '31253.11.sciencedb.06290',
      });
      const context = { ...CONTEXT, now: new Date('2024-08-24T06:00:00Z') };
      const expected = 'Author A, Author B. Title[DS/OL]. V1. Science Data Bank, 2022[2024-08-24]. https://cstr.cn/31253.11.sciencedb.06290. CSTR:31253.11.sciencedb.06290.';
      expect(await cite(record, { style: 'gb-t-7714', locale: 'zh-CN' }, context)).to.equal(expected);
      expect(await cite(record, { style: 'gb-t-7714', locale: 'en-US' }, context)).to.equal(expected);
    });

    it('give the GB/T citation of the negotiated record', async () => {
      const gbt = await cite(negotiated(), { style: 'gb-t-7714', locale: 'zh-CN' });
      expect(gbt).to.equal('Doe J, Wang L. Spatial transcriptome of the developing mouse brain[DS/OL]. V2. Example Data Centre, 2026[2026-11-22]. https://cstr.cn/31253.11.negotiate.1. CSTR:31253.11.negotiate.1.');
    });

    it('follow a DOI-only URL with DOI: in GB/T, and cite by landing page without identifiers', async () => {
      expect(await cite(demoRecord('01'), { style: 'gb-t-7714' })).to.equal(
        'Ollomo B, Durand P, Prugnolle F, et al. Data from: A new malaria agent in African hominids[DS/OL]. V1. Dryad, 2011[2026-11-22]. https://doi.org/10.5061/dryad.8515. DOI:10.5061/dryad.8515.',
      );
      expect(await cite(minimalRecord(), { style: 'gb-t-7714' })).to.equal(
        'Doe J. Spatial transcriptome of the developing mouse brain[DS/OL]. Example Data Centre, 2026[2026-11-22]. https://data.example.org/records/FH0000001.',
      );
    });

    it('write Chinese names whole, with 等 in zh-CN and et al. in en-US', async () => {
      const zh = await cite(chineseRecord(), { style: 'gb-t-7714', locale: 'zh-CN' });
      expect(zh).to.equal('张三, 李四, 王五, 等. 中国陆地生态系统碳通量观测数据集[DS/OL]. V1. 科学数据银行, 2026[2026-11-22]. https://cstr.cn/31253.11.sciencedb.00001. CSTR:31253.11.sciencedb.00001.');
      expect(await cite(chineseRecord(), { style: 'gb-t-7714', locale: 'en-US' })).to.contain('张三, 李四, 王五, et al. 中国');
    });

    it('take the locale of GB/T citations from the language of the record when none is asked for', async () => {
      expect(await cite(chineseRecord(), { style: 'gb-t-7714' })).to.contain('王五, 等.');
      expect(await cite(demoRecord('01'), { style: 'gb-t-7714' })).to.contain('Prugnolle F, et al.');
    });

    it('translate the terms of APA into the requested locale', async () => {
      expect(await cite(negotiated(), { style: 'apa', locale: 'zh-CN' })).to.contain('(CSTR:31253.11.negotiate.1; 版本 2) [数据集]');
      expect(await cite(negotiated(), { style: 'apa', locale: 'de-DE' })).to.contain('[Datensatz]');
      expect(await cite(chineseRecord(), { style: 'apa' })).to.match(/^张三, 李四, 王五, & 中国科学院地理科学与资源研究所\. \(2026\)\. 中国陆地生态系统碳通量观测数据集/);
    });

    it('render every demo record in every style and locale', async () => {
      for (const { record } of demoRecords()) {
        for (const parameters of CITATION_VARIANTS) {
          const text = await cite(record, parameters);
          expect(text, JSON.stringify(parameters)).to.contain(String(record.publicationYear));
          expect(text).to.not.contain('\n');
        }
      }
    });

    it('accept style and locale names in any case', async () => {
      expect(await cite(negotiated(), { style: 'GB-T-7714', locale: 'zh-cn' })).to.equal(await cite(negotiated(), { style: 'gb-t-7714', locale: 'zh-CN' }));
      expect(await cite(negotiated(), { style: 'apa', locale: 'zh_CN' })).to.contain('[数据集]');
    });

    it('refuse an unknown style or locale instead of falling back', async () => {
      for (const [parameters, field] of [
        [{ style: 'chicago-author-date' }, 'style'],
        [{ style: 'apa', locale: 'xx-XX' }, 'locale'],
      ] as const) {
        const failure = await Promise.resolve()
          .then(() => citationFormat.render(negotiated(), CONTEXT, parameters))
          .then(
            () => expect.fail('rendered'),
            (error: unknown) => error,
          );
        expect(failure).to.be.instanceOf(DomainError);
        expect((failure as DomainError).code).to.equal('not_acceptable');
        expect((failure as DomainError).field).to.equal(field);
        expect((failure as DomainError).message).to.contain(field === 'style' ? 'apa, gb-t-7714' : 'en-US, zh-CN');
      }
    });

    it('say when a record was withdrawn, in APA', async () => {
      expect(await cite(withdrawn(negotiated()))).to.match(/ \(Withdrawn\)$/);
      expect(await cite(withdrawn(negotiated()), { style: 'gb-t-7714' })).to.match(/CSTR:31253\.11\.negotiate\.1\.$/);
    });
  });

  describe('over HTTP', () => {
    let server: TestServer;
    let accession: string;
    before(async () => {
      server = await startTestServer();
      const input = recordInput({ creators: [person('Doe', 'Jane')], doi: '10.12345/http.1', cstr: '31253.11.http.1' });
      accession = (await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: input })).json()).accession;
    });
    after(() => server.stop());

    it('take the style and locale from the query', async () => {
      const response = await server.request('GET', `/records/${accession}?format=citation&style=gb-t-7714&locale=zh-CN`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('text/x-bibliography; charset=utf-8');
      expect((await response.text()).trim()).to.match(/^Doe J\. .*\[DS\/OL\]\. .* https:\/\/cstr\.cn\/31253\.11\.http\.1\. CSTR:31253\.11\.http\.1\.$/);
    });

    it('answer an unknown style or locale with 406', async () => {
      for (const [query, field] of [
        ['style=mla', 'style'],
        ['style=apa&locale=tlh', 'locale'],
      ] as const) {
        const response = await server.request('GET', `/records/${accession}?format=citation&${query}`);
        expect(response.status).to.equal(406);
        const { error } = await response.json();
        expect(error).to.include({ code: 'not_acceptable', field });
        expect(error.available).to.include(field === 'style' ? 'gb-t-7714' : 'zh-CN');
      }
      expect((await server.request('GET', `/records/${accession}`, { headers: { Accept: 'text/x-bibliography; style=mla' } })).status).to.equal(406);
    });

    it('serve BibTeX and RIS as UTF-8', async () => {
      const bibtex = await server.request('GET', `/records/${accession}`, { headers: { Accept: 'application/x-bibtex' } });
      expect(bibtex.headers.get('content-type')).to.equal('application/x-bibtex; charset=utf-8');
      const ris = await server.request('GET', `/records/${accession}?format=ris`);
      expect(ris.headers.get('content-type')).to.equal('application/x-research-info-systems; charset=utf-8');
      expect(await ris.text()).to.match(/^TY {2}- DATA\n/);
    });
  });

  describe('the CSL files', () => {
    for (const file of ['gb-t-7714-2015-data.csl', 'locales-zh-CN.xml']) {
      it(`${file} is valid against the CSL 1.0.2 schema`, async () => {
        expect(await validateStyle(readFileSync(`src/formats/csl/${file}`, 'utf8'))).to.equal('');
      });
    }
  });

  describe('Citation.js', () => {
    it('opens no network connection while rendering', async () => {
      const connect = net.Socket.prototype.connect;
      const originalFetch = globalThis.fetch;
      const attempts: string[] = [];
      net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        attempts.push(JSON.stringify(args[0]));
        throw new Error('no network');
      } as typeof connect;
      globalThis.fetch = (async (input: unknown) => {
        attempts.push(String(input));
        throw new Error('no network');
      }) as typeof fetch;
      try {
        for (const { record } of [...demoRecords(), { record: chineseRecord() }]) {
          for (const format of [bibtexFormat, risFormat, cslJsonFormat]) await format.render(record, CONTEXT);
          for (const parameters of CITATION_VARIANTS) await cite(record, parameters);
        }
      } finally {
        net.Socket.prototype.connect = connect;
        globalThis.fetch = originalFetch;
      }
      expect(attempts).to.deep.equal([]);
    });
  });
});
