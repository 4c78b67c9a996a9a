import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { extractDuoVocabulary, parseCsv } from '../../scripts/extract-duo-vocab.js';
import { DATA_USE_ACTIONS, DATA_USE_TERM_IDS, DATA_USE_TERMS, duoTerm } from '../../src/model/data-use-vocab.js';
import { ERROR_TABLE, ValidationError, type FieldProblem } from '../../src/model/errors.js';
import { validateRecordInput } from '../../src/model/validate.js';

const CSV = readFileSync('vocab/duo-terms.csv', 'utf8');
const stored = JSON.parse(readFileSync('vocab/duo.json', 'utf8'));

function recordWith(conditions: Record<string, unknown>): Record<string, unknown> {
  return {
    titles: [{ title: 'Spatial transcriptome of hepatocellular carcinoma' }],
    creators: [{ name: 'Doe, Jane' }],
    publisher: 'Example Data Centre',
    publicationYear: 2026,
    types: { resourceTypeGeneral: 'Dataset' },
    access: { level: 'controlled', conditions },
  };
}

function problemsOf(input: unknown): FieldProblem[] {
  try {
    validateRecordInput(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('data-use vocabularies', () => {
  describe('GA4GH DUO (vocab/duo.json)', () => {
    it('is exactly what scripts/extract-duo-vocab.ts makes of vocab/duo-terms.csv', () => {
      expect(stored).to.deep.equal(extractDuoVocabulary(CSV));
    });

    it('reads every class of the CSV, quoted line breaks included', () => {
      const rows = parseCsv(CSV);
      expect(rows).to.have.length(39);
      expect(rows.find((row) => row.id === 'DUO:0000007')!.comment).to.include('\n');
    });

    it('holds the data use permissions and modifiers, not the categories, investigations or the two roots', () => {
      const kinds = (kind: string) => stored.terms.filter((t: { kind?: string }) => t.kind === kind).map((t: { shorthand: string }) => t.shorthand);
      expect(kinds('permission')).to.deep.equal(['NRES', 'HMB', 'DS', 'POA', 'GRU']);
      expect(kinds('modifier')).to.deep.equal(['RS', 'NMDS', 'GSO', 'NPUNCU', 'PUB', 'COL', 'IRB', 'GS', 'MOR', 'TS', 'US', 'PS', 'IS', 'RTN', 'CC', 'NPOA', 'NPU', 'NCU']);
      for (const id of ['DUO:0000001', 'DUO:0000017', 'DUO:0000002', 'DUO:0000031', 'DUO:0000038']) expect(duoTerm(id), id).to.equal(undefined);
    });

    it('marks the obsolete consent codes deprecated, though DUO gives them no owl:deprecated', () => {
      const deprecated = stored.terms.filter((t: { deprecated: boolean }) => t.deprecated).map((t: { id: string }) => t.id);
      expect(deprecated).to.deep.equal(['DUO:0000005', 'DUO:0000014']);
      expect(parseCsv(CSV).find((row) => row.id === 'DUO:0000005')!.deprecated).to.equal('false');
    });

    it('names NPOA by the IRI its id names, not the one published with an extra zero, and says so', () => {
      expect(duoTerm('DUO:0000044')!.iri).to.equal('http://purl.obolibrary.org/obo/DUO_0000044');
      expect(stored.comment).to.include('DUO:0000044 (NPOA) is published as http://purl.obolibrary.org/obo/DUO_00000044');
      for (const term of stored.terms) expect(term.iri).to.equal(`http://purl.obolibrary.org/obo/${term.id.replace(':', '_')}`);
    });
  });

  describe("fairharbor's data-use rules (vocab/data-use-terms.json)", () => {
    it('are the rules the seed policies require that DUO has no term for', () => {
      expect(DATA_USE_TERM_IDS).to.deep.equal([
        'approved-purpose-only',
        'no-reidentification',
        'no-redistribution',
        'no-sale',
        'no-military-use',
        'delete-after-use',
        'acknowledge',
        'cite-accession',
        'derived-ip-consent',
      ]);
    });

    it('each have a label, a sentence for people, the policies requiring them, and an ODRL prohibition or duty', () => {
      const ownActions = DATA_USE_ACTIONS.map((action) => `#${action.id}`);
      for (const term of DATA_USE_TERMS) {
        expect(term.id, term.id).to.match(/^[a-z]+(-[a-z]+)*$/);
        expect(term.label, term.id).to.be.a('string').and.not.equal('');
        expect(term.text, term.id).to.match(/^[A-Z].*\.$/);
        expect(term.source, term.id).to.not.be.empty;
        for (const source of term.source) expect(source.policy && source.article && source.quote, term.id).to.be.a('string').and.not.equal('');
        expect(['prohibition', 'duty'], term.id).to.include(term.odrl.rule);
        const action = term.odrl.action;
        expect(action.startsWith('http://www.w3.org/ns/odrl/2/') || ownActions.includes(action), `${term.id}: ${action}`).to.equal(true);
      }
    });

    it('give NBDC’s acknowledgement template as the example of an acknowledgement', () => {
      const acknowledge = DATA_USE_TERMS.find((term) => term.id === 'acknowledge')!;
      expect(acknowledge.example).to.include('available at the website of the NBDC Human Database (http://humandbs.biosciencedbc.jp/en/)');
      expect(acknowledge.detail).to.deep.equal({ from: 'acknowledgement', lead: 'Suggested wording:' });
    });
  });

  describe('validation of a record’s conditions', () => {
    it('accepts current DUO terms and modifiers, and the rules by id, keeping the record as sent', () => {
      const conditions = { duo: [{ code: 'DUO:0000006', modifiers: ['DUO:0000021', 'DUO:0000046'] }], rules: ['no-sale', 'cite-accession'] };
      const input = validateRecordInput(recordWith(conditions));
      expect(input.access!.conditions).to.deep.equal(conditions);
    });

    it('refuses a code that is no DUO term, naming the field, as a 422', () => {
      let error: unknown;
      try {
        validateRecordInput(recordWith({ duo: [{ code: 'DUO:0000999' }] }));
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ValidationError);
      expect(ERROR_TABLE[(error as ValidationError).code].httpStatus).to.equal(422);
      expect((error as ValidationError).problems).to.deep.equal([
        { field: '/access/conditions/duo/0/code', rule: 'enum', message: 'DUO:0000999 is not a GA4GH DUO term (a data use permission or modifier)' },
      ]);
    });

    it('refuses a DUO class that is not for data use, and an obsolete consent code, as a modifier too', () => {
      const problems = problemsOf(recordWith({ duo: [{ code: 'DUO:0000042', modifiers: ['DUO:0000031'] }, { code: 'DUO:0000005' }] }));
      expect(problems).to.deep.equal([
        { field: '/access/conditions/duo/0/modifiers/0', rule: 'enum', message: 'DUO:0000031 is not a GA4GH DUO term (a data use permission or modifier)' },
        {
          field: '/access/conditions/duo/1/code',
          rule: 'deprecated',
          message: 'DUO:0000005 (GRU-CC) is an obsolete GA4GH DUO term: "obsolete general research use and clinical care"',
        },
      ]);
    });

    it('refuses a rule that is not in the vocabulary, and a rule given twice', () => {
      const unknown = problemsOf(recordWith({ rules: ['no-sale', 'no-eating'] }));
      expect(unknown).to.have.length(1);
      expect(unknown[0]).to.include({ field: '/access/conditions/rules/1', rule: 'enum' });
      expect(unknown[0]!.message).to.match(/^"no-eating" is not a fairharbor data-use rule value \(allowed: approved-purpose-only, /);
      expect(problemsOf(recordWith({ rules: ['no-sale', 'no-sale'] })).map((p) => p.rule)).to.deep.equal(['uniqueItems']);
    });

    it('leaves a malformed code to the pattern check alone', () => {
      expect(problemsOf(recordWith({ duo: [{ code: 'GRU' }] })).map((p) => [p.field, p.rule])).to.deep.equal([['/access/conditions/duo/0/code', 'pattern']]);
    });
  });
});
