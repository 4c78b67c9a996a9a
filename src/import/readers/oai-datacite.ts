/**
 * DataCite's OAI-PMH envelope (oai_datacite, oai-1.1) read into record inputs: bare, or the records of an
 * OAI-PMH response. The kernel-3 or kernel-4 resource in its payload is read by the DataCite XML reader;
 * what the envelope adds (the schema version, the symbol of the data centre) is about the copy, not the
 * resource, and is left out.
 */
import type { RecordInput } from '../../model/schema.js';
import type { ImportItem } from '../import-item.js';
import { isDataCiteResource, readDataCiteResource } from './datacite-xml.js';
import { declaresElementIn } from './detect-xml.js';
import { isOaiPmhResponse, oaiItems, oaiResponse } from './oai-pmh.js';
import { itemsOfElements, trimmed, unreadable } from './reader-support.js';
import { childElements, findElements, ownText, parseXml, type XmlElement } from './xml-tree.js';

export const OAI_DATACITE_NAMESPACE = 'http://schema.datacite.org/oai/oai-1.1/';

export function readOaiDataCite(text: string): ImportItem[] {
  const root = parseXml(text);
  if (isOaiPmhResponse(root)) return oaiItems(oaiResponse(root), (metadata) => readEnvelope(metadata));
  const envelopes = findElements(root, isEnvelope);
  if (envelopes.length === 0) throw unreadable('oai_datacite', 'the document holds no oai_datacite element');
  return itemsOfElements(envelopes, 'oai_datacite', readEnvelope, identifierOfEnvelope);
}

/** A bare oai_datacite envelope, or an OAI-PMH response holding them. */
export function looksLikeOaiDataCite(text: string): boolean {
  return declaresElementIn(text, OAI_DATACITE_NAMESPACE, 'oai_datacite');
}

function isEnvelope(element: XmlElement): boolean {
  return element.name === 'oai_datacite' && element.namespace === OAI_DATACITE_NAMESPACE;
}

const child = (element: XmlElement, name: string) => childElements(element).find((c) => c.name === name && c.namespace === element.namespace);

/** An envelope's record; an OAI-PMH record holding a bare DataCite resource is read as well. */
export function readEnvelope(element: XmlElement, path = 'oai_datacite'): RecordInput {
  if (isDataCiteResource(element)) return readDataCiteResource(element, 'resource');
  if (!isEnvelope(element)) throw unreadable('metadata', `expected oai_datacite, found ${element.namespace ? `{${element.namespace}}` : ''}${element.name}`);
  const payload = child(element, 'payload');
  const resource = payload && findElements(payload, isDataCiteResource)[0];
  if (!resource) throw unreadable(`${path}/payload`, 'holds no DataCite <resource> element');
  return readDataCiteResource(resource, `${path}/payload/resource`);
}

function identifierOfEnvelope(envelope: XmlElement): string | undefined {
  const payload = child(envelope, 'payload');
  const resource = payload && findElements(payload, isDataCiteResource)[0];
  const identifier = resource && child(resource, 'identifier');
  return identifier && trimmed(ownText(identifier));
}
