import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { accessRight, isAccessRightUri } from '../../src/formats/access-rights.js';
import { dataCiteAttributes } from '../../src/formats/datacite-json.js';
import { dataCiteDates } from '../../src/formats/datacite-xml.js';
import { schemaOrgDataset } from '../../src/formats/schemaorg.js';
import { licenceFromText, licenceOf, type Licence } from '../../src/formats/spdx-rights.js';
import { ACCESS_LEVELS } from '../../src/model/schema.js';
import { CONTEXT, demoRecord, minimalRecord } from './render-fixtures.js';

interface JournalLicence {
  /** As the journal data policy (seed 003, section 4) writes it. */
  policyName: string;
  spdxId: string;
  name: string;
  url: string;
  /** The URL spellings a record may carry. */
  urls: string[];
}

const cc = (path: string, name: string, spdxId: string, policyName: string): JournalLicence => ({
  policyName,
  spdxId,
  name,
  url: `https://creativecommons.org/${path}/`,
  urls: [
    `https://creativecommons.org/${path}/`,
    `http://creativecommons.org/${path}`,
    `https://creativecommons.org/${path}/legalcode`,
    `http://creativecommons.org/${path}/legalcode.en`,
    `https://creativecommons.org/${path}/deed.zh`,
  ],
});

/** The journal policy's eight licences, in its order (descending openness, then ODbL for databases). */
const JOURNAL_LICENCES: JournalLicence[] = [
  cc('publicdomain/zero/1.0', 'Creative Commons Zero v1.0 Universal', 'CC0-1.0', 'CC0'),
  cc('licenses/by/4.0', 'Creative Commons Attribution 4.0 International', 'CC-BY-4.0', 'CC-BY 4.0'),
  cc('licenses/by-sa/4.0', 'Creative Commons Attribution Share Alike 4.0 International', 'CC-BY-SA-4.0', 'CC BY-SA 4.0'),
  cc('licenses/by-nc/4.0', 'Creative Commons Attribution Non Commercial 4.0 International', 'CC-BY-NC-4.0', 'CC BY-NC 4.0'),
  cc('licenses/by-nc-sa/4.0', 'Creative Commons Attribution Non Commercial Share Alike 4.0 International', 'CC-BY-NC-SA-4.0', 'CC BY-NC-SA 4.0'),
  cc('licenses/by-nd/4.0', 'Creative Commons Attribution No Derivatives 4.0 International', 'CC-BY-ND-4.0', 'CC BY-ND 4.0'),
  cc('licenses/by-nc-nd/4.0', 'Creative Commons Attribution Non Commercial No Derivatives 4.0 International', 'CC-BY-NC-ND-4.0', 'CC BY-NC-ND 4.0'),
  {
    policyName: 'ODbL',
    spdxId: 'ODbL-1.0',
    name: 'Open Data Commons Open Database License v1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    urls: ['https://opendatacommons.org/licenses/odbl/1-0/', 'http://www.opendatacommons.org/licenses/odbl/1.0/', 'https://opendatacommons.org/licenses/odbl/1-0'],
  },
];

const normalized = ({ spdxId, name, url }: JournalLicence): Licence => ({ spdxId, name, url, spdxUrl: `https://spdx.org/licenses/${spdxId}` });

describe('licences', () => {
  describe("the journal data policy's eight licences (seed 003, section 4)", () => {
    for (const licence of JOURNAL_LICENCES) {
      describe(licence.spdxId, () => {
        it('normalize from the SPDX id in any letter case', () => {
          for (const id of [licence.spdxId, licence.spdxId.toLowerCase(), licence.spdxId.toUpperCase()]) {
            expect(licenceFromText(id), id).to.deep.equal(normalized(licence));
            expect(licenceOf({ rightsIdentifier: id, rightsIdentifierScheme: 'SPDX' }), id).to.deep.equal(normalized(licence));
          }
        });

        it('normalize from the licence URL, http or https, with or without trailing slash, legal code or deed', () => {
          for (const url of licence.urls) {
            expect(licenceFromText(url), url).to.deep.equal(normalized(licence));
            expect(licenceOf({ rightsUri: url }), url).to.deep.equal(normalized(licence));
          }
        });

        it('normalize from the name the policy gives it, and from its SPDX name', () => {
          for (const name of [licence.policyName, licence.name, licence.name.toUpperCase()]) {
            expect(licenceFromText(name), name).to.deep.equal(normalized(licence));
            expect(licenceOf({ rights: name }), name).to.deep.equal(normalized(licence));
          }
        });
      });
    }
  });

  describe('the rest of the SPDX License List', () => {
    const spdx = JSON.parse(readFileSync('vocab/spdx-licenses.json', 'utf8')).licenses as Array<{
      id: string;
      name: string;
      reference: string;
      isDeprecatedLicenseId: boolean;
    }>;

    it('each current licence normalizes to itself from its id, its name and its SPDX page', () => {
      for (const { id, name, reference } of spdx.filter((l) => !l.isDeprecatedLicenseId)) {
        for (const text of [id, name, reference]) expect(licenceFromText(text)?.spdxId, text).to.equal(id);
      }
    });

    it('a deprecated id stays itself; its name and URLs stand for the current id', () => {
      expect(licenceFromText('GPL-2.0')?.spdxId).to.equal('GPL-2.0');
      expect(licenceFromText('GNU General Public License v2.0 only')?.spdxId).to.equal('GPL-2.0-only');
      expect(licenceFromText('https://www.gnu.org/licenses/old-licenses/gpl-2.0-standalone.html')?.spdxId).to.equal('GPL-2.0-only');
    });

    it("gives each licence its own page, from SPDX's reference data", () => {
      expect(licenceFromText('Apache-2.0')).to.deep.equal({
        spdxId: 'Apache-2.0',
        name: 'Apache License 2.0',
        url: 'https://www.apache.org/licenses/LICENSE-2.0',
        spdxUrl: 'https://spdx.org/licenses/Apache-2.0',
      });
      expect(licenceFromText('mit')?.url).to.equal('https://opensource.org/license/mit/');
    });
  });

  describe('a licence SPDX does not list', () => {
    it('stays verbatim, without an SPDX id', () => {
      expect(licenceFromText('other-pd')).to.deep.equal({ name: 'other-pd' });
      expect(licenceFromText(' Attribution is required ')).to.deep.equal({ name: 'Attribution is required' });
      expect(licenceFromText('https://example.org/dua/2')).to.deep.equal({ name: 'https://example.org/dua/2', url: 'https://example.org/dua/2' });
      expect(licenceOf({ rights: 'Data use agreement v2', rightsUri: 'https://example.org/dua/2' })).to.deep.equal({
        name: 'Data use agreement v2',
        url: 'https://example.org/dua/2',
      });
      expect(licenceOf({ rights: 'Site licence', rightsIdentifier: 'site-licence-2', rightsIdentifierScheme: 'SPDX' })).to.deep.equal({ name: 'Site licence' });
    });

    it('includes an SPDX-looking id in another scheme, which is not read as SPDX', () => {
      expect(licenceOf({ rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'Local' })).to.deep.equal({ name: 'CC-BY-4.0' });
    });

    it('is kept as stated by schema.org, and completed by nothing in DataCite JSON', () => {
      expect(schemaOrgDataset(demoRecord('04-'), CONTEXT).license).to.deep.equal({ '@type': 'CreativeWork', name: 'other-pd' });
      const record = minimalRecord({ rightsList: [{ rights: 'other-pd' }] });
      expect((dataCiteAttributes(record, CONTEXT).rightsList as unknown[])[0]).to.deep.equal({ rights: 'other-pd' });
    });
  });

  describe('a missing licence', () => {
    it('stays missing: nothing is defaulted', () => {
      expect(licenceFromText(undefined)).to.equal(undefined);
      expect(licenceFromText('   ')).to.equal(undefined);
      expect(licenceOf({ lang: 'en' })).to.equal(undefined);
      expect(schemaOrgDataset(minimalRecord(), CONTEXT)).to.not.have.property('license');
      expect(dataCiteAttributes(minimalRecord(), CONTEXT).rightsList).to.deep.equal([
        { rights: 'open access', rightsUri: 'http://purl.org/coar/access_right/c_abf2' },
      ]);
    });
  });

  describe('in the formats', () => {
    it('schema.org names a licence given by name by its SPDX page', () => {
      const record = minimalRecord({ rightsList: [{ rights: 'CC BY-NC 4.0' }] });
      expect(schemaOrgDataset(record, CONTEXT).license).to.equal('https://spdx.org/licenses/CC-BY-NC-4.0');
    });

    it('DataCite JSON completes a licence given by name the way DataCite completes one given by id', () => {
      const record = minimalRecord({ rightsList: [{ rights: 'ODbL' }] });
      expect((dataCiteAttributes(record, CONTEXT).rightsList as unknown[])[0]).to.deep.equal({
        rights: 'ODbL',
        rightsUri: 'http://www.opendatacommons.org/licenses/odbl/1.0/',
        rightsIdentifier: 'ODbL-1.0',
        rightsIdentifierScheme: 'SPDX',
        schemeUri: 'https://spdx.org/licenses/',
      });
    });
  });

  describe('access rights for OpenAIRE', () => {
    it('give each access level its COAR and info:eu-repo access right', () => {
      const rights = ACCESS_LEVELS.map((level) => [level, accessRight({ level }).uri, accessRight({ level }).euRepoUri]);
      expect(rights).to.deep.equal([
        ['public', 'http://purl.org/coar/access_right/c_abf2', 'info:eu-repo/semantics/openAccess'],
        ['registered', 'http://purl.org/coar/access_right/c_16ec', 'info:eu-repo/semantics/restrictedAccess'],
        ['controlled', 'http://purl.org/coar/access_right/c_16ec', 'info:eu-repo/semantics/restrictedAccess'],
        ['private', 'http://purl.org/coar/access_right/c_14cb', 'info:eu-repo/semantics/closedAccess'],
      ]);
      expect(accessRight({ level: 'public', embargoEnd: '2027-06-30' }).euRepoUri).to.equal('info:eu-repo/semantics/embargoedAccess');
    });

    it('are told from licences in a record’s own rights, in either vocabulary', () => {
      expect(isAccessRightUri('info:eu-repo/semantics/embargoedAccess')).to.equal(true);
      expect(isAccessRightUri('http://purl.org/coar/access_right/c_abf2')).to.equal(true);
      expect(isAccessRightUri('https://creativecommons.org/licenses/by/4.0/')).to.equal(false);
      const record = minimalRecord({ rightsList: [{ rights: 'open access', rightsUri: 'info:eu-repo/semantics/openAccess' }] });
      expect(schemaOrgDataset(record, CONTEXT)).to.not.have.property('license');
    });

    it('DataCite dates an embargo as the OpenAIRE Guidelines for Data Archives ask: Accepted at its start, Available at its end', () => {
      const embargoed = minimalRecord({ access: { level: 'public', releaseDate: '2026-01-15', embargoEnd: '2027-06-30' } });
      expect(dataCiteDates(embargoed)).to.deep.equal([
        { date: '2027-06-30', dateType: 'Available', dateInformation: 'End of the embargo' },
        { date: '2026-01-15', dateType: 'Accepted', dateInformation: 'Start of the embargo' },
      ]);
      expect(dataCiteDates(minimalRecord({ access: { level: 'public', releaseDate: '2026-01-15' } }))).to.deep.equal([
        { date: '2026-01-15', dateType: 'Available' },
      ]);
    });
  });
});
