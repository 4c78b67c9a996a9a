import type { VerbContext } from '../context.js';
import { renderingsFingerprint } from '../../services/rendering-service.js';
import { storedRenderingFor } from '../stored-renderings.js';
import { listEnvelope, recordXml } from '../xml-writer.js';
import { entryByIdentifier, formatByPrefix } from './records.js';

export async function getRecord(context: VerbContext): Promise<string> {
  const { identifier, metadataPrefix } = context.request.args as { identifier: string; metadataPrefix: string };
  const stored = { format: storedRenderingFor(true, metadataPrefix) ?? '', fingerprint: renderingsFingerprint(context.services.config) };
  const { rendered, item } = await entryByIdentifier(context, identifier, stored);
  const format = formatByPrefix(metadataPrefix);
  const { head, tail } = listEnvelope(context.response, context.echo, 'GetRecord');
  return head + (rendered ?? recordXml(item, format, context.response)) + tail;
}
