/**
 * The software a record's data need to be opened with, from the file formats listed in
 * vocab/file-format-software.json: by the end of a file's name first, else by its media type. A record
 * that lists no files is judged by the media types of its declared formats.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';

interface FormatSoftware {
  extensions?: string[];
  mediaTypes?: string[];
  software: string;
}

const FORMATS: FormatSoftware[] = (JSON.parse(readFileSync(packagePath('vocab', 'file-format-software.json'), 'utf8')) as { formats: FormatSoftware[] }).formats;

function bareMediaType(mediaType: string | undefined): string | undefined {
  return mediaType?.split(';')[0]!.trim().toLowerCase();
}

function byName(name: string): FormatSoftware | undefined {
  const lower = name.toLowerCase();
  return FORMATS.find((entry) => entry.extensions?.some((extension) => lower.endsWith(extension)));
}

function byMediaType(mediaType: string | undefined): FormatSoftware | undefined {
  const bare = bareMediaType(mediaType);
  return bare === undefined ? undefined : FORMATS.find((entry) => entry.mediaTypes?.includes(bare));
}

/** Each piece of software once, in the order of the files that need it; empty when common tools do. */
export function softwareToOpen(record: Pick<FairRecord, 'files' | 'formats'>): string[] {
  const files = record.files ?? [];
  const matches = files.length > 0 ? files.map((file) => byName(file.name) ?? byMediaType(file.format)) : (record.formats ?? []).map(byMediaType);
  return [...new Set(matches.flatMap((match) => (match ? [match.software] : [])))];
}
