/**
 * Domain errors. Services throw these; the HTTP and OAI-PMH layers translate them through ERROR_TABLE,
 * so no service ever knows about status codes.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_record'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'too_many_requests';

export interface ErrorTranslation {
  httpStatus: number;
  /** The OAI-PMH error code a harvester sees for this condition, where one applies. */
  oaiCode?: 'idDoesNotExist' | 'badArgument';
}

export const ERROR_TABLE: Record<ErrorCode, ErrorTranslation> = {
  bad_request: { httpStatus: 400, oaiCode: 'badArgument' },
  invalid_record: { httpStatus: 422 },
  unauthenticated: { httpStatus: 401 },
  forbidden: { httpStatus: 403 },
  // Something the caller may not see is reported exactly like something that does not exist.
  not_found: { httpStatus: 404, oaiCode: 'idDoesNotExist' },
  gone: { httpStatus: 410 },
  conflict: { httpStatus: 409 },
  payload_too_large: { httpStatus: 413 },
  unsupported_media_type: { httpStatus: 415 },
  not_acceptable: { httpStatus: 406 },
  too_many_requests: { httpStatus: 429 },
};

export interface FieldProblem {
  /** JSON pointer into the submitted document, e.g. `/titles/0/title`. */
  field: string;
  /** The rule that failed, e.g. `required`, `enum`, `pattern`. */
  rule: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(readonly problems: FieldProblem[]) {
    const first = problems[0];
    const summary = first ? `${first.field || '/'}: ${first.message}` : 'invalid record';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super('invalid_record', summary + more, first?.field, { problems });
    this.name = 'ValidationError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
