/**
 * Many records as one file, for `fairharbor export`: JSON formats as JSON Lines, RDF formats as one graph,
 * XML formats as a collection element holding each record's document element, text formats one after another.
 * Records are written as they come, so memory stays flat however many there are.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DataFactory, type Quad, type Term } from 'n3';
import type { FairRecord } from '../model/schema.js';
import { catalogIri, dcatGraph, repositoryAgentIri } from './dcat-graph.js';
import type { OutputFormat, RenderContext } from './format.js';
import { DCAT } from './namespaces.js';
import { rdfQuadWriter, rdfSyntaxOf, type RdfQuadWriter } from './rdf.js';
import { serializeFragment, xmlFragment } from './xml.js';

export interface CollectionWriter {
  add(record: FairRecord): Promise<void>;
  /** Closes the collection; the output stream is left open. */
  end(): Promise<void>;
}

export type CollectionShape = 'json-lines' | 'rdf-graph' | 'xml-collection' | 'concatenated';

export function collectionShape(format: OutputFormat): CollectionShape {
  if (rdfSyntaxOf(format)) return 'rdf-graph';
  if (/[/+]json$/.test(format.contentType)) return 'json-lines';
  if (/[/+]xml$/.test(format.contentType)) return 'xml-collection';
  return 'concatenated';
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export function collectionWriter(format: OutputFormat, context: RenderContext, out: Writable): CollectionWriter {
  switch (collectionShape(format)) {
    case 'json-lines':
      return {
        add: async (record) => write(out, `${JSON.stringify(JSON.parse(await format.render(record, context)))}\n`),
        end: async () => {},
      };
    case 'xml-collection':
      return xmlCollection(format, context, out);
    case 'rdf-graph':
      return rdfCollection(rdfQuadWriter(rdfSyntaxOf(format)!, out), context);
    case 'concatenated':
      return {
        add: async (record) => write(out, `${(await format.render(record, context)).trimEnd()}\n\n`),
        end: async () => {},
      };
  }
}

const XML_DECLARATION = /^\uFEFF?<\?xml[^>]*\?>\s*/;

function xmlCollection(format: OutputFormat, context: RenderContext, out: Writable): CollectionWriter {
  const element = xmlFragment().ele('records', { format: format.name, source: context.baseUrl, generated: context.now.toISOString() }).txt('\n');
  const [startTag, endTag] = serializeFragment(element).split(/(?=<\/records>$)/) as [string, string];
  let started = false;
  const start = async () => {
    started = true;
    await write(out, `<?xml version="1.0" encoding="UTF-8"?>\n${startTag}`);
  };
  return {
    async add(record) {
      if (!started) await start();
      await write(out, `${(await format.render(record, context)).replace(XML_DECLARATION, '').trimEnd()}\n`);
    },
    async end() {
      if (!started) await start();
      await write(out, `${endTag}\n`);
    },
  };
}

/**
 * Each record's graph states the catalogue and the repository agent again; they are written once. Blank
 * nodes are numbered per record, so each record's are renamed apart.
 */
function rdfCollection(writer: RdfQuadWriter, context: RenderContext): CollectionWriter {
  const shared = new Set([catalogIri(context), repositoryAgentIri(context)]);
  const written = new Set<string>();
  let recordNumber = 0;
  return {
    async add(record) {
      const prefix = `r${recordNumber++}`;
      const rename = <T extends Term>(term: T): T => (term.termType === 'BlankNode' ? (DataFactory.blankNode(`${prefix}${term.value}`) as unknown as T) : term);
      const quads: Quad[] = [];
      for (const quad of dcatGraph(record, context)) {
        if (shared.has(quad.subject.value) && !quad.predicate.equals(DCAT('dataset'))) {
          const key = `${quad.subject.value} ${quad.predicate.value} ${quad.object.termType}:${quad.object.value}`;
          if (written.has(key)) continue;
          written.add(key);
        }
        quads.push(DataFactory.quad(rename(quad.subject), quad.predicate, rename(quad.object)));
      }
      await writer.write(quads);
    },
    end: () => writer.end(),
  };
}
