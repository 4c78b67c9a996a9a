/**
 * The OAI-PMH 2.0 data provider: parses the request, runs its verb, and answers every protocol
 * error as an OAI-PMH error document (always HTTP 200).
 */
import type { ServiceContext } from '../services/context.js';
import { renderContext } from '../services/render-context.js';
import type { VerbContext } from './context.js';
import { OaiError, type Verb } from './protocol.js';
import { parseOaiRequest } from './request.js';
import { getRecord } from './verbs/get-record.js';
import { identify } from './verbs/identify.js';
import { listMetadataFormats } from './verbs/list-metadata-formats.js';
import { listRecords } from './verbs/list-records.js';
import { listSets } from './verbs/list-sets.js';
import { errorResponse, type ResponseContext } from './xml-writer.js';

const HANDLERS: Record<Verb, (context: VerbContext) => Promise<string>> = {
  Identify: identify,
  ListMetadataFormats: listMetadataFormats,
  ListSets: listSets,
  GetRecord: getRecord,
  ListIdentifiers: listRecords,
  ListRecords: listRecords,
};

export function oaiBaseUrl(services: ServiceContext): string {
  return `${services.config.baseUrl}/oai`;
}

function responseContext(services: ServiceContext): ResponseContext {
  return {
    baseUrl: oaiBaseUrl(services),
    responseDate: services.now(),
    repositoryIdentifier: services.config.oai.repositoryIdentifier,
    render: renderContext(services),
  };
}

/** An error document for a request whose arguments could not be read at all. */
export function answerUnreadableRequest(services: ServiceContext, message: string): string {
  return errorResponse(responseContext(services), {}, [new OaiError('badArgument', message)]);
}

export async function answerOaiRequest(services: ServiceContext, pairs: Array<[string, string]>): Promise<string> {
  const response = responseContext(services);
  const parsed = parseOaiRequest(pairs);
  // After badVerb or badArgument the request is echoed without its arguments, as the protocol requires.
  if (!parsed.ok) return errorResponse(response, {}, parsed.errors);
  const echo: Record<string, string> = { verb: parsed.request.verb };
  for (const [name, value] of Object.entries(parsed.request.args)) if (value !== undefined) echo[name] = value;
  try {
    return await HANDLERS[parsed.request.verb]({ services, response, request: parsed.request, echo });
  } catch (error) {
    if (error instanceof OaiError) return errorResponse(response, echo, [error]);
    throw error;
  }
}
