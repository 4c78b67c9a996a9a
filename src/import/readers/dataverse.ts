/**
 * Dataverse native API JSON: a dataset or a datasetVersion, with its citation and geospatial metadata
 * blocks, files and terms. Read with mappings/dataverse.json.
 */
import { crosswalkJson, loadMapping } from '../crosswalk.js';
import type { Reader } from '../import-item.js';

export const readDataverse: Reader = (text) => crosswalkJson(text, [loadMapping('dataverse')]);

/** A dataset version, or a dataset holding one, with metadata blocks. */
export const looksLikeDataverse = (text: string): boolean =>
  /^\uFEFF?\s*[[{]/.test(text) && /"(datasetVersion|latestVersion|metadataBlocks)"\s*:/.test(text);
