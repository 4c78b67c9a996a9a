import { oaiFormats } from '../../formats/registry.js';
import type { VerbContext } from '../context.js';
import { OaiError } from '../protocol.js';
import { response } from '../xml-writer.js';
import { itemByIdentifier } from './records.js';

export async function listMetadataFormats(context: VerbContext): Promise<string> {
  const identifier = context.request.args.identifier;
  if (identifier !== undefined) {
    const item = await itemByIdentifier(context, identifier);
    // A withdrawn record is disseminated only as a deleted header, in no metadata format.
    if (item.deleted) throw new OaiError('noMetadataFormats', `${identifier} was withdrawn; only its deleted header remains`);
  }
  return response(context.response, context.echo, 'ListMetadataFormats', (list) => {
    for (const format of oaiFormats()) {
      const entry = list.ele('metadataFormat');
      entry.ele('metadataPrefix').txt(format.metadataPrefix);
      entry.ele('schema').txt(format.schema);
      entry.ele('metadataNamespace').txt(format.metadataNamespace);
    }
  });
}
