/**
 * Citation.js, configured once: its CSL, BibTeX and RIS plugins, fairharbor's own CSL style and locale,
 * and BibTeX in UTF-8. Items are always given as CSL-JSON objects (`forceType`), so Citation.js never
 * guesses that a string is a DOI or a URL to fetch.
 */
import { readFileSync } from 'node:fs';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { packagePath } from '../model/package-root.js';
import type { CslItem } from './csl-item.js';

const csl = plugins.config.get('@csl');
// ASCII-only BibTeX would drop every character without a LaTeX command, Chinese names and titles among them.
plugins.config.get('@bibtex').format.asciiOnly = false;

function cslFile(name: string): string {
  return readFileSync(packagePath('src', 'formats', 'csl', name), 'utf8');
}

/** Registers a CSL style under `name` unless one is there already. */
export function registerStyle(name: string, file: string): void {
  if (!csl.styles.has(name)) csl.styles.add(name, cslFile(file));
}

export function registerLocale(locale: string, file: string): void {
  if (!csl.locales.has(locale)) csl.locales.add(locale, cslFile(file));
}

export function hasStyle(name: string): boolean {
  return csl.styles.has(name);
}

export function hasLocale(locale: string): boolean {
  return csl.locales.has(locale);
}

function cite(item: CslItem): Cite {
  return new Cite([item], { forceType: '@csl/list+object' });
}

/** One bibliography entry as plain text, without the trailing line break. */
export function formatBibliography(item: CslItem, template: string, lang: string): string {
  return cite(item).format('bibliography', { format: 'text', template, lang }).trim();
}

/**
 * RIS tags as Citation.js maps them, one line each. Its own serialiser breaks values every 70 characters,
 * which reference managers read back with spaces inside titles and URLs.
 */
export function formatRis(item: CslItem): string {
  const [tags] = cite(item).format('ris', { format: 'object' });
  const lines = [`TY  - ${tags!.TY}`];
  for (const [tag, values] of Object.entries(tags!)) {
    if (tag === 'TY') continue;
    for (const value of [values].flat()) lines.push(`${tag}  - ${String(value).replace(/\s*[\r\n]+\s*/g, ' ')}`);
  }
  lines.push('ER  - ');
  return `${lines.join('\n')}\n`;
}

export function formatBibtex(item: CslItem): string {
  const escaped = latexEscaped(item);
  const bibtex = cite(escaped).format('bibtex');
  // Citation.js builds keys from the ASCII words of author and title, and writes "undefined" where there are none.
  const keyed = /^@\w+\{[^,]*undefined/.test(bibtex) ? cite({ ...escaped, 'citation-key': item.id }).format('bibtex') : bibtex;
  return `${keyed.trimEnd()}\n`;
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

function latex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => LATEX_SPECIALS[char]!);
}

/**
 * With asciiOnly off, Citation.js writes values as they are, so the LaTeX special characters of the text
 * fields are escaped here; URL and DOI are verbatim fields in BibTeX and stay as they are.
 */
function latexEscaped(item: CslItem): CslItem {
  const escaped: CslItem = {
    ...item,
    title: latex(item.title),
    publisher: latex(item.publisher),
    author: item.author.map((name) => ('literal' in name ? { literal: latex(name.literal) } : { ...name, family: latex(name.family), ...(name.given ? { given: latex(name.given) } : {}) })),
  };
  for (const key of ['number', 'version', 'note'] as const) {
    const value = item[key];
    if (value !== undefined) escaped[key] = latex(value);
  }
  return escaped;
}
