import { expect } from 'chai';
import { accessRightFromText, EMBARGOED_ACCESS, METADATA_ONLY_ACCESS, OPEN_ACCESS, RESTRICTED_ACCESS, type AccessRight } from '../../src/formats/access-rights.js';
import { classifyRightsStatement, licenceFromText, licenceOf } from '../../src/formats/spdx-rights.js';
import { rightsOfDc } from '../../src/import/readers/dc-rights.js';

/** Licences as real metadata states them (Zenodo, Dataverse, DataCite, Figshare, hand-typed), each with its SPDX id. */
const LICENCES: Array<[stated: string, spdxId: string]> = [
  ['CC BY 4.0', 'CC-BY-4.0'],
  ['CC-BY 4.0', 'CC-BY-4.0'],
  ['CC-BY-4.0', 'CC-BY-4.0'],
  ['cc-by-4.0', 'CC-BY-4.0'],
  ['cc by 4.0', 'CC-BY-4.0'],
  ['Creative Commons Attribution 4.0 International', 'CC-BY-4.0'],
  ['Attribution 4.0 International', 'CC-BY-4.0'],
  ['Creative Commons Attribution 4.0 International (CC BY 4.0)', 'CC-BY-4.0'],
  ['http://creativecommons.org/licenses/by/4.0', 'CC-BY-4.0'],
  ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0'],
  ['https://creativecommons.org/licenses/by/4.0/legalcode', 'CC-BY-4.0'],
  ['http://creativecommons.org/licenses/by/4.0/legalcode.en', 'CC-BY-4.0'],
  ['https://creativecommons.org/licenses/by/4.0/deed.en', 'CC-BY-4.0'],
  ['https://creativecommons.org/licenses/by/4.0/deed.en_GB', 'CC-BY-4.0'],
  ['https://www.creativecommons.org/licenses/by/4.0//', 'CC-BY-4.0'],
  ['https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1', 'CC-BY-4.0'],
  ['creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0'],
  ['CC0', 'CC0-1.0'],
  ['CC0 1.0', 'CC0-1.0'],
  ['cc0-1.0', 'CC0-1.0'],
  ['CC0 1.0 Universal', 'CC0-1.0'],
  ['CC0 1.0 Universal (CC0 1.0) Public Domain Dedication', 'CC0-1.0'],
  ['Public Domain Dedication', 'CC0-1.0'],
  ['Creative Commons Zero v1.0 Universal', 'CC0-1.0'],
  ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0'],
  ['http://creativecommons.org/publicdomain/zero/1.0/legalcode', 'CC0-1.0'],
  ['cc-zero', 'CC0-1.0'],
  ['CC-BY-SA-4.0', 'CC-BY-SA-4.0'],
  ['cc-by-nc-4.0', 'CC-BY-NC-4.0'],
  ['Creative Commons Attribution Non Commercial 4.0 International', 'CC-BY-NC-4.0'],
  ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0'],
  ['Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported', 'CC-BY-NC-SA-3.0'],
  ['Attribution-NonCommercial-NoDerivs 3.0 Unported', 'CC-BY-NC-ND-3.0'],
  ['Creative Commons License [CC BY-NC-ND] http://creativecommons.org/licenses/by-nc-nd/3.0/de/', 'CC-BY-NC-ND-3.0-DE'],
  ['odc-by', 'ODC-By-1.0'],
  ['odc-odbl', 'ODbL-1.0'],
  ['ODbL', 'ODbL-1.0'],
  ['odc-pddl', 'PDDL-1.0'],
  ['Open Data Commons Public Domain Dedication and License', 'PDDL-1.0'],
  ['Open Data Commons Public Domain Dedication & License 1.0', 'PDDL-1.0'],
  ['http://opendatacommons.org/licenses/pddl/1.0/', 'PDDL-1.0'],
  ['mit-license', 'MIT'],
  ['MIT', 'MIT'],
  ['apache-2.0', 'Apache-2.0'],
  ['Apache License 2.0', 'Apache-2.0'],
  ['http://www.apache.org/licenses/LICENSE-2.0', 'Apache-2.0'],
  ['gpl-3.0-or-later', 'GPL-3.0-or-later'],
];

/** Access rights, which are not licences: each with the access right it names. */
const ACCESS_RIGHTS: Array<[stated: string, right: AccessRight]> = [
  ['info:eu-repo/semantics/openAccess', OPEN_ACCESS],
  ['info:eu-repo/semantics/embargoedAccess', EMBARGOED_ACCESS],
  ['info:eu-repo/semantics/restrictedAccess', RESTRICTED_ACCESS],
  ['info:eu-repo/semantics/closedAccess', METADATA_ONLY_ACCESS],
  ['info:eu-repo/semantics/OPENACCESS', OPEN_ACCESS],
  ['http://purl.org/coar/access_right/c_abf2', OPEN_ACCESS],
  ['https://purl.org/coar/access_right/c_abf2/', OPEN_ACCESS],
  ['http://purl.org/coar/access_right/c_f1cf', EMBARGOED_ACCESS],
  ['http://purl.org/coar/access_right/c_16ec', RESTRICTED_ACCESS],
  ['http://purl.org/coar/access_right/c_14cb', METADATA_ONLY_ACCESS],
  ['Open Access', OPEN_ACCESS],
  ['metadata only access', METADATA_ONLY_ACCESS],
];

/** Neither a licence SPDX lists nor an access right: kept as stated, never guessed into one. */
const OTHERS = [
  'other-pd',
  'other-open',
  'notspecified',
  'CC-BY',
  'Public Domain Mark 1.0',
  'All rights reserved',
  'Attribution is required',
  'https://example.org/data-use-agreement/2',
  'info:eu-repo/semantics/other',
];

describe('licence normalization of imported metadata', () => {
  describe('licences, each to its SPDX id', () => {
    for (const [stated, spdxId] of LICENCES) {
      it(`${JSON.stringify(stated)} is ${spdxId}`, () => {
        expect(licenceFromText(stated)?.spdxId).to.equal(spdxId);
        expect(licenceOf(/^https?:\/\/\S+$/.test(stated) ? { rightsUri: stated } : { rights: stated })?.spdxId).to.equal(spdxId);
        expect(classifyRightsStatement(stated)).to.deep.include({ kind: 'licence' });
      });
    }

    it('are padded or in any letter case alike', () => {
      expect(licenceFromText('  CC-BY-4.0 \n')?.spdxId).to.equal('CC-BY-4.0');
      expect(licenceFromText('CREATIVE COMMONS ATTRIBUTION 4.0 INTERNATIONAL')?.spdxId).to.equal('CC-BY-4.0');
      expect(licenceFromText('HTTPS://CREATIVECOMMONS.ORG/LICENSES/BY/4.0/')?.spdxId).to.equal('CC-BY-4.0');
    });

    it('normalize to SPDX’s name and the licence’s own page', () => {
      expect(licenceFromText('cc-zero')).to.deep.equal({
        spdxId: 'CC0-1.0',
        name: 'Creative Commons Zero v1.0 Universal',
        url: 'https://creativecommons.org/publicdomain/zero/1.0/',
        spdxUrl: 'https://spdx.org/licenses/CC0-1.0',
      });
    });
  });

  describe('access rights, told apart from licences', () => {
    for (const [stated, right] of ACCESS_RIGHTS) {
      it(`${JSON.stringify(stated)} is ${right.label}, not a licence`, () => {
        expect(accessRightFromText(stated)).to.equal(right);
        expect(classifyRightsStatement(stated)).to.deep.equal({ kind: 'access-right', accessRight: right });
      });
    }
  });

  describe('anything else', () => {
    for (const stated of OTHERS) {
      it(`${JSON.stringify(stated)} is kept as stated`, () => {
        expect(classifyRightsStatement(stated)).to.deep.equal({ kind: 'other', text: stated });
        expect(accessRightFromText(stated)).to.equal(undefined);
      });
    }

    it('does not search long terms of use for a licence', () => {
      const terms = `${'The data may be used for research only. '.repeat(20)}See https://creativecommons.org/licenses/by/4.0/ for attribution.`;
      expect(classifyRightsStatement(terms).kind).to.equal('other');
    });

    it('does not read a text naming two different licences as either', () => {
      const two = 'Text under https://creativecommons.org/licenses/by/4.0/, data under https://creativecommons.org/publicdomain/zero/1.0/';
      expect(classifyRightsStatement(two).kind).to.equal('other');
    });
  });

  describe('the dc:rights of a record', () => {
    const statements = (...texts: string[]) => texts.map((text) => ({ text }));

    it('become one rights entry per licence, however many statements name it, with the licence verbatim as the source’s', () => {
      const read = rightsOfDc(
        statements('info:eu-repo/semantics/openAccess', 'Creative Commons Attribution 4.0 International', 'https://creativecommons.org/licenses/by/4.0/legalcode'),
        undefined,
      );
      expect(read).to.deep.equal({
        rightsList: [
          {
            rights: 'Creative Commons Attribution 4.0 International',
            rightsUri: 'https://creativecommons.org/licenses/by/4.0/legalcode',
            rightsIdentifier: 'CC-BY-4.0',
            rightsIdentifierScheme: 'SPDX',
            schemeUri: 'https://spdx.org/licenses/',
          },
        ],
        access: { level: 'public' },
        license: 'Creative Commons Attribution 4.0 International\nhttps://creativecommons.org/licenses/by/4.0/legalcode',
      });
    });

    it('complete a licence stated only by id with SPDX’s name and page, and keep other statements as they are', () => {
      const read = rightsOfDc(
        [{ text: 'cc-zero' }, { text: 'Cite the data as stated on the landing page.', lang: 'en' }, { text: 'https://example.org/terms' }],
        undefined,
      );
      expect(read.rightsList).to.deep.equal([
        {
          rights: 'Creative Commons Zero v1.0 Universal',
          rightsUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
          rightsIdentifier: 'CC0-1.0',
          rightsIdentifierScheme: 'SPDX',
          schemeUri: 'https://spdx.org/licenses/',
        },
        { rights: 'Cite the data as stated on the landing page.', lang: 'en' },
        { rightsUri: 'https://example.org/terms' },
      ]);
      expect(read.license).to.equal('cc-zero\nCite the data as stated on the landing page.\nhttps://example.org/terms');
      expect(read).to.not.have.property('access');
    });

    const ACCESS: Array<[texts: string[], embargoEnd: string | undefined, access: unknown]> = [
      [['info:eu-repo/semantics/openAccess'], undefined, { level: 'public' }],
      [['info:eu-repo/semantics/embargoedAccess'], '2027-06-30', { level: 'public', embargoEnd: '2027-06-30' }],
      [['info:eu-repo/semantics/embargoedAccess'], undefined, { level: 'controlled' }],
      [[], '2027-06-30', { level: 'public', embargoEnd: '2027-06-30' }],
      [['info:eu-repo/semantics/restrictedAccess'], undefined, { level: 'controlled' }],
      [['info:eu-repo/semantics/closedAccess'], undefined, { level: 'controlled' }],
      [['http://purl.org/coar/access_right/c_14cb'], undefined, { level: 'controlled' }],
      [['info:eu-repo/semantics/openAccess', 'info:eu-repo/semantics/closedAccess'], undefined, { level: 'controlled' }],
      [['info:eu-repo/semantics/openAccess'], '2027-06-30', { level: 'public', embargoEnd: '2027-06-30' }],
      [['info:eu-repo/semantics/restrictedAccess'], '2027-06-30', { level: 'controlled' }],
      [['CC-BY-4.0'], undefined, undefined],
    ];
    for (const [texts, embargoEnd, access] of ACCESS) {
      it(`set the access level from ${JSON.stringify(texts)}${embargoEnd ? ` with an embargo until ${embargoEnd}` : ''}`, () => {
        const read = rightsOfDc(statements(...texts), embargoEnd);
        expect(read.access).to.deep.equal(access);
        expect(read.rightsList.filter((r) => accessRightFromText(r.rightsUri ?? r.rights))).to.deep.equal([]);
      });
    }
  });
});
