/** Linksets (RFC 9264) of a record's FAIR Signposting links, as JSON and in Link header syntax. */
import LinkHeader from 'http-link-header';
import type { OutputFormat } from './format.js';
import { recordLinkset, type LinkContext } from './signposting.js';

function asJson(contexts: LinkContext[]): string {
  const linkset = contexts.map(({ anchor, links }) => {
    const byRelation: Record<string, Array<{ href: string; type?: string }>> = {};
    for (const { rel, href, type } of links) (byRelation[rel] ??= []).push({ href, ...(type ? { type } : {}) });
    return { anchor, ...byRelation };
  });
  return JSON.stringify({ linkset }, null, 2);
}

function asLinks(contexts: LinkContext[]): string {
  const header = new LinkHeader();
  for (const { anchor, links } of contexts) {
    for (const { rel, href, type } of links) header.set({ rel, uri: href, anchor, ...(type ? { type } : {}) });
  }
  // One link per line, as RFC 9264 section 4.1 allows, so the document reads like a list.
  return header.toString().replace(/, </g, ',\n<') + '\n';
}

/** The two linkset formats; they list the describedby links of whichever metadata formats the registry holds. */
export function linksetFormats(metadataFormats: () => readonly OutputFormat[]): OutputFormat[] {
  return [
    {
      name: 'linkset',
      mediaTypes: ['application/linkset+json'],
      contentType: 'application/linkset+json',
      extension: 'json',
      render: (record, context) => asJson(recordLinkset(record, context, metadataFormats())),
    },
    {
      name: 'linkset-links',
      mediaTypes: ['application/linkset'],
      contentType: 'application/linkset',
      extension: 'txt',
      render: (record, context) => asLinks(recordLinkset(record, context, metadataFormats())),
    },
  ];
}
