/** What the journal check reports (GET/POST /api/v1/check, and the /check form). */

import type { FoundIdentifier } from '../model/identifier-scan.js';

export type { FoundIdentifier, IdentifierKind } from '../model/identifier-scan.js';

export type ProblemCode =
  | 'malformed'
  | 'not-found'
  | 'withdrawn'
  | 'not-yet-released'
  | 'newer-version'
  | 'statement-says-open-but-restricted'
  | 'statement-lacks-identifier'
  | 'statement-lacks-link'
  | 'statement-lacks-software'
  | 'statement-lacks-contact';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export interface IdentifierReport extends FoundIdentifier {
  /** Whether a record here holds it (and the caller may know so). */
  held: boolean;
  accession?: string;
  status?: 'draft' | 'scheduled' | 'released' | 'withdrawn';
  releaseDate?: string;
  withdrawal?: { reason: string; date: string; category?: string };
  access?: { level: string; conditions: string[]; howToApply?: string; requestUrl?: string };
  licence?: { name?: string; spdxId?: string; url?: string };
  landingPage?: string;
  citation?: string;
  /** Only whether one exists; the link itself is never reported. */
  activeReviewLink?: boolean;
  latestVersion?: string;
  problems: Problem[];
}

export type StatementTemplate = 'open' | 'special-software' | 'on-request';

export interface StatementReport {
  /** The journal template the statement follows, if any. */
  template?: StatementTemplate;
  identifiers: IdentifierReport[];
  problems: Problem[];
  /** A statement generated from the record(s) the statement cites, in the template that fits them. */
  suggested?: string;
}
