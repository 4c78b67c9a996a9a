/**
 * BioStudies and BioImage Archive study JSON (PageTab, as the BioStudies API gives a study), read
 * with mappings/biostudies.json. The study keeps its accession.
 */
import { crosswalkJson, loadMapping } from '../crosswalk.js';
import type { Reader } from '../import-item.js';

export const readBioStudies: Reader = (text) => crosswalkJson(text, [loadMapping('biostudies')]);

/** A submission with an accession and a section. */
export const looksLikeBioStudies = (text: string): boolean =>
  /^\uFEFF?\s*\{/.test(text) && /"accno"\s*:/.test(text) && /"section"\s*:\s*\{/.test(text);
