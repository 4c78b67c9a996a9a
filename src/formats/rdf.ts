/**
 * The DCAT graph of a record (dcat-graph.ts) in three RDF syntaxes. All three serialize the same quads, so
 * they carry the same graph: Turtle and N-Triples with n3's Writer, RDF/XML with graphy's RDF/XML scriber.
 *
 * Why graphy for RDF/XML: npm has few RDF/XML serializers. rdflib.js is the best maintained, but its
 * RDF/XML serializer nests typed blank nodes inside rdf:parseType="Resource" (rdflib.js issue #546), which
 * parsers read as different triples or reject, and it writes CR unescaped. @rdfjs-elements/formats-pretty
 * is maintained, but its RDF/XML is graphy's scriber underneath, plus some seventy packages. graphy's
 * @graphy/content.xml.scribe writes one rdf:Description per subject with rdf:nodeID blank nodes: plain,
 * but correct, which the tests check with two independent RDF/XML parsers. Its one gap, CR and control
 * characters in literals, cannot occur: dcat-graph.ts makes every literal XML-safe.
 */
import { createRequire } from 'node:module';
import { once } from 'node:events';
import type { Duplex, Writable } from 'node:stream';
import { Writer, type Quad } from 'n3';
import type { FairRecord } from '../model/schema.js';
import { dcatGraph } from './dcat-graph.js';
import type { OutputFormat, RenderContext } from './format.js';
import { RDF, VOCABULARY_PREFIXES } from './namespaces.js';

/** graphy ships no type declarations: this is the one function of it used here. */
type RdfXmlScriberFactory = (config: { prefixes: Record<string, string> }) => Duplex;
const createRdfXmlScriber = createRequire(import.meta.url)('@graphy/content.xml.scribe') as RdfXmlScriberFactory;

/** Quads in the order of their subjects' first appearance, each subject's together: one block per node in every syntax. */
function groupedBySubject(quads: readonly Quad[]): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = `${quad.subject.termType}:${quad.subject.value}`;
    const group = bySubject.get(key) ?? [];
    group.push(quad);
    bySubject.set(key, group);
  }
  return [...bySubject.values()].flat();
}

/** The vocabulary prefixes that some of `iris` use, so documents declare only what they need. */
function prefixesFor(iris: Iterable<string>): Record<string, string> {
  const used = [...new Set(iris)];
  return Object.fromEntries(Object.entries(VOCABULARY_PREFIXES).filter(([, namespace]) => used.some((iri) => iri.startsWith(namespace))));
}

function namedNodeIris(quads: readonly Quad[]): string[] {
  return quads.flatMap((quad) => {
    const { subject, predicate, object } = quad;
    const objectIri = object.termType === 'Literal' ? object.datatype.value : object.value;
    return [subject.value, predicate.value, objectIri];
  });
}

function writeWithN3(quads: readonly Quad[], format: 'Turtle' | 'N-Triples'): Promise<string> {
  const prefixes = format === 'Turtle' ? prefixesFor(namedNodeIris(quads)) : undefined;
  const writer = new Writer({ format, prefixes });
  writer.addQuads(groupedBySubject(quads));
  return new Promise((resolve, reject) => writer.end((error, document: string) => (error ? reject(error) : resolve(document))));
}

export function serializeTurtle(quads: readonly Quad[]): Promise<string> {
  return writeWithN3(quads, 'Turtle');
}

export function serializeNTriples(quads: readonly Quad[]): Promise<string> {
  return writeWithN3(quads, 'N-Triples');
}

export function serializeRdfXml(quads: readonly Quad[]): Promise<string> {
  // RDF/XML needs a prefix for every predicate's namespace, and rdf: for its own syntax.
  const prefixes = prefixesFor([RDF.iri, ...quads.map((quad) => quad.predicate.value)]);
  const scriber = createRdfXmlScriber({ prefixes });
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    scriber.on('data', (chunk: string | Buffer) => chunks.push(chunk.toString()));
    scriber.on('end', () => resolve(chunks.join('')));
    scriber.on('error', reject);
    for (const quad of groupedBySubject(quads)) scriber.write(quad);
    scriber.end();
  });
}

export type RdfSyntax = 'turtle' | 'ntriples' | 'rdfxml';

const SERIALIZERS: Record<RdfSyntax, (quads: readonly Quad[]) => Promise<string>> = {
  turtle: serializeTurtle,
  ntriples: serializeNTriples,
  rdfxml: serializeRdfXml,
};

function rdfFormat(format: Omit<OutputFormat, 'render'> & { name: RdfSyntax }): OutputFormat {
  const serialize = SERIALIZERS[format.name];
  return { ...format, render: (record: FairRecord, context: RenderContext) => serialize(dcatGraph(record, context)) };
}

export const turtleFormat = rdfFormat({ name: 'turtle', mediaTypes: ['text/turtle'], contentType: 'text/turtle', extension: 'ttl' });
export const nTriplesFormat = rdfFormat({ name: 'ntriples', mediaTypes: ['application/n-triples'], contentType: 'application/n-triples', extension: 'nt' });
export const rdfXmlFormat = rdfFormat({ name: 'rdfxml', mediaTypes: ['application/rdf+xml'], contentType: 'application/rdf+xml', extension: 'rdf' });

/** The RDF syntax a format writes, or undefined for formats that are not RDF serializations of the DCAT graph. */
export function rdfSyntaxOf(format: OutputFormat): RdfSyntax | undefined {
  return [turtleFormat, nTriplesFormat, rdfXmlFormat].includes(format) ? (format.name as RdfSyntax) : undefined;
}

/** Writes many graphs into one document on `out`, a batch of quads at a time, waiting when `out` is full. */
export interface RdfQuadWriter {
  write(quads: readonly Quad[]): Promise<void>;
  end(): Promise<void>;
}

export function rdfQuadWriter(syntax: RdfSyntax, out: Writable): RdfQuadWriter {
  return syntax === 'rdfxml' ? rdfXmlQuadWriter(out) : n3QuadWriter(syntax === 'turtle' ? 'Turtle' : 'N-Triples', out);
}

async function drained(out: Writable, accepted: boolean): Promise<void> {
  if (!accepted) await once(out, 'drain');
}

function n3QuadWriter(format: 'Turtle' | 'N-Triples', out: Writable): RdfQuadWriter {
  // n3 writes into `pending` as it goes; each batch is then handed to `out`, which may push back.
  let pending = '';
  const sink = { write: (chunk: string, _encoding?: string, done?: () => void) => ((pending += chunk), done?.(), true), end: (done?: () => void) => done?.() };
  const writer = new Writer(sink as unknown as Writable, { format, prefixes: format === 'Turtle' ? { ...VOCABULARY_PREFIXES } : undefined, end: false });
  const flush = async () => {
    const chunk = pending;
    pending = '';
    if (chunk) await drained(out, out.write(chunk));
  };
  return {
    async write(quads) {
      writer.addQuads(groupedBySubject(quads));
      await flush();
    },
    async end() {
      await new Promise<void>((resolve, reject) => writer.end((error) => (error ? reject(error) : resolve())));
      await flush();
    },
  };
}

function rdfXmlQuadWriter(out: Writable): RdfQuadWriter {
  const scriber = createRdfXmlScriber({ prefixes: { ...VOCABULARY_PREFIXES } });
  scriber.on('data', (chunk: string | Buffer) => {
    if (!out.write(chunk)) scriber.pause();
  });
  const resume = () => scriber.resume();
  out.on('drain', resume);
  const finished = new Promise<void>((resolve, reject) => {
    scriber.on('end', resolve);
    scriber.on('error', reject);
  });
  return {
    async write(quads) {
      for (const quad of groupedBySubject(quads)) await drained(scriber, scriber.write(quad));
    },
    async end() {
      scriber.end();
      await finished;
      out.off('drain', resume);
    },
  };
}
