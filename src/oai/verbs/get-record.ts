import type { VerbContext } from '../context.js';
import { listEnvelope, recordXml } from '../xml-writer.js';
import { formatByPrefix, itemByIdentifier } from './records.js';

export async function getRecord(context: VerbContext): Promise<string> {
  const { identifier, metadataPrefix } = context.request.args as { identifier: string; metadataPrefix: string };
  const item = await itemByIdentifier(context, identifier);
  const format = formatByPrefix(metadataPrefix);
  const { head, tail } = listEnvelope(context.response, context.echo, 'GetRecord');
  return head + recordXml(item, format, context.response) + tail;
}
