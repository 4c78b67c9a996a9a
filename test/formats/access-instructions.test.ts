import { expect } from 'chai';
import { formatByName } from '../../src/formats/registry.js';
import type { FairRecord } from '../../src/model/schema.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, minimalRecord } from './render-fixtures.js';

const render = async (name: string, record: FairRecord) => formatByName(name)!.render(record, CONTEXT);

describe('how to obtain access, in every format (STOmicsDB art. 8, CNGBdb 2.1: controlled data by application)', () => {
  const controlled = minimalRecord({ access: { level: 'controlled' } });
  const applyAt = `${CONTEXT.baseUrl}/api/v1/records/${controlled.accession}/access-requests`;

  for (const name of ['datacite-xml', 'datacite-json', 'oai_dc', 'oai_datacite', 'schemaorg', 'turtle', 'availability-statement']) {
    it(`${name} names where to apply for a controlled record that gives no request URL of its own`, async () => {
      expect(await render(name, controlled)).to.contain(applyAt);
    });
  }

  it('keeps DataCite XML valid with the instructions in its rights', async () => {
    const check = validateXml(await render('datacite-xml', controlled), SCHEMA.dataCite);
    expect(check.valid, check.errors).to.equal(true);
  });

  it('uses the record’s own request URL and words when it has them', async () => {
    const own = minimalRecord({ access: { level: 'controlled', howToApply: 'Write to the data access committee.', requestUrl: 'https://dac.example.org/apply' } });
    const text = await render('schemaorg', own);
    expect(text).to.contain('Write to the data access committee. https://dac.example.org/apply');
    expect(text).to.not.contain('/access-requests');
  });

  it('tells registered users to sign in, and says when an embargo ends', async () => {
    expect(await render('oai_dc', minimalRecord({ access: { level: 'registered' } }))).to.contain('registered users once signed in');
    expect(await render('oai_dc', minimalRecord({ access: { level: 'public', embargoEnd: '2027-06-30' } }))).to.contain('under embargo until 2027-06-30');
    expect(await render('oai_dc', minimalRecord({ access: { level: 'public', embargoEnd: '2020-01-01' } }))).to.not.contain('How to obtain access');
    expect(await render('oai_dc', minimalRecord({ access: { level: 'public' } }))).to.not.contain('How to obtain access');
  });
});
