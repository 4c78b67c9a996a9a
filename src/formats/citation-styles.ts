/**
 * The citation styles and locales `text/x-bibliography` offers, and the choice between them from the
 * `style` and `locale` media type parameters. An unknown style or locale is refused, never replaced.
 */
import { DomainError } from '../model/errors.js';
import type { FairRecord } from '../model/schema.js';
import { hasLocale, hasStyle, registerLocale, registerStyle } from './citation-js.js';
import type { RenderParameters } from './format.js';

interface CitationStyle {
  /** The name of the CSL style in Citation.js. */
  template: string;
  /** The locale when none is asked for. */
  defaultLocale(record: FairRecord): string;
}

const EN_US = () => 'en-US';

/** GB/T 7714 writes a reference's terms (等 or et al.) in the language of the cited work. */
const languageOfRecord = (record: FairRecord) => (/^zh\b/i.test(record.language ?? '') ? 'zh-CN' : 'en-US');

/** Style names as in the CSL style repository (and DataCite's content negotiation), plus gb-t-7714. */
const STYLES: Record<string, CitationStyle> = {
  apa: { template: 'apa', defaultLocale: EN_US },
  'gb-t-7714': { template: 'gb-t-7714', defaultLocale: languageOfRecord },
  vancouver: { template: 'vancouver', defaultLocale: EN_US },
  'harvard-cite-them-right': { template: 'harvard1', defaultLocale: EN_US },
};

export const DEFAULT_STYLE = 'apa';
export const CITATION_STYLES = Object.keys(STYLES);
export const CITATION_LOCALES = ['en-US', 'zh-CN', 'de-DE', 'es-ES', 'fr-FR', 'nl-NL'];

registerStyle('gb-t-7714', 'gb-t-7714-2015-data.csl');
registerLocale('zh-CN', 'locales-zh-CN.xml');
for (const { template } of Object.values(STYLES)) {
  if (!hasStyle(template)) throw new Error(`citation style ${template} is not installed`);
}
for (const locale of CITATION_LOCALES) {
  if (!hasLocale(locale)) throw new Error(`citation locale ${locale} is not installed`);
}

/**
 * Each style on its own first (the default style first of all, for a bare `text/x-bibliography`), then
 * with each locale: content negotiation offers every one as `text/x-bibliography;style=…;locale=…`.
 */
export const CITATION_VARIANTS: readonly RenderParameters[] = [
  ...CITATION_STYLES.map((style) => ({ style })),
  ...CITATION_STYLES.flatMap((style) => CITATION_LOCALES.map((locale) => ({ style, locale }))),
];

export interface ChosenStyle {
  style: string;
  template: string;
  locale: string;
}

function findIgnoringCase(values: readonly string[], wanted: string): string | undefined {
  return values.find((value) => value.toLowerCase() === wanted.toLowerCase());
}

export function chooseStyle(parameters: RenderParameters, record: FairRecord): ChosenStyle {
  const style = findIgnoringCase(CITATION_STYLES, parameters.style ?? DEFAULT_STYLE);
  if (!style) {
    throw new DomainError('not_acceptable', `unknown citation style "${parameters.style}"; available styles: ${CITATION_STYLES.join(', ')}`, 'style', { available: CITATION_STYLES });
  }
  const { template, defaultLocale } = STYLES[style]!;
  const locale = parameters.locale === undefined ? defaultLocale(record) : findIgnoringCase(CITATION_LOCALES, parameters.locale.replace('_', '-'));
  if (!locale) {
    throw new DomainError('not_acceptable', `unknown citation locale "${parameters.locale}"; available locales: ${CITATION_LOCALES.join(', ')}`, 'locale', { available: CITATION_LOCALES });
  }
  return { style, template, locale };
}
