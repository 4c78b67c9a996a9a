/**
 * Citations of a record: CSL-JSON, BibTeX and RIS for reference managers, and formatted citations
 * (`text/x-bibliography`) in a choice of styles and locales. All are made from the one CSL-JSON item.
 */
import { formatBibliography, formatBibtex, formatRis } from './citation-js.js';
import { chooseStyle, CITATION_VARIANTS } from './citation-styles.js';
import { cslItem } from './csl-item.js';
import type { OutputFormat } from './format.js';

export const cslJsonFormat: OutputFormat = {
  name: 'csl-json',
  mediaTypes: ['application/vnd.citationstyles.csl+json'],
  contentType: 'application/vnd.citationstyles.csl+json',
  extension: 'json',
  render: (record, context) => `${JSON.stringify([cslItem(record, context)], null, 2)}\n`,
};

export const bibtexFormat: OutputFormat = {
  name: 'bibtex',
  mediaTypes: ['application/x-bibtex'],
  contentType: 'application/x-bibtex; charset=utf-8',
  extension: 'bib',
  render: (record, context) => formatBibtex(cslItem(record, context)),
};

export const risFormat: OutputFormat = {
  name: 'ris',
  mediaTypes: ['application/x-research-info-systems'],
  contentType: 'application/x-research-info-systems; charset=utf-8',
  extension: 'ris',
  render: (record, context) => formatRis(cslItem(record, context)),
};

export const citationFormat: OutputFormat = {
  name: 'citation',
  mediaTypes: ['text/x-bibliography'],
  contentType: 'text/x-bibliography',
  extension: 'txt',
  variants: CITATION_VARIANTS,
  render(record, context, parameters = {}) {
    const { template, locale } = chooseStyle(parameters, record);
    return `${formatBibliography(cslItem(record, context), template, locale)}\n`;
  },
};
