/**
 * Finds persistent identifiers and archive accessions in free text (a data availability statement, a list of ids).
 *
 * Recognised: DOIs in every common written form, CSTRs, accessions minted here and this repository's OAI
 * identifiers, and the accession formats of the sequence and study archives that statements cite most
 * (INSDC/ENA/SRA/DDBJ, BioProject, BioSample, GEO, BioStudies, ArrayExpress, BioImage Archive, JGA,
 * NBDC Human Database, CNGBdb and STOmicsDB).
 *
 * Inside a URL an identifier counts only when the URL belongs to that identifier's own resolver or archive:
 * https://doi.org/10.1234/x yields the DOI, https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE12345 yields
 * GSE12345, but https://example.org/10.1234/x and https://github.com/lab/GSE12345 yield nothing. Identifiers
 * inside e-mail addresses and inside another repository's OAI identifiers are ignored too.
 */
import { ACCESSION_PATTERN, cstrKey, doiKey, normalizeCstr, normalizeDoi } from './identifiers.js';

export type IdentifierKind = 'doi' | 'cstr' | 'accession' | 'external-accession' | 'oai-identifier';

/** An identifier found in text. */
export interface FoundIdentifier {
  /** The text as found, e.g. "https://doi.org/10.5061/DRYAD.8515." without the trailing full stop. */
  found: string;
  kind: IdentifierKind;
  /** What it is, for people: "DOI", "CSTR", "fairharbor accession", "GEO series", "JGA study", … */
  label: string;
  /** The identifier in its normal form: a bare lower-case DOI, a bare CSTR, an accession. */
  normalized: string;
  /** Set when the text has the shape of an identifier but cannot be one, e.g. "10.12/x" (prefix too short). */
  malformed?: string;
}

export interface ScanOptions {
  /** Prefix of the accessions minted here; an accession is the prefix and seven digits. */
  accessionPrefix: string;
  /** The DOMAIN of this repository's OAI identifiers, oai:DOMAIN:ACCESSION. */
  oaiRepositoryIdentifier: string;
}

interface Match {
  start: number;
  end: number;
  /** Lower wins when two matches start at the same place and have the same length. */
  priority: number;
  identifier: FoundIdentifier;
}

interface Zone {
  start: number;
  end: number;
  /** Kinds that may be found inside the zone (after its first character). */
  allows: (kind: IdentifierKind) => boolean;
}

/** Characters that may run on inside a DOI candidate; the candidate is then trimmed and validated. */
const DOI_SCAN =
  /(?<![\w.@/%-])(?:(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/|doi\s*[:：]\s*|info:doi\/)?10\.(\d+)(?:\/|%2F)([^\s"<>{}|\\^`[\],\u0080-\uffff]*)/gi;
const CSTR_RUN = String.raw`[^\s"<>{}|\\^\x60[\](),;\u0080-\uffff]`;
const CSTR_PREFIXED_SCAN = new RegExp(String.raw`(?<![\w.@/%-])(?:(?:https?:\/\/)?(?:www\.)?cstr\.cn\/|cstr\s*[:：]?\s*)(\d${CSTR_RUN}*)`, 'gi');
const CSTR_BARE_SCAN = new RegExp(String.raw`(?<![\w.@/%-])\d{5}\.\d{2}\.${CSTR_RUN}+`, 'g');
const OAI_SCAN = /(?<![\w.-])oai:([A-Za-z0-9][A-Za-z0-9.-]*):([A-Za-z0-9][A-Za-z0-9._-]*)/g;
const URL_SCAN = /(?<![\w.@/-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"]+/gi;
const EMAIL_SCAN = /[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Hosts (and their subdomains) whose URLs carry identifiers of a kind. */
const RESOLVER_HOSTS: Partial<Record<IdentifierKind, readonly string[]>> = {
  doi: ['doi.org', 'identifiers.org'],
  cstr: ['cstr.cn', 'identifiers.org'],
  'external-accession': [
    'ncbi.nlm.nih.gov',
    'ebi.ac.uk',
    'ddbj.nig.ac.jp',
    'dbcls.jp',
    'biosciencedbc.jp',
    'cngb.org',
    'identifiers.org',
  ],
};

interface ExternalFormat {
  pattern: RegExp;
  label: (id: string) => string;
}

const INSDC_ARCHIVE: Record<string, string> = { E: 'ENA', S: 'SRA', D: 'DRA' };
const INSDC_PARTNER: Record<string, string> = { E: 'EBI', N: 'NCBI', D: 'DDBJ' };
const INSDC_OBJECT: Record<string, string> = { P: 'study', S: 'sample', X: 'experiment', R: 'run', Z: 'analysis', A: 'submission' };
const GEO_OBJECT: Record<string, string> = { GSE: 'series', GSM: 'sample', GPL: 'platform', GDS: 'dataset' };
const CNGB_OBJECT: Record<string, string> = { P: 'project', S: 'sample', X: 'experiment', R: 'run', A: 'assembly' };
const STOMICS_OBJECT: Record<string, string> = { STT: 'project', STSA: 'sample', STTS: 'tissue section', STEP: 'experiment', STRN: 'run' };
const JGA_OBJECT: Record<string, string> = {
  JGA: 'submission',
  JGAS: 'study',
  JGAD: 'dataset',
  JGAP: 'policy',
  JGAN: 'sample',
  JGAX: 'experiment',
  JGAR: 'data',
  JGAZ: 'analysis',
};

/**
 * Accession formats as the archives document them:
 * ENA/INSDC: projects PRJ(E|D|N)[A-Z][0-9]+, studies/samples/experiments/runs/analyses (E|D|S)R(P|S|X|R|Z)[0-9]{6,},
 * BioSamples SAM(E|D|N)[A-Z]?[0-9]+; SRA submissions (E|D|S)RA[0-9]{6,}; assemblies GCA_[0-9]{9}.[0-9]+.
 * GEO: GSE/GSM/GPL/GDS and digits. BioStudies: S-[A-Z]{4} then letters, digits, - or _ (S-BSST, S-EPMC, S-BIAD for
 * the BioImage Archive); ArrayExpress E-[A-Z]{4}-[0-9]+. JGA: JGA, JGAS, JGAD, JGAP + 6 digits; JGAN, JGAX, JGAR,
 * JGAZ + 9 digits. NBDC Human Database: hum + 4 digits, optionally .vN. CNGBdb (CNSA): CNP, CNS, CNX, CNR, CNA + 7 digits.
 * STOmicsDB: STT, STSA, STTS, STEP, STRN + 7 digits.
 */
const EXTERNAL_FORMATS: readonly ExternalFormat[] = [
  { pattern: /PRJ[EDN][A-Z]\d+/g, label: (id) => (id[3] === 'E' ? 'ENA project' : `${INSDC_PARTNER[id[3]!]} BioProject`) },
  { pattern: /[EDS]R[PSXRZA]\d{6,}/g, label: (id) => `${INSDC_ARCHIVE[id[0]!]} ${INSDC_OBJECT[id[2]!]}` },
  { pattern: /SAM[EDN][A-Z]?\d+/g, label: (id) => `${INSDC_PARTNER[id[3]!]} BioSample` },
  { pattern: /GCA_\d{9}\.\d+/g, label: () => 'INSDC genome assembly' },
  { pattern: /G(?:SE|SM|PL|DS)\d+/g, label: (id) => `GEO ${GEO_OBJECT[id.slice(0, 3)]}` },
  {
    pattern: /S-[A-Z]{4}(?:[-_A-Z0-9]*\d)/g,
    label: (id) => (id.startsWith('S-BIAD') ? 'BioImage Archive study' : id.startsWith('S-EPMC') ? 'BioStudies study (Europe PMC)' : 'BioStudies study'),
  },
  { pattern: /E-[A-Z]{4}-\d+/g, label: () => 'ArrayExpress experiment' },
  { pattern: /JGA[SDP]?\d{6}|JGA[NXRZ]\d{9}/g, label: (id) => `JGA ${JGA_OBJECT[id.replace(/\d+$/, '')]}` },
  { pattern: /hum\d{4}(?:\.v\d+)?/g, label: () => 'NBDC Human Database research' },
  { pattern: /CN[PSXRA]\d{7}/g, label: (id) => `CNGBdb ${CNGB_OBJECT[id[2]!]}` },
  { pattern: /(?:STT|STSA|STTS|STEP|STRN)\d{7}/g, label: (id) => `STOmicsDB ${STOMICS_OBJECT[id.replace(/\d+$/, '')]}` },
];

const NOT_BEFORE = /[A-Za-z0-9_]/;
const NOT_AFTER = /[A-Za-z0-9_]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Drops punctuation that ends a sentence or closes a bracket rather than belonging to the identifier. */
function trimTrailing(text: string): string {
  let end = text.length;
  for (;;) {
    const last = text[end - 1];
    if (last === undefined) break;
    if ('.,;:!?\'"’”>]}'.includes(last)) {
      end -= 1;
      continue;
    }
    if (last === ')') {
      const body = text.slice(0, end);
      if ((body.match(/\(/g)?.length ?? 0) < (body.match(/\)/g)?.length ?? 0)) {
        end -= 1;
        continue;
      }
    }
    break;
  }
  return text.slice(0, end);
}

function percentDecode(text: string): string {
  const slashes = text.replace(/%2F/gi, '/');
  try {
    return decodeURIComponent(slashes);
  } catch {
    return slashes;
  }
}

function doiMatches(text: string): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(DOI_SCAN)) {
    const start = m.index;
    const found = trimTrailing(m[0]);
    const doiAt = found.search(/10\./);
    const prefixed = doiAt > 0;
    const bare = percentDecode(found.slice(doiAt));
    const registrant = m[1]!;
    const suffix = bare.slice(bare.indexOf('/') + 1);
    const valid = normalizeDoi(bare);
    let identifier: FoundIdentifier;
    if (valid) {
      identifier = { found, kind: 'doi', label: 'DOI', normalized: doiKey(valid) };
    } else {
      // A bare "10.5/20" is more likely a number than a DOI: only a prefix, a plausible registrant or letters make it one.
      if (!prefixed && registrant.length < 4 && !/[A-Za-z]/.test(suffix)) continue;
      let malformed: string;
      if (registrant.length < 4 || registrant.length > 9) {
        malformed = `the registrant code "${registrant}" must have 4 to 9 digits`;
      } else if (suffix === '') {
        malformed = 'nothing follows the "/" after the prefix';
      } else {
        malformed = 'the suffix has characters a DOI may not contain';
      }
      identifier = { found, kind: 'doi', label: 'DOI', normalized: doiKey(bare), malformed };
    }
    matches.push({ start, end: start + found.length, priority: 1, identifier });
  }
  return matches;
}

function cstrMatches(text: string): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(CSTR_PREFIXED_SCAN)) {
    const found = trimTrailing(m[0]);
    const bare = trimTrailing(m[1]!);
    if (bare === '') continue;
    const valid = normalizeCstr(bare);
    const identifier: FoundIdentifier = valid
      ? { found, kind: 'cstr', label: 'CSTR', normalized: valid }
      : {
          found,
          kind: 'cstr',
          label: 'CSTR',
          normalized: bare,
          malformed: 'a CSTR is a 5-digit registrant code, a 2-digit resource type code and a local identifier, separated by dots',
        };
    matches.push({ start: m.index, end: m.index + found.length, priority: 2, identifier });
  }
  for (const m of text.matchAll(CSTR_BARE_SCAN)) {
    const found = trimTrailing(m[0]);
    const valid = normalizeCstr(found);
    // Without the "CSTR" label, only a local identifier with a letter in it tells a CSTR from a run of numbers.
    if (!valid || !/[A-Za-z]/.test(found.slice(9))) continue;
    matches.push({ start: m.index, end: m.index + found.length, priority: 3, identifier: { found, kind: 'cstr', label: 'CSTR', normalized: valid } });
  }
  return matches;
}

function bounded(text: string, start: number, end: number): boolean {
  return !NOT_BEFORE.test(text[start - 1] ?? '') && !NOT_AFTER.test(text[end] ?? '');
}

function accessionMatches(text: string, options: ScanOptions, zones: Zone[]): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(OAI_SCAN)) {
    const found = trimTrailing(m[0]);
    const accession = found.slice(`oai:${m[1]!}:`.length);
    const end = m.index + found.length;
    if (m[1] === options.oaiRepositoryIdentifier && ACCESSION_PATTERN.test(accession)) {
      matches.push({ start: m.index, end, priority: 0, identifier: { found, kind: 'oai-identifier', label: 'OAI identifier', normalized: accession } });
    } else {
      zones.push({ start: m.index - 1, end, allows: () => false });
    }
  }
  if (options.accessionPrefix !== '') {
    const own = new RegExp(`${escapeRegExp(options.accessionPrefix)}\\d{7}`, 'g');
    for (const m of text.matchAll(own)) {
      const end = m.index + m[0].length;
      if (!bounded(text, m.index, end)) continue;
      matches.push({ start: m.index, end, priority: 0, identifier: { found: m[0], kind: 'accession', label: 'fairharbor accession', normalized: m[0] } });
    }
  }
  for (const format of EXTERNAL_FORMATS) {
    for (const m of text.matchAll(format.pattern)) {
      const end = m.index + m[0].length;
      if (!bounded(text, m.index, end)) continue;
      matches.push({
        start: m.index,
        end,
        priority: 4,
        identifier: { found: m[0], kind: 'external-accession', label: format.label(m[0]), normalized: m[0] },
      });
    }
  }
  return matches;
}

function hostOf(url: string): string {
  const host = /^(?:(?:https?|ftp):\/\/)?([^/?#:]+)/i.exec(url)?.[1] ?? '';
  return host.toLowerCase();
}

function onHost(host: string, domains: readonly string[]): boolean {
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function exclusionZones(text: string, options: ScanOptions): Zone[] {
  const zones: Zone[] = [];
  const ownDomain = options.oaiRepositoryIdentifier.toLowerCase();
  for (const m of text.matchAll(URL_SCAN)) {
    const host = hostOf(m[0]);
    zones.push({
      start: m.index,
      end: m.index + m[0].length,
      allows: (kind) =>
        kind === 'accession' || kind === 'oai-identifier' ? ownDomain !== '' && onHost(host, [ownDomain]) : onHost(host, RESOLVER_HOSTS[kind] ?? []),
    });
  }
  for (const m of text.matchAll(EMAIL_SCAN)) {
    zones.push({ start: m.index - 1, end: m.index + m[0].length, allows: () => false });
  }
  return zones;
}

interface Located {
  start: number;
  end: number;
  identifier: FoundIdentifier;
}

function comparisonKey(identifier: FoundIdentifier): string {
  const value = identifier.kind === 'doi' ? doiKey(identifier.normalized) : identifier.kind === 'cstr' ? cstrKey(identifier.normalized) : identifier.normalized;
  return `${identifier.kind}\u0000${value}`;
}

function locate(text: string, options: ScanOptions): Located[] {
  const zones = exclusionZones(text, options);
  const candidates = [...doiMatches(text), ...cstrMatches(text), ...accessionMatches(text, options, zones)];
  const allowed = candidates.filter(
    (match) => !zones.some((zone) => match.start > zone.start && match.start < zone.end && !zone.allows(match.identifier.kind)),
  );
  allowed.sort((a, b) => a.start - b.start || b.end - a.end || a.priority - b.priority);
  const located: Located[] = [];
  const seen = new Set<string>();
  let covered = 0;
  for (const match of allowed) {
    if (match.start < covered) continue;
    covered = match.end;
    const key = comparisonKey(match.identifier);
    if (seen.has(key)) continue;
    seen.add(key);
    located.push({ start: match.start, end: match.end, identifier: match.identifier });
  }
  return located;
}

/**
 * Every identifier in the text, in order of appearance, each once (same kind and same normalized form).
 * Identifiers with the shape of a DOI or CSTR that cannot be one are included with `malformed` set.
 */
export function scanIdentifiers(text: string, options: ScanOptions): FoundIdentifier[] {
  return locate(text, options).map((located) => located.identifier);
}

const WRAPPING = /^[\s"'“”‘’<>()[\].,;:]*$/;

/**
 * The identifier that the text is, allowing only surrounding whitespace, quotes, brackets and punctuation;
 * undefined when the text is not exactly one recognised identifier.
 */
export function classifyIdentifier(text: string, options: ScanOptions): FoundIdentifier | undefined {
  const trimmed = text.trim();
  const [first, ...rest] = locate(trimmed, options);
  if (first && WRAPPING.test(trimmed.slice(0, first.start)) && WRAPPING.test(trimmed.slice(first.end)) && rest.length === 0) {
    return first.identifier;
  }
  // A lone CSTR may be all digits, which the scan only accepts after a "CSTR" label.
  const cstr = normalizeCstr(trimmed);
  if (cstr && /^\d{5}\.\d{2}\./.test(trimmed)) return { found: trimmed, kind: 'cstr', label: 'CSTR', normalized: cstr };
  return undefined;
}
