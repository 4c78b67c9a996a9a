import type { ServiceContext } from '../services/context.js';
import type { OaiRequest } from './request.js';
import type { ResponseContext } from './xml-writer.js';

/** What a verb handler works with: the services, the response being written, and the parsed request. */
export interface VerbContext {
  services: ServiceContext;
  response: ResponseContext;
  request: OaiRequest;
  /** The request's arguments as echoed in `<request>`. */
  echo: Record<string, string>;
}
