import { expect } from 'chai';
import { DataFactory, Store, type Term } from 'n3';
import { availabilityStatement } from '../../src/formats/availability-statement.js';
import { conditionStatement, dataUseConditions } from '../../src/formats/data-use-conditions.js';
import { dataCiteAttributes } from '../../src/formats/datacite-json.js';
import { dataCiteXmlFormat } from '../../src/formats/datacite-xml.js';
import { dcatGraph } from '../../src/formats/dcat-graph.js';
import { landingPageUrl } from '../../src/formats/format.js';
import { ODRL, RDF, RDFS } from '../../src/formats/namespaces.js';
import { oaiDcFormat } from '../../src/formats/oai-dc.js';
import { schemaOrgDataset } from '../../src/formats/schemaorg.js';
import { asDocument } from '../../src/formats/xml.js';
import type { FairRecord } from '../../src/model/schema.js';
import { DCAT_AP_SHAPE_SETS, shaclViolations } from '../helpers/shacl.js';
import { SCHEMA, validateXml } from '../helpers/xmllint.js';
import { CONTEXT, demoRecord, findAll, minimalRecord, readXml, textsOf } from './render-fixtures.js';

const { namedNode } = DataFactory;

type Conditions = NonNullable<FairRecord['access']['conditions']>;

/** NBDC's acknowledgement template (Guidelines for Human Data Sharing 5.3.1), filled in. */
const NBDC_ACKNOWLEDGEMENT =
  'The data used for this research was originally obtained by the Japanese Diabetes Genomics research group led by Dr. Kenji Nakamura ' +
  'and available at the website of the NBDC Human Database (http://humandbs.biosciencedbc.jp/en/) of the Japan Science and Technology Agency (JST).';

function controlledRecord(conditions: Conditions): FairRecord {
  return minimalRecord({ access: { level: 'controlled', conditions, acknowledgement: NBDC_ACKNOWLEDGEMENT } });
}

// ---------------------------------------------------------------------------------------------------
// Reading each format back
// ---------------------------------------------------------------------------------------------------

const dataCiteXml = (record: FairRecord) => asDocument(dataCiteXmlFormat.oai!.render(record, CONTEXT));
const oaiDc = (record: FairRecord) => asDocument(oaiDcFormat.oai!.render(record, CONTEXT));

function expectValid(xml: string, schema: string): void {
  const check = validateXml(xml, schema);
  expect(check.valid, check.errors).to.equal(true);
}

const dataCiteXmlRights = (record: FairRecord) => findAll(readXml(dataCiteXml(record)), 'rights');
const dataCiteJsonRights = (record: FairRecord) => dataCiteAttributes(record, CONTEXT).rightsList as Array<Record<string, string>>;
const dcRights = (record: FairRecord) => textsOf(readXml(oaiDc(record)), 'rights');
const conditionsOfAccess = (record: FairRecord) => schemaOrgDataset(record, CONTEXT).conditionsOfAccess as string[];

const valuesOf = (store: Store, subject: Term | null, predicate: Term) => store.getObjects(subject, predicate, null).map((term) => term.value);

function policyOf(record: FairRecord): { graph: Store; policy: Term } {
  const graph = new Store(dcatGraph(record, CONTEXT));
  const [policy] = graph.getObjects(namedNode(landingPageUrl(CONTEXT, record.accession)), ODRL('hasPolicy'), null);
  expect(policy, 'the dataset has an ODRL policy').to.not.equal(undefined);
  return { graph, policy: policy! };
}

/** The actions of the policy's prohibitions, with the explanation each carries. */
function prohibitions(record: FairRecord): Array<{ action: string; comment: string[] }> {
  const { graph, policy } = policyOf(record);
  return graph.getObjects(policy, ODRL('prohibition'), null).map((rule) => ({
    action: valuesOf(graph, rule, ODRL('action'))[0]!,
    comment: valuesOf(graph, rule, RDFS('comment')),
  }));
}

/** The duties of the policy's permission to perform `permissionAction`, with the explanation each carries. */
function dutiesOf(record: FairRecord, permissionAction: string): Array<{ action: string; comment: string[] }> {
  const { graph, policy } = policyOf(record);
  const permission = graph.getObjects(policy, ODRL('permission'), null).find((p) => valuesOf(graph, p, ODRL('action')).includes(permissionAction));
  expect(permission, `a permission to ${permissionAction}`).to.not.equal(undefined);
  return graph.getObjects(permission!, ODRL('duty'), null).map((duty) => ({
    action: valuesOf(graph, duty, ODRL('action'))[0]!,
    comment: valuesOf(graph, duty, RDFS('comment')),
  }));
}

// ---------------------------------------------------------------------------------------------------
// The seeds' rules
// ---------------------------------------------------------------------------------------------------

interface SeedRule {
  title: string;
  rule: string;
  label: string;
  odrl: { prohibition: string } | { duty: string; of: string };
}

const OWN_ACTION = (name: string) => `${CONTEXT.baseUrl}/vocab/data-use-terms#${name}`;

const SEED_RULES: SeedRule[] = [
  {
    title: 'CNGBdb 2.1 controlled data: use only for the project in the approved application',
    rule: 'approved-purpose-only',
    label: 'Approved purpose only',
    odrl: { prohibition: ODRL('secondaryUse').value },
  },
  {
    title: 'CNGBdb 2.1 / NBDC 5.3.1: no attempt to identify the sample donors',
    rule: 'no-reidentification',
    label: 'No re-identification',
    odrl: { prohibition: OWN_ACTION('identify') },
  },
  {
    title: 'CNGBdb 2.1 controlled data / NBDC 5.3.3: no provision to third parties',
    rule: 'no-redistribution',
    label: 'No redistribution',
    odrl: { prohibition: ODRL('distribute').value },
  },
  { title: 'CNGBdb 2.1 controlled and public data: no sale', rule: 'no-sale', label: 'No sale', odrl: { prohibition: ODRL('sell').value } },
  {
    title: 'NBDC 5.3.1: no weapons development or military applications',
    rule: 'no-military-use',
    label: 'No military use',
    odrl: { prohibition: OWN_ACTION('militaryUse') },
  },
  {
    title: 'STOmicsDB art. 12 / NBDC 5.4.3: delete the data when the period of use ends',
    rule: 'delete-after-use',
    label: 'Delete after use',
    odrl: { duty: ODRL('delete').value, of: ODRL('use').value },
  },
  {
    title: 'NBDC 5.3.3: acknowledgement in the words of the template',
    rule: 'acknowledge',
    label: 'Acknowledgement required',
    odrl: { duty: ODRL('attribute').value, of: ODRL('use').value },
  },
  {
    title: 'STOmicsDB art. 16: cite the accession number',
    rule: 'cite-accession',
    label: 'Cite the accession',
    odrl: { duty: ODRL('attribute').value, of: ODRL('use').value },
  },
  {
    title: 'CNGBdb 2.1 reserved rights: consent of the submitters for derived intellectual property',
    rule: 'derived-ip-consent',
    label: 'Consent for derived results',
    odrl: { duty: ODRL('obtainConsent').value, of: ODRL('derive').value },
  },
];

describe('data-use conditions in every format', () => {
  describe('the rules of the seed policies', () => {
    for (const { title, rule, label, odrl } of SEED_RULES) {
      describe(title, () => {
        const record = controlledRecord({ rules: [rule] });
        const [condition] = dataUseConditions(record);
        const statement = conditionStatement(condition!);

        it('is a condition of the record, stated in plain language under its label', () => {
          expect(dataUseConditions(record).map((c) => c.id)).to.deep.equal([rule]);
          expect(statement.startsWith(`${label}: `)).to.equal(true);
        });

        it('DataCite XML: one rights entry states it, and the record stays valid against the kernel-4.7 XSD', () => {
          expectValid(dataCiteXml(record), SCHEMA.dataCite);
          const entries = dataCiteXmlRights(record).filter((r) => r.text === statement);
          expect(entries).to.have.length(1);
          expect(entries[0]!.attributes).to.deep.equal({ 'xml:lang': 'en' });
        });

        it('DataCite JSON: the same rights entry', () => {
          expect(dataCiteJsonRights(record)).to.deep.include({ rights: statement, lang: 'en' });
        });

        it('oai_dc: one dc:rights states it, and the record stays valid against the oai_dc XSD', () => {
          expectValid(oaiDc(record), SCHEMA.oaiDc);
          expect(dcRights(record).filter((text) => text === statement)).to.have.length(1);
        });

        it('schema.org: a line of conditionsOfAccess states it', () => {
          expect(conditionsOfAccess(record)).to.include(statement);
        });

        if ('prohibition' in odrl) {
          it('DCAT: the ODRL policy prohibits the action', () => {
            expect(prohibitions(record)).to.deep.include({ action: odrl.prohibition, comment: [condition!.text] });
          });
        } else {
          it('DCAT: the ODRL policy makes the action a duty of its permission', () => {
            expect(dutiesOf(record, odrl.of)).to.deep.include({ action: odrl.duty, comment: [condition!.text] });
          });
        }
      });
    }
  });

  describe('the words a rule is completed with', () => {
    it('NBDC 5.3.3: the acknowledgement to give, as the record states it', () => {
      const [acknowledge] = dataUseConditions(controlledRecord({ rules: ['acknowledge'] }));
      expect(acknowledge!.text).to.equal(
        `Acknowledge the data submitters in every publication or presentation that uses the data. Suggested wording: ${NBDC_ACKNOWLEDGEMENT}`,
      );
      const withoutWords = minimalRecord({ access: { level: 'public', conditions: { rules: ['acknowledge'] } } });
      expect(dataUseConditions(withoutWords)[0]!.text).to.equal('Acknowledge the data submitters in every publication or presentation that uses the data.');
    });

    it('STOmicsDB art. 16: the accession to cite', () => {
      const record = controlledRecord({ rules: ['cite-accession'] });
      expect(dataUseConditions(record)[0]!.text).to.match(new RegExp(`Accession: ${record.accession}$`));
    });

    it('schema.org does not repeat an acknowledgement a rule already quotes', () => {
      const lines = conditionsOfAccess(controlledRecord({ rules: ['acknowledge'] }));
      expect(lines.filter((line) => line.includes(NBDC_ACKNOWLEDGEMENT))).to.have.length(1);
      expect(conditionsOfAccess(controlledRecord({}))).to.include(`Acknowledgement: ${NBDC_ACKNOWLEDGEMENT}`);
    });
  });

  describe('CNGBdb 2.1 open access with reservation of rights', () => {
    const reservedRights = { redistribution: 'prohibited' as const, acknowledgementRequired: true, derivedIpConsentRequired: true };

    it('reserved rights are the rules they amount to, without being listed as rules', () => {
      const record = minimalRecord({ access: { level: 'public', conditions: { reservedRights } } });
      expect(dataUseConditions(record).map((c) => c.id)).to.deep.equal(['no-redistribution', 'acknowledge', 'derived-ip-consent']);
    });

    it('a rule both listed and reserved is stated once', () => {
      const record = minimalRecord({ access: { level: 'public', conditions: { rules: ['no-redistribution', 'no-sale'], reservedRights } } });
      expect(dataUseConditions(record).map((c) => c.id)).to.deep.equal(['no-redistribution', 'no-sale', 'acknowledge', 'derived-ip-consent']);
      expect(dcRights(record).filter((text) => text.startsWith('No redistribution:'))).to.have.length(1);
      expect(prohibitions(record).map((p) => p.action)).to.have.members([ODRL('distribute').value, ODRL('sell').value]);
    });

    it('redistribution permitted by the submitters is an ODRL permission, not a condition', () => {
      const record = minimalRecord({ access: { level: 'public', conditions: { reservedRights: { redistribution: 'permitted' } } } });
      expect(dataUseConditions(record)).to.deep.equal([]);
      const { graph, policy } = policyOf(record);
      const actions = graph.getObjects(policy, ODRL('permission'), null).flatMap((p) => valuesOf(graph, p, ODRL('action')));
      expect(actions).to.have.members([ODRL('use').value, ODRL('distribute').value]);
    });
  });

  describe('GA4GH DUO terms', () => {
    // DS with the NPOA modifier, whose IRI DUO publishes with an extra zero; neither label given.
    const record = controlledRecord({ duo: [{ code: 'DUO:0000007', modifiers: ['DUO:0000044'] }] });

    it('DataCite XML and JSON: a rights entry in the DUO scheme per term and modifier, with its OBO IRI and its label from DUO', () => {
      expectValid(dataCiteXml(record), SCHEMA.dataCite);
      const duo = dataCiteXmlRights(record).filter((r) => r.attributes.rightsIdentifierScheme === 'DUO');
      expect(duo.map((r) => r.attributes)).to.deep.equal([
        {
          rightsURI: 'http://purl.obolibrary.org/obo/DUO_0000007',
          rightsIdentifier: 'DUO:0000007',
          rightsIdentifierScheme: 'DUO',
          schemeURI: 'http://purl.obolibrary.org/obo/',
          'xml:lang': 'en',
        },
        {
          rightsURI: 'http://purl.obolibrary.org/obo/DUO_0000044',
          rightsIdentifier: 'DUO:0000044',
          rightsIdentifierScheme: 'DUO',
          schemeURI: 'http://purl.obolibrary.org/obo/',
          'xml:lang': 'en',
        },
      ]);
      expect(duo.map((r) => r.text)).to.deep.equal([
        'disease specific research (GA4GH DUO DS, DUO:0000007): This data use permission indicates that use is allowed provided it is related to the specified disease.',
        'population origins or ancestry research prohibited (GA4GH DUO NPOA, DUO:0000044): ' +
          'This data use modifier indicates use for purposes of population, origin, or ancestry research is prohibited.',
      ]);
      const json = dataCiteJsonRights(record).filter((r) => r.rightsIdentifierScheme === 'DUO');
      expect(json.map((r) => [r.rights, r.rightsUri])).to.deep.equal(duo.map((r) => [r.text, r.attributes.rightsURI]));
    });

    it('keep the label the record gives, and the record itself unchanged', () => {
      const labelled = controlledRecord({ duo: [{ code: 'DUO:0000042', label: 'general research use (GRU)' }] });
      expect(dataUseConditions(labelled)[0]!.label).to.equal('general research use (GRU)');
      expect(record.access.conditions!.duo).to.deep.equal([{ code: 'DUO:0000007', modifiers: ['DUO:0000044'] }]);
    });

    it('oai_dc and schema.org: one statement per term and modifier', () => {
      expectValid(oaiDc(record), SCHEMA.oaiDc);
      const statements = dataUseConditions(record).map(conditionStatement);
      expect(dcRights(record)).to.include.members(statements);
      expect(conditionsOfAccess(record)).to.include.members(statements);
    });

    it('DCAT: constrain the purpose of use to each term, labelled from DUO', () => {
      const { graph, policy } = policyOf(record);
      const use = graph.getObjects(policy, ODRL('permission'), null)[0]!;
      const terms = graph.getObjects(use, ODRL('constraint'), null).flatMap((c) => valuesOf(graph, c, ODRL('rightOperand')));
      expect(terms).to.deep.equal(['http://purl.obolibrary.org/obo/DUO_0000007', 'http://purl.obolibrary.org/obo/DUO_0000044']);
      expect(valuesOf(graph, namedNode(terms[1]!), RDFS('label'))).to.deep.equal(['population origins or ancestry research prohibited']);
    });
  });

  describe('the DCAT ODRL policy with every rule and DUO term', () => {
    const record = controlledRecord({ duo: [{ code: 'DUO:0000006', modifiers: ['DUO:0000021'] }], rules: SEED_RULES.map((r) => r.rule) });

    it('describes the actions ODRL lacks and declares the vocabulary defining them as its profile', () => {
      const { graph, policy } = policyOf(record);
      expect(valuesOf(graph, policy, ODRL('profile'))).to.deep.equal([`${CONTEXT.baseUrl}/vocab/data-use-terms`]);
      for (const name of ['identify', 'militaryUse']) {
        const action = namedNode(OWN_ACTION(name));
        expect(valuesOf(graph, action, RDF('type'))).to.deep.equal([ODRL('Action').value]);
        expect(valuesOf(graph, action, ODRL('includedIn'))).to.deep.equal([ODRL('use').value]);
        expect(valuesOf(graph, action, RDFS('label'))).to.have.length(1);
      }
    });

    it('declares no profile when it uses ODRL actions only', () => {
      const { graph, policy } = policyOf(controlledRecord({ rules: ['no-sale', 'delete-after-use'] }));
      expect(valuesOf(graph, policy, ODRL('profile'))).to.deep.equal([]);
    });

    for (const [setName, load] of Object.entries(DCAT_AP_SHAPE_SETS)) {
      it(`still has no violations of the DCAT-AP 3.0.1 shapes (${setName})`, async () => {
        const found = await shaclViolations(load(), dcatGraph(record, CONTEXT));
        expect(found, found.join('\n')).to.deep.equal([]);
      });
    }
  });

  describe('the demo records', () => {
    const ruleIds = (prefix: string) => dataUseConditions(demoRecord(prefix)).filter((c) => c.scheme === 'fairharbor').map((c) => c.id);

    it('NBDC 5.3 (registered-access GWAS summary statistics): no re-identification, no redistribution, no military use, acknowledgement, accession', () => {
      expect(ruleIds('06-')).to.deep.equal(['no-reidentification', 'no-redistribution', 'no-military-use', 'acknowledge', 'cite-accession']);
    });

    it('CNGBdb 2.1 rules for controlled data (controlled Stereo-seq of liver cancer)', () => {
      expect(ruleIds('07-')).to.deep.equal([
        'approved-purpose-only',
        'no-reidentification',
        'no-redistribution',
        'no-sale',
        'delete-after-use',
        'acknowledge',
        'cite-accession',
      ]);
    });

    it('CNGBdb 2.1 open access with reservation of rights, and its rules for public data (H9N2 genomes)', () => {
      expect(ruleIds('08-')).to.deep.equal(['no-redistribution', 'no-sale', 'acknowledge', 'cite-accession', 'derived-ip-consent']);
    });

    it('state every condition in each XML format, valid against its XSD', () => {
      for (const prefix of ['06-', '07-', '08-']) {
        const record = demoRecord(prefix);
        const statements = dataUseConditions(record).map(conditionStatement);
        expectValid(dataCiteXml(record), SCHEMA.dataCite);
        expectValid(oaiDc(record), SCHEMA.oaiDc);
        expect(dataCiteXmlRights(record).map((r) => r.text), prefix).to.include.members(statements);
        expect(dcRights(record), prefix).to.include.members(statements);
      }
    });
  });

  it('leave the data availability statement as it is', () => {
    const withRules = controlledRecord({ rules: SEED_RULES.map((r) => r.rule), duo: [{ code: 'DUO:0000042' }] });
    const without = minimalRecord({ access: { level: 'controlled' } });
    expect(availabilityStatement(withRules, CONTEXT)).to.deep.equal(availabilityStatement(without, CONTEXT));
  });
});
