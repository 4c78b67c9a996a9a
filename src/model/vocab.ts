import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';

export type DataCiteVocabularyName =
  | 'resourceTypeGeneral'
  | 'relationType'
  | 'relatedIdentifierType'
  | 'dateType'
  | 'contributorType'
  | 'descriptionType'
  | 'titleType'
  | 'nameType'
  | 'funderIdentifierType'
  | 'numberType';

type DataCiteVocabularies = Record<DataCiteVocabularyName, string[]>;

/** DataCite 4.7 controlled lists, extracted from the official XSDs (scripts/extract-datacite-vocab.ts). */
export const dataCiteVocabulary: DataCiteVocabularies = JSON.parse(
  readFileSync(packagePath('vocab', 'datacite-4.7.json'), 'utf8'),
);

interface WithdrawalVocabulary {
  reasons: Array<{ id: string; label: string }>;
  kinds: Array<{ id: string; label: string }>;
}

/** Categories and kinds of withdrawal (vocab/withdrawal-reasons.json). */
export const withdrawalVocabulary: WithdrawalVocabulary = JSON.parse(readFileSync(packagePath('vocab', 'withdrawal-reasons.json'), 'utf8'));
