/**
 * The landing page of a record for people: an HTML page with everything the machine formats say, in
 * plain language, plus schema.org JSON-LD, Signposting links and citation meta tags for machines. A
 * withdrawn record gets its tombstone page; a reviewer's view gets a banner and nothing that would
 * announce it publicly.
 */
import { createHash } from 'node:crypto';
import { Eta } from 'eta';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';
import { filesOpenToEveryone } from '../policy/downloads.js';
import { today } from '../policy/visibility.js';
import { accessInstructions } from './access-instructions.js';
import { availabilityStatement } from './availability-statement.js';
import { formatBibliography } from './citation-js.js';
import { chooseStyle } from './citation-styles.js';
import { citationText } from './citation-text.js';
import { cslItem } from './csl-item.js';
import { conditionStatement, dataUseConditions } from './data-use-conditions.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { schemaOrgDataset, serializeJsonLd } from './schemaorg.js';
import { landingPageLinks, type TypedLink } from './signposting.js';
import { licenceIri, licenceOf } from './spdx-rights.js';
import { conceptUrl, hasPublicVersions } from './version-relations.js';

const views = new Eta({ views: packagePath('views'), autoEscape: true, cache: true });

/** The page's whole style sheet; its hash is what the Content-Security-Policy allows. */
export const LANDING_PAGE_STYLE = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; background: #fff; line-height: 1.5; }
a { color: #0b4f9c; }
a:visited { color: #5a2d82; }
.banner { border: 3px solid #8a1c00; background: #fff4f0; color: #5c1300; padding: .5rem 1rem; font-weight: bold; }
.tombstone { border: 3px solid #5c5c5c; background: #f3f3f3; padding: .5rem 1rem; }
dl.identifiers { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.identifiers dt { font-weight: bold; }
code { font-family: ui-monospace, monospace; background: #f3f3f3; padding: 0 .2rem; }
button.copy { font: inherit; font-size: .85rem; margin-left: .5rem; }
.citation { border-left: 4px solid #0b4f9c; padding-left: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; vertical-align: top; }
footer { margin-top: 2rem; border-top: 1px solid #767676; color: #3d3d3d; }
`.trim();

/** Adds a copy button to each identifier marked with data-copy; without JavaScript the identifier is plain text to select. */
export const LANDING_PAGE_SCRIPT = `
document.querySelectorAll('[data-copy]').forEach(function (el) {
  if (!navigator.clipboard) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy ' + el.getAttribute('data-copy'));
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(el.textContent.trim()).then(function () { button.textContent = 'Copied'; });
  });
  el.after(button);
});
`.trim();

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy of a landing page: nothing runs or loads but its own style and script. */
export const LANDING_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(LANDING_PAGE_STYLE)}`,
  `script-src ${sha256(LANDING_PAGE_SCRIPT)}`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;

const ACCESS_LEVEL_TEXT: Record<FairRecord['access']['level'], string> = {
  public: 'Open access: anyone may download the files.',
  registered: 'Registered access: the files are available to signed-in users.',
  controlled: 'Controlled access: the files are available on application, for an approved purpose.',
  private: 'Private: the files are not available.',
};

interface LandingPageOptions {
  /** The reviewer's view of a record not yet public: a banner, no Signposting, not indexed. */
  reviewer?: boolean;
}

function orcidOf(creator: FairRecord['creators'][number]): string | undefined {
  for (const id of creator.nameIdentifiers ?? []) {
    const match = ORCID.exec(id.nameIdentifier.trim());
    if (match && (id.nameIdentifierScheme.toUpperCase() === 'ORCID' || id.nameIdentifier.includes('orcid.org'))) return `https://orcid.org/${match[1]!.toUpperCase()}`;
  }
  return undefined;
}

function mainTitle(record: FairRecord): string {
  return (record.titles.find((t) => !t.titleType) ?? record.titles[0]!).title;
}

function humanSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function citations(record: FairRecord, context: RenderContext): Array<{ label: string; text: string }> {
  const item = cslItem(record, context);
  return [
    { label: 'APA', style: 'apa' },
    { label: 'GB/T 7714', style: 'gb-t-7714' },
  ].map(({ label, style }) => {
    const { template, locale } = chooseStyle({ style }, record);
    return { label, text: formatBibliography(item, template, locale) };
  });
}

function pageData(record: FairRecord, context: RenderContext, metadataFormats: readonly OutputFormat[], options: LandingPageOptions) {
  const landing = landingPageUrl(context, record.accession);
  const withdrawn = record.status === 'withdrawn';
  const abstracts = (record.descriptions ?? []).filter((d) => d.descriptionType === 'Abstract');
  const description = (abstracts[0] ?? record.descriptions?.[0])?.description;
  const links: TypedLink[] = options.reviewer ? [] : landingPageLinks(record, context, metadataFormats);
  const open = filesOpenToEveryone(record, context.now);
  const embargoed = record.access.level === 'public' && record.access.embargoEnd !== undefined && record.access.embargoEnd > today(context.now);
  const versions = record.versions;
  return {
    reviewer: options.reviewer === true,
    withdrawn,
    repositoryName: context.repositoryName,
    landing,
    title: mainTitle(record),
    otherTitles: record.titles.filter((t) => t.title !== mainTitle(record)),
    creators: record.creators.map((creator) => ({ name: creator.name, orcid: orcidOf(creator), affiliations: (creator.affiliation ?? []).map((a) => a.name) })),
    accession: record.accession,
    doi: record.doi,
    cstr: record.cstr,
    publisher: record.publisher.name,
    publicationYear: record.publicationYear,
    version: record.version,
    resourceType: record.types.resourceType ?? record.types.resourceTypeGeneral,
    abstracts: abstracts.length > 0 ? abstracts : (record.descriptions ?? []),
    description,
    subjects: record.subjects ?? [],
    dates: record.dates ?? [],
    licences: (record.rightsList ?? []).flatMap((rights) => {
      const licence = licenceOf(rights);
      return licence ? [{ name: licence.name, url: licence.url ?? licenceIri(rights) }] : [];
    }),
    accessLevel: embargoed ? `Open access after an embargo: the files open to everyone on ${record.access.embargoEnd}.` : ACCESS_LEVEL_TEXT[record.access.level],
    conditions: withdrawn ? [] : dataUseConditions(record).map(conditionStatement),
    terms: record.access.conditions?.terms,
    acknowledgement: record.access.acknowledgement,
    citationRequirement: record.access.citationRequirement,
    instructions: accessInstructions(record, context),
    files: (record.files ?? []).map((file) => ({ name: file.name, size: humanSize(file.size), format: file.format, description: file.description, url: open ? file.url : undefined, checksum: file.checksum })),
    filesOpen: open,
    versions: {
      shown: hasPublicVersions(record),
      number: versions.versionNumber,
      latest: versions.latestAccession && versions.latestAccession !== record.accession ? landingPageUrl(context, versions.latestAccession) : undefined,
      previous: versions.previousAccession ? landingPageUrl(context, versions.previousAccession) : undefined,
      next: versions.nextAccession ? landingPageUrl(context, versions.nextAccession) : undefined,
      concept: conceptUrl(record, context),
    },
    citations: withdrawn ? [] : citations(record, context),
    tombstone: record.tombstone,
    tombstoneCitation: record.tombstone?.citation ?? citationText(record, landing),
    availability: availabilityStatement(record, context).text,
    source: record.source,
    formats: metadataFormats.map((format) => ({ name: format.name, mediaType: format.mediaTypes[0] ?? format.contentType, href: `${landing}?format=${encodeURIComponent(format.name)}` })),
    citationFormats: [
      { name: 'BibTeX', href: `${landing}?format=bibtex` },
      { name: 'RIS', href: `${landing}?format=ris` },
    ],
    jsonLd: serializeJsonLd(schemaOrgDataset(record, context)),
    links,
    style: LANDING_PAGE_STYLE,
    script: LANDING_PAGE_SCRIPT,
  };
}

/** The landing page format; `metadataFormats` are the machine formats it links to (the registry's, read lazily). */
export function htmlFormat(metadataFormats: () => readonly OutputFormat[], options: LandingPageOptions = {}): OutputFormat {
  return {
    name: 'html',
    mediaTypes: ['text/html', 'application/xhtml+xml'],
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    render: (record, context) => views.render('record', pageData(record, context, metadataFormats(), options)),
  };
}
