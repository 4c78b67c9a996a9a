/**
 * The namespace IRIs of every RDF vocabulary fairharbor writes, in one place. Each is a function from a
 * local name to an n3 NamedNode (`DCAT('Dataset')`) that also carries its IRI (`DCAT.iri`).
 */
import { DataFactory, type NamedNode } from 'n3';
import { COAR_ACCESS_RIGHT_NAMESPACE } from './access-rights.js';

export interface Namespace {
  (localName: string): NamedNode;
  readonly iri: string;
}

export function namespace(iri: string): Namespace {
  return Object.assign((localName: string) => DataFactory.namedNode(iri + localName), { iri });
}

// Vocabularies: their terms are classes and properties, written with a prefix in Turtle and RDF/XML.
export const RDF = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
export const RDFS = namespace('http://www.w3.org/2000/01/rdf-schema#');
export const XSD = namespace('http://www.w3.org/2001/XMLSchema#');
export const OWL = namespace('http://www.w3.org/2002/07/owl#');
export const DCAT = namespace('http://www.w3.org/ns/dcat#');
export const DCT = namespace('http://purl.org/dc/terms/');
export const DCTYPE = namespace('http://purl.org/dc/dcmitype/');
/** DCAT-AP's own properties (applicableLegislation, availability). */
export const DCATAP = namespace('http://data.europa.eu/r5r/');
export const ADMS = namespace('http://www.w3.org/ns/adms#');
export const ODRL = namespace('http://www.w3.org/ns/odrl/2/');
export const PROV = namespace('http://www.w3.org/ns/prov#');
export const FOAF = namespace('http://xmlns.com/foaf/0.1/');
export const VCARD = namespace('http://www.w3.org/2006/vcard/ns#');
export const SKOS = namespace('http://www.w3.org/2004/02/skos/core#');
/** schema.org as an RDF vocabulary: its published RDF uses the http form. */
export const SCHEMA = namespace('http://schema.org/');
export const SPDX = namespace('http://spdx.org/rdf/terms#');
export const LOCN = namespace('http://www.w3.org/ns/locn#');
export const GSP = namespace('http://www.opengis.net/ont/geosparql#');
export const TIME = namespace('http://www.w3.org/2006/time#');
export const SH = namespace('http://www.w3.org/ns/shacl#');
/** The SPAR DataCite ontology: its identifier schemes (datacite:doi) name the scheme of an identifier. */
export const DATACITE = namespace('http://purl.org/spar/datacite/');

// Authorities: their terms are individuals (licences, languages, media types, statuses), written in full.
export const SPDX_LICENSES = namespace('https://spdx.org/licenses/');
export const EU_LANGUAGE = namespace('http://publications.europa.eu/resource/authority/language/');
export const IANA_MEDIA_TYPES = namespace('https://www.iana.org/assignments/media-types/');
export const ADMS_STATUS = namespace('http://purl.org/adms/status/');
export const COAR_ACCESS_RIGHT = namespace(COAR_ACCESS_RIGHT_NAMESPACE);
export const OBO = namespace('http://purl.obolibrary.org/obo/');
export const DOI_RESOLVER = namespace('https://doi.org/');
export const ORCID = namespace('https://orcid.org/');

/** The prefixes RDF serializations may use: vocabularies only, so that instance IRIs stay whole. */
export const VOCABULARY_PREFIXES: Readonly<Record<string, string>> = {
  rdf: RDF.iri,
  rdfs: RDFS.iri,
  xsd: XSD.iri,
  owl: OWL.iri,
  dcat: DCAT.iri,
  dct: DCT.iri,
  dctype: DCTYPE.iri,
  dcatap: DCATAP.iri,
  adms: ADMS.iri,
  odrl: ODRL.iri,
  prov: PROV.iri,
  foaf: FOAF.iri,
  vcard: VCARD.iri,
  skos: SKOS.iri,
  schema: SCHEMA.iri,
  spdx: SPDX.iri,
  locn: LOCN.iri,
  gsp: GSP.iri,
  time: TIME.iri,
  sh: SH.iri,
  datacite: DATACITE.iri,
};
