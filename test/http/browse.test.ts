import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import { browseRoutes } from '../../src/http/routes/browse.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const inAYear = `${new Date().getUTCFullYear() + 1}-06-01`;

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);
}

describe('browse, search and sitemap pages', () => {
  let server: TestServer;
  const accessions: Record<string, string> = {};

  const create = async (name: string, overrides: Record<string, unknown>) => {
    const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord(overrides) });
    expect(response.status, name).to.equal(201);
    accessions[name] = (await response.json()).accession;
  };
  const page = async (path: string) => {
    const response = await server.request('GET', path);
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  };

  before(async () => {
    server = await startTestServer();
    await create('glacier', {
      titles: [{ title: 'Glacier meltwater microbiome' }],
      publicationYear: 2024,
      rightsList: [{ rights: 'Creative Commons Attribution 4.0', rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' }],
    });
    await create('glacierDescription', {
      titles: [{ title: 'Sediment cores' }],
      descriptions: [{ description: 'Cores drilled beside a glacier lake', descriptionType: 'Abstract' }],
      types: { resourceTypeGeneral: 'Image' },
      publicationYear: 2025,
    });
    await create('subject', { titles: [{ title: 'Soil survey' }], subjects: [{ subject: 'permafrost' }], access: { level: 'registered' } });
    await create('creator', { titles: [{ title: 'Bird counts' }], creators: [{ name: 'Ornithologue, Zelda', nameType: 'Personal' }] });
    await create('draft', { status: 'draft', titles: [{ title: 'Glacier draft secret' }], types: { resourceTypeGeneral: 'Software' }, publicationYear: 1999 });
    await create('private', { access: { level: 'private' }, titles: [{ title: 'Glacier private secret' }], types: { resourceTypeGeneral: 'Software' }, publicationYear: 1999 });
    await create('scheduled', { access: { level: 'public', releaseDate: inAYear }, titles: [{ title: 'Glacier scheduled secret' }], types: { resourceTypeGeneral: 'Software' }, publicationYear: 1999 });
  });
  after(() => server.stop());

  const hidden = () => [accessions.draft!, accessions.private!, accessions.scheduled!];
  const publicOnes = () => [accessions.glacier!, accessions.glacierDescription!, accessions.subject!, accessions.creator!];

  it('renders the home page with a search box, recent public records and facets', async () => {
    const home = await page('/');
    expect(home.status).to.equal(200);
    expect(home.type).to.match(/^text\/html/);
    expect(home.body.match(/<h1\b/g)).to.have.length(1);
    expect(home.body).to.match(/<main\b/).and.match(/<label for="q">/).and.match(/role="search"/);
    for (const accession of publicOnes()) expect(home.body).to.contain(`/records/${accession}`);
    for (const accession of hidden()) expect(home.body).to.not.contain(accession);
    expect(home.body).to.contain('/search?type=Dataset');
    expect(home.body).to.not.contain('Software').and.not.contain('1999').and.not.contain('secret');
  });

  it('finds public records by words in title, description, subjects and creators, title matches first', async () => {
    const glacier = await page('/search?q=glacier');
    expect(glacier.status).to.equal(200);
    const first = glacier.body.indexOf(`/records/${accessions.glacier}`);
    const second = glacier.body.indexOf(`/records/${accessions.glacierDescription}`);
    expect(first).to.be.greaterThan(-1);
    expect(second).to.be.greaterThan(first);
    expect(glacier.body).to.contain('2 records');
    for (const accession of hidden()) expect(glacier.body).to.not.contain(accession);
    expect(glacier.body).to.not.contain('secret').and.not.contain('Software').and.not.contain('1999');

    expect((await page('/search?q=permafrost')).body).to.contain(`/records/${accessions.subject}`);
    expect((await page('/search?q=ornithologue')).body).to.contain(`/records/${accessions.creator}`);
    const none = await page('/search?q=secret');
    expect(none.body).to.contain('0 records');
    for (const accession of hidden()) expect(none.body).to.not.contain(accession);
  });

  it('escapes what it echoes and tolerates query syntax', async () => {
    const hostile = await page(`/search?q=${encodeURIComponent('"<script>alert(1)</script> OR NEAR(* ')}`);
    expect(hostile.status).to.equal(200);
    expect(hostile.body).to.not.contain('<script>alert');
  });

  it('filters by facets and counts only public records', async () => {
    const images = await page('/search?type=Image');
    expect(images.body).to.contain('1 record');
    expect(images.body).to.contain(`/records/${accessions.glacierDescription}`);
    expect(images.body).to.not.contain(`/records/${accessions.glacier}"`);
    const licensed = await page('/search?licence=CC-BY-4.0');
    expect(licensed.body).to.contain(`/records/${accessions.glacier}`).and.contain('1 record');
    const registered = await page('/search?access=registered&q=survey');
    expect(registered.body).to.contain(`/records/${accessions.subject}`).and.contain('1 record');
    const year = await page('/search?year=2025');
    expect(year.body).to.contain(`/records/${accessions.glacierDescription}`).and.contain('1 record');
    const all = await page('/search');
    expect(all.body).to.contain('4 records');
    expect(all.body).to.match(/>Dataset<\/a> \(3\)/);
    expect(all.body).to.match(/>Image<\/a> \(1\)/);
    expect(all.body).to.not.contain('Software');
    expect((await page('/search?type=Software')).body).to.contain('0 records');
  });

  it('pages through results', async () => {
    const app = new Koa();
    app.use(browseRoutes(server.running.services, { searchPageSize: 3 }).routes());
    const small = await listen(app);
    try {
      const first = await (await fetch(`${small.url}/search`)).text();
      expect(first).to.contain('Page 1 of 2').and.contain('href="/search?page=2"');
      const second = await (await fetch(`${small.url}/search?page=2`)).text();
      expect(second).to.contain('Page 2 of 2').and.contain('rel="prev"');
      expect(second.match(/<li><a href="\/records\//g)).to.have.length(1);
      expect((await fetch(`${small.url}/search?page=0`)).status).to.equal(400);
    } finally {
      await small.close();
    }
  });

  it('lists exactly the public records in the sitemap, and points robots.txt at it', async () => {
    const sitemap = await page('/sitemap.xml');
    expect(sitemap.status).to.equal(200);
    expect(sitemap.type).to.match(/xml/);
    expect(sitemap.body).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect(locs(sitemap.body).sort()).to.deep.equal(publicOnes().map((a) => `http://localhost:8080/records/${a}`).sort());
    expect(sitemap.body).to.match(/<lastmod>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/lastmod>/);
    const robots = await page('/robots.txt');
    expect(robots.body).to.contain('Sitemap: http://localhost:8080/sitemap.xml');
  });

  it('turns the sitemap into a sitemap index beyond the page size', async () => {
    const app = new Koa();
    app.use(browseRoutes(server.running.services, { sitemapPageSize: 3 }).routes());
    const small = await listen(app);
    try {
      const index = await (await fetch(`${small.url}/sitemap.xml`)).text();
      expect(index).to.contain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      expect(locs(index)).to.deep.equal(['http://localhost:8080/sitemaps/1.xml', 'http://localhost:8080/sitemaps/2.xml']);
      const one = locs(await (await fetch(`${small.url}/sitemaps/1.xml`)).text());
      const two = locs(await (await fetch(`${small.url}/sitemaps/2.xml`)).text());
      expect(one).to.have.length(3);
      expect(two).to.have.length(1);
      expect([...one, ...two].sort()).to.deep.equal(publicOnes().map((a) => `http://localhost:8080/records/${a}`).sort());
      expect((await fetch(`${small.url}/sitemaps/3.xml`)).status).to.equal(404);
    } finally {
      await small.close();
    }
  });
});

async function listen(app: Koa): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = createServer(app.callback());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => http.close(() => resolve())) };
}
