/**
 * The XML of OAI-PMH responses. Everything is built with xmlbuilder2 (which also drops characters XML
 * forbids); record metadata arrives already serialized from the formats registry and is placed into the
 * element built for it, so a page of records is one pass of string joins.
 */
import { randomUUID } from 'node:crypto';
import type { OaiDissemination, RenderContext } from '../formats/format.js';
import { serializeDocument, serializeFragment, xmlDocument, xmlFragment, xmlText, XSI_NAMESPACE, type XMLBuilder } from '../formats/xml.js';
import { oaiIdentifier } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import type { HarvestItem } from '../services/harvest-service.js';
import { formatDatestamp } from './datestamps.js';
import { OAI_NAMESPACE, OAI_SCHEMA_LOCATION, type OaiError } from './protocol.js';
import { setSpecsOf } from './sets.js';

const PROVENANCE_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/provenance';
const PROVENANCE_SCHEMA_LOCATION = `${PROVENANCE_NAMESPACE} http://www.openarchives.org/OAI/2.0/provenance.xsd`;

/** Stands in for content that is joined in after serialization; random, so no stored text can contain it. */
const SLOT = `fairharbor-slot-${randomUUID()}`;

export interface ResponseContext {
  baseUrl: string;
  responseDate: Date;
  repositoryIdentifier: string;
  render: RenderContext;
}

function splitAtSlot(xml: string): [string, string] {
  const at = xml.indexOf(SLOT);
  return [xml.slice(0, at), xml.slice(at + SLOT.length)];
}

function openResponse(context: ResponseContext, echo: Record<string, string>): XMLBuilder {
  const root = xmlDocument()
    .ele(OAI_NAMESPACE, 'OAI-PMH')
    .att(XSI_NAMESPACE, 'xsi:schemaLocation', OAI_SCHEMA_LOCATION);
  root.ele('responseDate').txt(formatDatestamp(context.responseDate.toISOString()));
  const request = root.ele('request');
  for (const [name, value] of Object.entries(echo)) request.att(name, xmlText(value));
  request.txt(context.baseUrl);
  return root;
}

/** A complete response whose verb element is filled in by `build`. */
export function response(context: ResponseContext, echo: Record<string, string>, verb: string, build: (verbElement: XMLBuilder) => void): string {
  const root = openResponse(context, echo);
  build(root.ele(verb));
  return serializeDocument(root.doc());
}

/** The text before and after the items of a list response. */
export function listEnvelope(context: ResponseContext, echo: Record<string, string>, verb: string): { head: string; tail: string } {
  const root = openResponse(context, echo);
  root.ele(verb).txt(SLOT);
  const [head, tail] = splitAtSlot(serializeDocument(root.doc()));
  return { head, tail };
}

export function errorResponse(context: ResponseContext, echo: Record<string, string>, errors: OaiError[]): string {
  const root = openResponse(context, echo);
  for (const error of errors) root.ele('error').att('code', error.code).txt(xmlText(error.message));
  return serializeDocument(root.doc());
}

function appendHeader(parent: XMLBuilder, item: HarvestItem, context: ResponseContext): void {
  const header = parent.ele('header');
  if (item.deleted) header.att('status', 'deleted');
  header.ele('identifier').txt(oaiIdentifier(context.repositoryIdentifier, item.record.accession));
  header.ele('datestamp').txt(formatDatestamp(item.datestamp));
  for (const spec of setSpecsOf(item)) header.ele('setSpec').txt(xmlText(spec));
}

export function headerXml(item: HarvestItem, context: ResponseContext): string {
  const fragment = xmlFragment();
  appendHeader(fragment, item, context);
  return serializeFragment(fragment);
}

/** A source datestamp in the provenance schema's UTC form, when it can be read as a date. */
function utcDatestamp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * `<about><provenance>` for an imported record (OAI provenance schema). The schema needs the source's base
 * URL, identifier, datestamp and metadata namespace; a record whose source lacks one of them has none.
 */
function appendProvenance(parent: XMLBuilder, record: FairRecord): void {
  const source = record.source;
  const datestamp = utcDatestamp(source?.datestamp);
  if (!source?.baseUrl || !source.originalIdentifier || !datestamp || !source.metadataNamespace) return;
  const description = parent
    .ele('about')
    .ele(PROVENANCE_NAMESPACE, 'provenance')
    .att(XSI_NAMESPACE, 'xsi:schemaLocation', PROVENANCE_SCHEMA_LOCATION)
    .ele('originDescription')
    .att('harvestDate', utcDatestamp(source.harvestDate) ?? formatDatestamp(record.created))
    // The record was mapped into fairharbor's model, so what is disseminated is altered from the source.
    .att('altered', 'true');
  description.ele('baseURL').txt(xmlText(source.baseUrl));
  description.ele('identifier').txt(xmlText(source.originalIdentifier));
  description.ele('datestamp').txt(datestamp);
  description.ele('metadataNamespace').txt(xmlText(source.metadataNamespace));
}

/** One `<record>`: header, metadata in the requested format (none for a deleted record), provenance. */
export function recordXml(item: HarvestItem, format: OaiDissemination, context: ResponseContext): string {
  const record = xmlFragment().ele('record');
  appendHeader(record, item, context);
  if (item.deleted) return serializeFragment(record.doc());
  record.ele('metadata').txt(SLOT);
  appendProvenance(record, item.record);
  const [before, after] = splitAtSlot(serializeFragment(record.doc()));
  return before + format.render(item.record, context.render) + after;
}
