import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name, jpath) =>
    ['record', 'header', 'set', 'metadataFormat', 'error', 'compression', 'description'].includes(name) || (name === 'setSpec' && String(jpath).endsWith('header.setSpec')),
});

/** An OAI-PMH response read into plain objects (namespace prefixes dropped). */
export function parseOai(xml: string): any {
  return parser.parse(xml)['OAI-PMH'];
}

export function oaiErrors(xml: string): Array<{ code: string; message: string }> {
  const errors = parseOai(xml).error ?? [];
  return errors.map((e: any) => ({ code: e['@code'], message: typeof e === 'string' ? e : e['#text'] ?? '' }));
}

export function tokenOf(list: any): { value?: string; cursor?: string; completeListSize?: string; expirationDate?: string } | undefined {
  const token = list?.resumptionToken;
  if (token === undefined) return undefined;
  if (typeof token === 'string') return { value: token };
  return { value: token['#text'], cursor: token['@cursor'], completeListSize: token['@completeListSize'], expirationDate: token['@expirationDate'] };
}
