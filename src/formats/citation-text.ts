import type { FairRecord } from '../model/schema.js';

/**
 * A plain-text citation in the DataCite recommended shape (Creator (Year). Title. Version. Publisher. Identifier),
 * used where one line must stand for the record, such as a tombstone.
 */
export function citationText(record: Pick<FairRecord, 'creators' | 'publicationYear' | 'titles' | 'version' | 'publisher' | 'doi' | 'cstr' | 'accession'>, landingUrl: string): string {
  const creators = record.creators.map((c) => c.name).join('; ');
  const title = record.titles[0]?.title ?? '';
  const parts = [`${creators} (${record.publicationYear}). ${title}.`];
  if (record.version) parts.push(`Version ${record.version}.`);
  parts.push(`${record.publisher.name}.`);
  if (record.doi) parts.push(`https://doi.org/${record.doi}`);
  else if (record.cstr) parts.push(`https://cstr.cn/${record.cstr}`);
  else parts.push(landingUrl);
  return parts.join(' ');
}
