import { expect } from 'chai';
import { authenticate } from '../../src/services/auth-service.js';
import { addToCollection, createCollection } from '../../src/services/collection-service.js';
import { loadDemo } from '../../src/services/demo-loader.js';
import { importItems } from '../../src/services/import-service.js';
import { findRecordBy } from '../../src/store/record-store.js';
import type { FairRecord } from '../../src/model/schema.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';
import { oaiErrors, parseOai, tokenOf } from '../helpers/oai.js';
import { SCHEMA, validateMany } from '../helpers/xmllint.js';

/**
 * Walks every verb, every metadata format, every set and every error case over the demo data, and
 * validates every response against the OAI-PMH schema and, through it, every metadata schema.
 */
describe('OAI-PMH conformance', function () {
  this.timeout(120_000);
  let server: TestServer;
  let records: FairRecord[];
  const responses: Array<{ name: string; xml: string }> = [];
  const domain = 'localhost.localdomain';

  const oai = async (query: string): Promise<string> => {
    const response = await server.request('GET', `/oai?${query}`);
    expect(response.status, query).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
    const xml = await response.text();
    responses.push({ name: query, xml });
    return xml;
  };

  /** Follows resumption tokens to the end; returns every page. */
  const harvest = async (verb: string, args: string): Promise<string[]> => {
    const pages = [await oai(`verb=${verb}&${args}`)];
    for (;;) {
      const token = tokenOf(parseOai(pages[pages.length - 1]!)[verb])?.value;
      if (!token) return pages;
      pages.push(await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(token)}`));
    }
  };

  const identifiersIn = (pages: string[], verb: string) =>
    pages.flatMap((xml) => {
      const list = parseOai(xml)[verb];
      const headers = verb === 'ListRecords' ? (list?.record ?? []).map((r: any) => r.header[0]) : list?.header ?? [];
      return headers.map((h: any) => ({ identifier: h.identifier as string, deleted: h['@status'] === 'deleted' }));
    });

  before(async () => {
    server = await startTestServer({ OAI_PAGE_SIZE: '4', OAI_ID_PAGE_SIZE: '5', OAI_SET_PAGE_SIZE: '5' });
    const services = server.running.services;
    records = (await loadDemo(services)).records;
    const admin = await authenticate(services, `Bearer ${ADMIN_TOKEN}`);
    // A client may not send characters XML cannot carry, but a source's records keep them: XML output must still be well-formed.
    const hostile = minimalRecord({ titles: [{ title: 'Control \u0001 characters \uFFFF and a lone \uD800 surrogate' }], descriptions: [{ description: 'Tab\tand bell\u0007, HTML &nbsp; &amp; &#1; & <b>', descriptionType: 'Abstract' }] });
    expect((await importItems(services, admin, [{ record: hostile, sourceIdentifier: 'control-characters' }], { name: 'harvested' })).stored).to.equal(1);
    records.push((await findRecordBy(services.db, 'source_key', 'harvested:control-characters'))!.record);
    await createCollection(services, admin, { spec: 'featured', name: 'Featured datasets', description: 'Chosen by the curators' });
    await addToCollection(services, admin, 'featured', records[0]!.accession);
    await addToCollection(services, admin, 'featured', records[1]!.accession);
  });

  after(async function () {
    this.timeout(120_000);
    await server.stop();
  });

  const publicAccessions = () => records.filter((r) => r.status === 'released' && r.access.level !== 'private').map((r) => r.accession).sort();
  const withdrawnAccessions = () => records.filter((r) => r.status === 'withdrawn').map((r) => r.accession);

  it('answers Identify with every required element', async () => {
    const identify = parseOai(await oai('verb=Identify')).Identify;
    expect(identify.baseURL).to.equal('http://localhost:8080/oai');
    expect(identify.protocolVersion).to.equal(2);
    expect(identify.deletedRecord).to.equal('persistent');
    expect(identify.granularity).to.equal('YYYY-MM-DDThh:mm:ssZ');
    expect(identify.compression).to.deep.equal(['gzip', 'deflate']);
    expect(identify.description[0]['oai-identifier'].repositoryIdentifier).to.equal(domain);
  });

  it('lists the registry formats, for the repository and for one record', async () => {
    const all = parseOai(await oai('verb=ListMetadataFormats')).ListMetadataFormats.metadataFormat.map((f: any) => f.metadataPrefix);
    expect(all).to.have.members(['oai_dc', 'oai_datacite', 'datacite']);
    for (const accession of publicAccessions()) {
      const one = parseOai(await oai(`verb=ListMetadataFormats&identifier=oai:${domain}:${accession}`)).ListMetadataFormats.metadataFormat;
      expect(one).to.have.length(3);
    }
    const deleted = await oai(`verb=ListMetadataFormats&identifier=oai:${domain}:${withdrawnAccessions()[0]}`);
    expect(oaiErrors(deleted).map((e) => e.code)).to.deep.equal(['noMetadataFormats']);
  });

  it('harvests every public record exactly once in every format, with the withdrawn one as deleted', async () => {
    for (const prefix of ['oai_dc', 'oai_datacite', 'datacite']) {
      for (const verb of ['ListRecords', 'ListIdentifiers']) {
        const pages = await harvest(verb, `metadataPrefix=${prefix}`);
        expect(pages.length, `${verb} ${prefix} pages`).to.be.greaterThan(2);
        const seen = identifiersIn(pages, verb);
        const live = seen.filter((s) => !s.deleted).map((s) => s.identifier).sort();
        expect(live, `${verb} ${prefix}`).to.deep.equal(publicAccessions().map((a) => `oai:${domain}:${a}`).sort());
        expect(seen.filter((s) => s.deleted).map((s) => s.identifier)).to.deep.equal(withdrawnAccessions().map((a) => `oai:${domain}:${a}`));
      }
    }
  });

  it('reports cursor and completeListSize on every page', async () => {
    const pages = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc');
    const total = publicAccessions().length + withdrawnAccessions().length;
    let delivered = 0;
    for (const xml of pages) {
      const list = parseOai(xml).ListIdentifiers;
      const token = tokenOf(list)!;
      expect(Number(token.cursor)).to.equal(delivered);
      expect(Number(token.completeListSize)).to.equal(total);
      delivered += list.header.length;
    }
    expect(delivered).to.equal(total);
    const first = tokenOf(parseOai(pages[0]!).ListIdentifiers)!;
    expect(new Date(first.expirationDate!).getTime() - Date.now()).to.be.greaterThan(24 * 3600 * 1000);
    expect(tokenOf(parseOai(pages[pages.length - 1]!).ListIdentifiers)!.value).to.equal(undefined);
  });

  it('lists sets with paging, and each set harvests exactly its members', async () => {
    const pages = await harvest('ListSets', '');
    expect(pages.length).to.be.greaterThan(1);
    const specs: string[] = pages.flatMap((xml) => parseOai(xml).ListSets.set.map((s: any) => s.setSpec));
    expect(specs).to.include.members(['openaire_data', 'access:public', 'access:controlled', 'access:registered', 'type:dataset', 'source:biostudies', 'source:zenodo', 'collection:featured']);
    expect(specs.some((s) => s === 'access:private'), 'no set betrays private records').to.equal(false);
    expect(new Set(specs).size).to.equal(specs.length);
    for (const spec of specs) {
      for (const prefix of ['oai_dc', 'oai_datacite', 'datacite']) {
        const xml = await oai(`verb=ListRecords&metadataPrefix=${prefix}&set=${encodeURIComponent(spec)}`);
        const errors = oaiErrors(xml);
        if (errors.length) expect(errors.map((e) => e.code), spec).to.deep.equal(['noRecordsMatch']);
      }
    }
    const featured = identifiersIn(await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=collection:featured'), 'ListIdentifiers').map((s) => s.identifier);
    expect(featured.sort()).to.deep.equal([records[0]!.accession, records[1]!.accession].map((a) => `oai:${domain}:${a}`).sort());
    const biostudies = parseOai(await oai('verb=GetRecord&metadataPrefix=oai_dc&identifier=' + `oai:${domain}:${records[1]!.accession}`)).GetRecord.record[0].header[0].setSpec;
    expect(biostudies).to.include.members(['source:biostudies', 'collection:featured', 'openaire_data', 'access:public']);
    expect(biostudies.filter((s: string) => s.startsWith('type:'))).to.have.length(1);
  });

  it('serves GetRecord for every public record in every format, with provenance for imported ones', async () => {
    for (const record of records.filter((r) => r.status === 'released' && r.access.level !== 'private')) {
      for (const prefix of ['oai_dc', 'oai_datacite', 'datacite']) {
        const xml = await oai(`verb=GetRecord&metadataPrefix=${prefix}&identifier=oai:${domain}:${record.accession}`);
        const got = parseOai(xml).GetRecord.record[0];
        expect(got.header[0].identifier).to.equal(`oai:${domain}:${record.accession}`);
        expect(got.metadata, `${record.accession} ${prefix}`).to.not.equal(undefined);
        if (record.source?.baseUrl && record.source.datestamp && record.source.metadataNamespace) {
          const origin = got.about.provenance.originDescription;
          expect(origin.baseURL).to.equal(record.source.baseUrl);
          expect(String(origin.identifier)).to.equal(record.source.originalIdentifier);
          expect(origin['@altered']).to.equal('true');
        }
      }
    }
  });

  it('answers GetRecord for a withdrawn record with its deleted header only', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${domain}:${withdrawnAccessions()[0]}`);
    const record = parseOai(xml).GetRecord.record[0];
    expect(record.header[0]['@status']).to.equal('deleted');
    expect(record.metadata).to.equal(undefined);
  });

  it('answers private, draft and scheduled records exactly like missing ones', async () => {
    const hidden = records.filter((r) => r.status !== 'released' && r.status !== 'withdrawn' || r.access.level === 'private');
    expect(hidden.length).to.be.greaterThan(1);
    const missing = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${domain}:FH9999999`);
    const normalize = (xml: string) => xml.replace(/<responseDate>[^<]*<\/responseDate>/, '').replace(/identifier="[^"]*"/, '').replace(/oai:[^ <]*/g, 'ID');
    for (const record of hidden) {
      const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${domain}:${record.accession}`);
      expect(oaiErrors(xml).map((e) => e.code)).to.deep.equal(['idDoesNotExist']);
      expect(normalize(xml)).to.equal(normalize(missing));
      expect(xml).to.not.contain(record.titles[0]!.title);
    }
  });

  it('drops characters XML 1.0 forbids instead of breaking the response', async () => {
    const record = records[records.length - 1]!;
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${domain}:${record.accession}`);
    expect(xml).to.contain('Control  characters  and a lone  surrogate');
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)).to.equal(false);
    const descriptions = [parseOai(xml).GetRecord.record[0].metadata.dc.description].flat();
    expect(descriptions, 'entity-like text stays literal text').to.include('Tab\tand bell, HTML &nbsp; &amp; &#1; & <b>');
  });

  it('answers every protocol error with its code and HTTP 200', async () => {
    const id = `oai:${domain}:${records[0]!.accession}`;
    const cases: Array<[string, string]> = [
      ['', 'badVerb'],
      ['verb=Frobnicate', 'badVerb'],
      ['verb=Identify&verb=Identify', 'badVerb'],
      ['verb=Identify&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.000Z', 'badArgument'],
      ['verb=ListRecords&resumptionToken=x&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=GetRecord&identifier=' + id, 'badArgument'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=' + id + '&set=x', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=', 'badArgument'],
      ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
      ['verb=ListSets&resumptionToken=not-a-token', 'badResumptionToken'],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
      ['verb=GetRecord&metadataPrefix=marc21&identifier=' + id, 'cannotDisseminateFormat'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.org:1', 'idDoesNotExist'],
      ['verb=ListMetadataFormats&identifier=oai:' + domain + ':NOPE', 'idDoesNotExist'],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=nosuchset', 'noRecordsMatch'],
      ['verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01', 'noRecordsMatch'],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
    ];
    for (const [query, code] of cases) {
      const xml = await oai(query);
      expect(oaiErrors(xml).map((e) => e.code), query).to.include(code);
      const request = parseOai(xml).request;
      if (code === 'badVerb' || code === 'badArgument') expect(typeof request, `${query}: no attributes echoed`).to.equal('string');
    }
  });

  it('echoes only valid arguments, escaped', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent('oai:x:"<&>')}`);
    expect(oaiErrors(xml)[0]!.code).to.equal('idDoesNotExist');
    expect(xml).to.contain('identifier="oai:x:&quot;&lt;&amp;&gt;"');
  });

  it('produces only schema-valid responses (OAI-PMH, oai_dc, oai_datacite, DataCite 4.7, provenance, oai-identifier)', () => {
    expect(responses.length).to.be.greaterThan(150);
    const invalid = validateMany(responses, SCHEMA.oaiPmh);
    expect(invalid, invalid.slice(0, 3).map((i) => `${i.name}\n${i.errors}`).join('\n\n')).to.deep.equal([]);
  });
});
