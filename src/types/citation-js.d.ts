/** The parts of Citation.js that fairharbor uses; the packages ship no type declarations. */
declare module '@citation-js/core' {
  interface Register<T> {
    add(name: string, value: T): this;
    has(name: string): boolean;
    get(name: string): T;
    list(): string[];
  }

  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: Array<Record<string, unknown>>;
    format(format: 'bibliography', options: { format?: 'text' | 'html' | 'rtf'; template: string; lang: string }): string;
    format(format: 'bibtex' | 'biblatex' | 'ris', options?: { format?: 'text' }): string;
    /** RIS as one object of tags per item; a tag that repeats has an array of values. */
    format(format: 'ris', options: { format: 'object' }): Array<Record<string, string | number | Array<string | number>>>;
  }

  export const plugins: {
    config: {
      get(plugin: '@csl'): { styles: Register<string>; locales: Register<string> };
      get(plugin: '@bibtex'): { format: { asciiOnly: boolean; useIdAsLabel: boolean } };
    };
    input: { type(data: unknown): string };
  };
}

declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
