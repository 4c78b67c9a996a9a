/**
 * schema.org JSON-LD descriptions of datasets, as Dataverse, Zenodo, figshare and PANGAEA export them:
 * one Dataset, a list of them, or an @graph holding them. Read with mappings/schemaorg.json.
 */
import { crosswalkJson, loadMapping } from '../crosswalk.js';
import type { Reader } from '../import-item.js';

export const readSchemaOrg: Reader = (text) => crosswalkJson(text, [loadMapping('schemaorg')]);

const SCHEMA_ORG_CONTEXT = /"@context"\s*:\s*(?:"https?:\/\/schema\.org\/?"|\{[^{}]*schema\.org|\[[^\]]*schema\.org)/i;

/** JSON-LD in the schema.org context. */
export const looksLikeSchemaOrg = (text: string): boolean => /^\uFEFF?\s*[[{]/.test(text) && SCHEMA_ORG_CONTEXT.test(text);
