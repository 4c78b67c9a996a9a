/**
 * Validation with libxml2's xmllint against the official schemas in test/fixtures/schemas/xml, offline
 * through their XML catalog.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCHEMAS = resolve('test/fixtures/schemas/xml');

export const SCHEMA = {
  oaiPmh: `${SCHEMAS}/oai-pmh-all.xsd`,
  dataCite: `${SCHEMAS}/datacite/kernel-4/metadata.xsd`,
  oaiDataCite: `${SCHEMAS}/datacite/oai-1.1/oai.xsd`,
  oaiDc: `${SCHEMAS}/oai_dc.xsd`,
} as const;

export interface XmlCheck {
  valid: boolean;
  errors: string;
}

/** Validates an XML document against an XSD; well-formedness is checked on the way. */
export function validateXml(xml: string, schema: string): XmlCheck {
  const result = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, '-'], {
    input: xml,
    env: { ...process.env, XML_CATALOG_FILES: `${SCHEMAS}/catalog.xml` },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${result.error.message}`);
  return { valid: result.status === 0, errors: result.stderr.trim() };
}

/** Only checks that a document is well-formed XML 1.0. */
export function checkWellFormed(xml: string): XmlCheck {
  const result = spawnSync('xmllint', ['--nonet', '--noout', '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${result.error.message}`);
  return { valid: result.status === 0, errors: result.stderr.trim() };
}

/** Validates many documents in one xmllint run; returns the names of the invalid ones with xmllint's words. */
export function validateMany(documents: Array<{ name: string; xml: string }>, schema: string): Array<{ name: string; errors: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fairharbor-xml-'));
  try {
    const files = documents.map((doc, i) => {
      const path = join(dir, `${String(i).padStart(5, '0')}.xml`);
      writeFileSync(path, doc.xml);
      return path;
    });
    const result = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, ...files], {
      env: { ...process.env, XML_CATALOG_FILES: `${SCHEMAS}/catalog.xml` },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${result.error.message}`);
    const invalid: Array<{ name: string; errors: string }> = [];
    files.forEach((file, i) => {
      if (!result.stderr.includes(`${file} validates`)) {
        const errors = result.stderr.split('\n').filter((line) => line.startsWith(file)).join('\n');
        invalid.push({ name: documents[i]!.name, errors });
      }
    });
    return invalid;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
