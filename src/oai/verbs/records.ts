/** Shared by the verbs that name one record: identifier and metadataPrefix lookups. */
import type { OaiDissemination } from '../../formats/format.js';
import { oaiFormatByPrefix } from '../../formats/registry.js';
import { accessionFromOaiIdentifier } from '../../model/identifiers.js';
import { harvestEntry, harvestItem, type HarvestEntry, type HarvestItem } from '../../services/harvest-service.js';
import type { VerbContext } from '../context.js';
import { OaiError } from '../protocol.js';

/** The harvestable record behind an OAI identifier; anything else — absent or not public — is idDoesNotExist alike. */
export async function itemByIdentifier(context: VerbContext, identifier: string): Promise<HarvestItem> {
  const accession = accessionFromOaiIdentifier(context.services.config.oai.repositoryIdentifier, identifier);
  const item = accession ? await harvestItem(context.services, accession) : undefined;
  if (!item) throw new OaiError('idDoesNotExist', `${identifier.slice(0, 200)} is not an identifier of this repository`);
  return item;
}

/** Like itemByIdentifier, taking the record's stored rendering when a current one is kept. */
export async function entryByIdentifier(context: VerbContext, identifier: string, stored: { format: string; fingerprint: string }): Promise<HarvestEntry> {
  const accession = accessionFromOaiIdentifier(context.services.config.oai.repositoryIdentifier, identifier);
  const entry = accession ? await harvestEntry(context.services, accession, stored) : undefined;
  if (!entry) throw new OaiError('idDoesNotExist', `${identifier.slice(0, 200)} is not an identifier of this repository`);
  return entry;
}

export function formatByPrefix(metadataPrefix: string): OaiDissemination {
  const format = oaiFormatByPrefix(metadataPrefix);
  if (!format) throw new OaiError('cannotDisseminateFormat', `metadataPrefix ${metadataPrefix.slice(0, 100)} is not supported (see ListMetadataFormats)`);
  return format;
}
