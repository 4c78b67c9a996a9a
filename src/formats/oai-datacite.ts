/**
 * DataCite's OAI-PMH envelope (oai_datacite, version 1.1): the kernel-4 resource as payload, with the
 * schema version and the symbol of the data centre that holds the record.
 */
import type { FairRecord } from '../model/schema.js';
import { appendDataCiteResource, DATACITE_SCHEMA_VERSION } from './datacite-xml.js';
import type { OutputFormat, RenderContext } from './format.js';
import { asDocument, serializeFragment, xmlFragment, XSI_NAMESPACE } from './xml.js';
import { appendElement } from './xml-text.js';

export const OAI_DATACITE_NAMESPACE = 'http://schema.datacite.org/oai/oai-1.1/';
export const OAI_DATACITE_SCHEMA_URL = 'http://schema.datacite.org/oai/oai-1.1/oai.xsd';

/** The `<oai_datacite>` element as a string, without XML declaration. */
export function oaiDataCite(record: FairRecord, context: RenderContext): string {
  const root = xmlFragment();
  const envelope = root.ele(OAI_DATACITE_NAMESPACE, 'oai_datacite', {
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${OAI_DATACITE_NAMESPACE} ${OAI_DATACITE_SCHEMA_URL}`,
  });
  appendElement(envelope, 'schemaVersion', {}, DATACITE_SCHEMA_VERSION);
  // There is no DataCite client symbol in the configuration; the repository's name stands for it.
  appendElement(envelope, 'datacentreSymbol', {}, context.repositoryName);
  appendDataCiteResource(appendElement(envelope, 'payload'), record, context);
  return serializeFragment(root);
}

export const oaiDataCiteFormat: OutputFormat = {
  name: 'oai_datacite',
  mediaTypes: [],
  contentType: 'application/xml',
  extension: 'xml',
  oai: {
    metadataPrefix: 'oai_datacite',
    schema: OAI_DATACITE_SCHEMA_URL,
    metadataNamespace: OAI_DATACITE_NAMESPACE,
    render: oaiDataCite,
  },
  render: (record, context) => asDocument(oaiDataCite(record, context)),
};
