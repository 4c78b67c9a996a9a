/**
 * A Data Availability Statement in the words of the journal data policy templates (general, data that
 * need special software to open, data that should not be shared), filled in from the record.
 */
import type { FairRecord } from '../model/schema.js';
import { filesOpenToEveryone } from '../policy/downloads.js';
import { softwareToOpen } from './file-software.js';
import { accessInstructions } from './access-instructions.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { citeAsUrl } from './signposting.js';

export type AvailabilityTemplate = 'open' | 'special-software' | 'on-request' | 'withdrawn';

export interface AvailabilityStatement {
  template: AvailabilityTemplate;
  text: string;
}

/** `DOI: …; CSTR: …`, else the repository's accession number. */
function identifiers(record: FairRecord): string {
  const ids = [...(record.doi ? [`DOI: ${record.doi}`] : []), ...(record.cstr ? [`CSTR: ${record.cstr}`] : [])];
  return ids.length > 0 ? ids.join('; ') : `accession number: ${record.accession}`;
}

/** Harvested records are held by the repository that published them; the others by this one. */
function databaseName(record: FairRecord, context: RenderContext): string {
  return record.source ? record.publisher.name : context.repositoryName;
}

function personName(contributor: NonNullable<FairRecord['contributors']>[number]): string {
  return contributor.givenName && contributor.familyName ? `${contributor.givenName} ${contributor.familyName}` : contributor.name;
}

/** The contact persons named in the record, and where to ask for the data. */
function contactInformation(record: FairRecord, context: RenderContext): string {
  const people = (record.contributors ?? []).filter((c) => c.contributorType === 'ContactPerson').map(personName);
  return [...people, accessInstructions(record, context)?.url ?? landingPageUrl(context, record.accession)].join(', ');
}

function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function withdrawalDate(record: FairRecord): string {
  return record.tombstone ? ` on ${record.tombstone.date.slice(0, 10)}` : '';
}

/**
 * Open data whose files common tools read get the general template; open data in formats listed in
 * vocab/file-format-software.json name that software; anything not open to everyone now (registered,
 * controlled, private, under embargo) is data that should not be shared, obtainable on request.
 */
export function availabilityStatement(record: FairRecord, context: RenderContext): AvailabilityStatement {
  const database = databaseName(record, context);
  const link = citeAsUrl(record, context);
  if (record.status === 'withdrawn') {
    const reason = record.tombstone ? `: ${record.tombstone.reason}` : '';
    return { template: 'withdrawn', text: `The related data (${identifiers(record)}) of this paper were withdrawn from the ${database} database${withdrawalDate(record)}${reason}.` };
  }
  if (!filesOpenToEveryone(record, context.now)) {
    return {
      template: 'on-request',
      text: `The related data of this paper is data that should not be shared, and can be obtained from the author for reasonable reasons. The author’s contact information: ${contactInformation(record, context)}.`,
    };
  }
  const software = softwareToOpen(record);
  if (software.length > 0) {
    return {
      template: 'special-software',
      text: `The related data (${identifiers(record)}) of this paper can be accessed in the ${database} database (${link}), and the software for opening the data is ${inWords(software)}.`,
    };
  }
  return { template: 'open', text: `The related data (${identifiers(record)}) for this paper is available in the ${database} database (${link}).` };
}

export const availabilityStatementFormat: OutputFormat = {
  name: 'availability-statement',
  mediaTypes: [],
  contentType: 'text/plain',
  extension: 'txt',
  render: (record, context) => `${availabilityStatement(record, context).text}\n`,
};
