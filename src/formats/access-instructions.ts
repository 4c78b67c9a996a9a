/**
 * How someone gets the files of a record that does not open them to everyone, in the same words and with
 * the same URL in every format. A controlled record without a request URL of its own is applied for
 * through this repository's access-request API.
 */
import type { FairRecord } from '../model/schema.js';
import { today } from '../policy/visibility.js';
import { landingPageUrl, type RenderContext } from './format.js';

export interface AccessInstructions {
  text: string;
  url: string;
}

export function accessRequestUrl(context: RenderContext, accession: string): string {
  return `${context.baseUrl}/api/v1/records/${encodeURIComponent(accession)}/access-requests`;
}

export function accessInstructions(record: FairRecord, context: RenderContext): AccessInstructions | undefined {
  if (record.status === 'withdrawn') return undefined;
  const { level, howToApply, requestUrl, embargoEnd } = record.access;
  const landing = landingPageUrl(context, record.accession);
  switch (level) {
    case 'controlled':
      return {
        text: howToApply ?? 'Access to the files is granted on application, for the purpose stated in it; the data submitters decide on each application.',
        url: requestUrl ?? accessRequestUrl(context, record.accession),
      };
    case 'registered':
      return { text: howToApply ?? 'The files are available to registered users once signed in.', url: requestUrl ?? landing };
    case 'public':
      if (embargoEnd && embargoEnd > today(context.now)) {
        return { text: `The files are under embargo until ${embargoEnd}, when they open to everyone.`, url: landing };
      }
      return undefined;
    case 'private':
      return undefined;
  }
}

/** The instructions as one sentence with their URL. */
export function accessInstructionsText(instructions: AccessInstructions): string {
  return `How to obtain access: ${instructions.text} ${instructions.url}`;
}
