/**
 * What a person sees, in a real browser: Debian's chromium driven by playwright-core over the demo data.
 * Screenshots are kept in test-artifacts/ for a look after the run.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createToken } from '../../src/services/auth-service.js';
import { loadDemo } from '../../src/services/demo-loader.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const ARTIFACTS = 'test-artifacts/browser';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('pages in a browser (chromium)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let hostile: string;
  let withdrawn: string;
  let reviewUrl: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ BASE_URL: 'http://localhost:8080' }, { background: false });
    await loadDemo(server.running.services);
    const submitter = (await createToken(server.running.services, 'submitter', 'browser-depositor')).token;
    const create = async (body: Record<string, unknown>, token = ADMIN_TOKEN) => (await (await server.request('POST', '/api/v1/records', { token, json: minimalRecord(body) })).json()).accession as string;
    hostile = await create({ titles: [{ title: 'Atlas <script>window.hacked = true</script> of the tonsil' }] });
    withdrawn = await create({ titles: [{ title: 'A dataset later retracted' }], doi: '10.12345/browser.retracted' });
    await server.request('DELETE', `/api/v1/records/${withdrawn}`, { token: ADMIN_TOKEN, json: { reason: 'The article was retracted by the journal', category: 'retracted-publication' } });
    const draft = await create({ status: 'draft', titles: [{ title: 'Under double-blind review' }], creators: [{ name: 'Secret, Author' }] }, submitter);
    const link = await (await server.request('POST', `/api/v1/records/${draft}/review-links`, { token: submitter, json: { anonymous: true } })).json();
    reviewUrl = link.url.replace('http://localhost:8080', server.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visit = async (path: string, shot: string) => {
    const response = await page.goto(path.startsWith('http') ? path : server.url + path);
    await page.screenshot({ path: `${ARTIFACTS}/${shot}.png`, fullPage: true });
    return response!;
  };

  it('shows a demo landing page with its title, identifiers, licence, citation and machine formats', async () => {
    const records = await (await server.request('GET', '/api/v1/records?q=malaria')).json();
    const accession = records.data[0].accession as string;
    const response = await visit(`/records/${accession}`, 'landing-dryad');
    expect(response.status()).to.equal(200);
    expect(await page.locator('h1').count()).to.equal(1);
    const text = await page.locator('main').innerText();
    expect(text).to.contain(accession);
    expect(text).to.match(/10\.5061\/dryad\.8515/i);
    expect(text).to.match(/cite/i);
    expect(await page.locator('a[href*="?format=bibtex"]').count()).to.be.greaterThan(0);
    expect(await page.locator('script[type="application/ld+json"]').count()).to.equal(1);
  });

  it('renders a title containing <script> as text, and runs no script from it', async () => {
    await visit(`/records/${hostile}`, 'landing-hostile-title');
    expect(await page.locator('h1').innerText()).to.contain('<script>window.hacked = true</script>');
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).to.equal(undefined);
  });

  it('shows a tombstone with the reason for a withdrawn record', async () => {
    const response = await visit(`/records/${withdrawn}`, 'tombstone');
    expect(response.status()).to.equal(410);
    const text = await page.locator('main').innerText();
    expect(text).to.contain('A dataset later retracted');
    expect(text).to.contain('The article was retracted by the journal');
  });

  it('shows reviewers the unreleased record with a banner, and hides its creators in anonymous mode', async () => {
    const response = await visit(reviewUrl, 'reviewer-anonymous');
    expect(response.status()).to.equal(200);
    const text = await page.locator('body').innerText();
    expect(text).to.match(/not yet public/i);
    expect(text).to.contain('Under double-blind review');
    expect(text).to.not.contain('Secret, Author');
  });

  it('searches the public records, and narrows them by a facet', async () => {
    await visit('/', 'home');
    await page.getByLabel(/search/i).first().fill('mouse brain');
    await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('button', { name: /search/i }).first().click()]);
    await page.screenshot({ path: `${ARTIFACTS}/search.png`, fullPage: true });
    const results = await page.locator('main').innerText();
    expect(results).to.match(/atlas of the adult mouse brain/i);
    expect(results).to.match(/2 records/);
    expect(results).to.not.match(/axolotl/i);
    const facet = page.locator('a[href*="access="]').first();
    await Promise.all([page.waitForURL(/access=/), facet.click()]);
    await page.screenshot({ path: `${ARTIFACTS}/search-faceted.png`, fullPage: true });
    expect(page.url()).to.match(/access=/);
  });
});
