/**
 * FAIR Signposting (signposting.org/FAIR): the typed links of a landing page and of its metadata
 * resources, served as Link headers (level 1) and as linksets (level 2, RFC 9264).
 */
import type { FairRecord } from '../model/schema.js';
import { filesOpenToEveryone } from '../policy/downloads.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { licenceIri } from './spdx-rights.js';

export interface TypedLink {
  rel: string;
  href: string;
  type?: string;
}

/** A link context: the resource (`anchor`) and the links from it. */
export interface LinkContext {
  anchor: string;
  links: TypedLink[];
}

const SCHEMA_DATASET = 'https://schema.org/Dataset';
const SCHEMA_ABOUT_PAGE = 'https://schema.org/AboutPage';
const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;

/** The URL a record is to be cited by: its DOI, else its CSTR, else its landing page. */
export function citeAsUrl(record: FairRecord, context: RenderContext): string {
  if (record.doi) return `https://doi.org/${record.doi}`;
  if (record.cstr) return `https://cstr.cn/${record.cstr}`;
  return landingPageUrl(context, record.accession);
}

export function metadataResourceUrl(context: RenderContext, record: FairRecord, format: OutputFormat): string {
  return `${landingPageUrl(context, record.accession)}?format=${encodeURIComponent(format.name)}`;
}

export function linksetUrl(context: RenderContext, record: FairRecord): string {
  return `${landingPageUrl(context, record.accession)}/linkset`;
}

function orcidUrls(record: FairRecord): string[] {
  return record.creators.flatMap((creator) =>
    (creator.nameIdentifiers ?? []).flatMap((id) => {
      const match = ORCID.exec(id.nameIdentifier.trim());
      return match && (id.nameIdentifierScheme.toUpperCase() === 'ORCID' || id.nameIdentifier.includes('orcid.org')) ? [`https://orcid.org/${match[1]!.toUpperCase()}`] : [];
    }),
  );
}

function licenceUrls(record: FairRecord): string[] {
  return (record.rightsList ?? []).flatMap((rights) => {
    const url = licenceIri(rights);
    // Access-right statements (COAR, info:eu-repo) describe access, not a licence.
    return url && !/purl\.org\/coar\/access_right|info:eu-repo/.test(url) ? [url] : [];
  });
}

function downloadableItems(record: FairRecord, now: Date): TypedLink[] {
  if (!filesOpenToEveryone(record, now)) return [];
  return (record.files ?? []).flatMap((file) => (file.url ? [{ rel: 'item', href: file.url, ...(file.format?.includes('/') ? { type: file.format } : {}) }] : []));
}

/** The links of the landing page: cite-as, type, author, license, describedby per metadata format, item, linkset. */
export function landingPageLinks(record: FairRecord, context: RenderContext, metadataFormats: readonly OutputFormat[]): TypedLink[] {
  const links: TypedLink[] = [
    { rel: 'cite-as', href: citeAsUrl(record, context) },
    { rel: 'type', href: SCHEMA_DATASET },
    { rel: 'type', href: SCHEMA_ABOUT_PAGE },
    ...unique(orcidUrls(record)).map((href) => ({ rel: 'author', href })),
    ...unique(licenceUrls(record)).map((href) => ({ rel: 'license', href })),
  ];
  if (record.status !== 'withdrawn') {
    for (const format of metadataFormats) links.push({ rel: 'describedby', href: metadataResourceUrl(context, record, format), type: format.mediaTypes[0]! });
    links.push(...downloadableItems(record, context.now));
  }
  links.push(
    { rel: 'linkset', href: linksetUrl(context, record), type: 'application/linkset+json' },
    { rel: 'linkset', href: `${linksetUrl(context, record)}?format=linkset-links`, type: 'application/linkset' },
  );
  return links;
}

/** The links of a metadata resource: back to the landing page it describes. */
export function metadataResourceLinks(record: FairRecord, context: RenderContext): TypedLink[] {
  return [
    { rel: 'describes', href: landingPageUrl(context, record.accession), type: 'text/html' },
    { rel: 'cite-as', href: citeAsUrl(record, context) },
  ];
}

/** The whole linkset: the landing page, each metadata resource and each file, with their links. */
export function recordLinkset(record: FairRecord, context: RenderContext, metadataFormats: readonly OutputFormat[]): LinkContext[] {
  const landing = landingPageUrl(context, record.accession);
  const contexts: LinkContext[] = [{ anchor: landing, links: landingPageLinks(record, context, metadataFormats) }];
  if (record.status === 'withdrawn') return contexts;
  for (const format of metadataFormats) {
    contexts.push({ anchor: metadataResourceUrl(context, record, format), links: [{ rel: 'describes', href: landing, type: 'text/html' }] });
  }
  for (const item of downloadableItems(record, context.now)) {
    contexts.push({ anchor: item.href, links: [{ rel: 'collection', href: landing, type: 'text/html' }] });
  }
  return contexts;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
