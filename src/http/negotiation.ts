/**
 * Content negotiation over the formats registry: `?format=NAME` first, then the Accept header with its
 * q-values, wildcards and media type parameters (negotiated by the `negotiator` library).
 */
import Negotiator from 'negotiator';
import type { OutputFormat, RenderParameters } from '../formats/format.js';
import { DomainError } from '../model/errors.js';

export interface Negotiated {
  format: OutputFormat;
  parameters: RenderParameters;
}

const offersByFormats = new WeakMap<readonly OutputFormat[], Map<string, Negotiated>>();

/** Every media type on offer, each parameter variant as its own type, in the registry's order of preference. */
function offers(formats: readonly OutputFormat[]): Map<string, Negotiated> {
  const known = offersByFormats.get(formats);
  if (known) return known;
  const offered = new Map<string, Negotiated>();
  offersByFormats.set(formats, offered);
  for (const format of formats) {
    for (const mediaType of format.mediaTypes) {
      for (const parameters of format.variants ?? []) {
        const suffix = Object.entries(parameters).map(([name, value]) => `;${name}=${value}`).join('');
        offered.set(mediaType + suffix, { format, parameters });
      }
      offered.set(mediaType, { format, parameters: {} });
    }
  }
  return offered;
}

/** Accept headers seen per list of formats, each with its best offer: clients send few distinct headers, and parsing one costs more than serving a stored record. */
const choicesByFormats = new WeakMap<readonly OutputFormat[], Map<string, Negotiated | undefined>>();
const CHOICES_KEPT = 256;

function bestOffer(formats: readonly OutputFormat[], accept: string): Negotiated | undefined {
  let choices = choicesByFormats.get(formats);
  if (!choices) choicesByFormats.set(formats, (choices = new Map()));
  if (choices.has(accept)) return choices.get(accept);
  const offered = offers(formats);
  const [best] = new Negotiator({ headers: { accept } }).mediaTypes([...offered.keys()]);
  const chosen = best === undefined ? undefined : offered.get(best);
  if (choices.size >= CHOICES_KEPT) choices.delete(choices.keys().next().value!);
  choices.set(accept, chosen);
  return chosen;
}

export function availableMediaTypes(formats: readonly OutputFormat[]): string[] {
  return [...new Set(formats.flatMap((format) => format.mediaTypes))];
}

/** The parameters named in the query (`?style=apa&locale=zh-CN`) that the format understands. */
function queryParameters(format: OutputFormat, query: Record<string, string | string[] | undefined>): RenderParameters {
  const names = new Set((format.variants ?? []).flatMap((variant) => Object.keys(variant)));
  const parameters: RenderParameters = {};
  for (const name of names) {
    const value = query[name];
    if (typeof value === 'string' && value !== '') parameters[name] = value;
  }
  return parameters;
}

export function negotiateFormat(
  formats: readonly OutputFormat[],
  accept: string | undefined,
  query: Record<string, string | string[] | undefined>,
): Negotiated {
  const byName = query.format;
  if (byName !== undefined) {
    const format = typeof byName === 'string' ? formats.find((f) => f.name === byName) : undefined;
    if (!format) {
      throw new DomainError('not_acceptable', `format must be one of ${formats.map((f) => f.name).join(', ')}`, 'format', { available: formats.map((f) => f.name) });
    }
    return { format, parameters: queryParameters(format, query) };
  }
  const chosen = bestOffer(formats, accept || '*/*');
  if (!chosen) {
    const available = availableMediaTypes(formats);
    throw new DomainError('not_acceptable', `none of the requested media types is available; available: ${available.join(', ')}`, 'Accept', { available });
  }
  return chosen;
}
