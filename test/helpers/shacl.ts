/**
 * DCAT-AP 3.0.1 SHACL validation with rdf-validate-shacl, against the shapes in test/fixtures/shacl.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { SH } from '../../src/formats/namespaces.js';

const SHAPES = resolve('test/fixtures/shacl/dcat-ap-3.0.1');

function loadShapes(...files: string[]): Store {
  return new Store(files.flatMap((file) => new Parser({ format: 'Turtle' }).parse(readFileSync(resolve(SHAPES, file), 'utf8'))));
}

/** The two shape sets of the DCAT-AP 3.0.1 release: the consolidated file, and those behind the HTML specification. */
export const DCAT_AP_SHAPE_SETS = {
  'consolidated dcat-ap-SHACL.ttl': () => loadShapes('dcat-ap-SHACL.ttl'),
  'html/shacl shapes.ttl + range.ttl': () => loadShapes('html-shacl/shapes.ttl', 'html-shacl/range.ttl'),
};

/** Each violation of `shapes` by `quads`, as focus node, path, constraint, value and message. */
export async function shaclViolations(shapes: Store, quads: Quad[]): Promise<string[]> {
  const report = await new SHACLValidator(shapes).validate(new Store(quads));
  return report.results
    .filter((result) => result.severity.equals(SH('Violation')))
    .map((result) => {
      const constraint = result.sourceConstraintComponent.value.replace(SH.iri, 'sh:');
      const message = result.message.map((m) => m.value).join('; ');
      return `${result.focusNode.value} ${result.path?.value ?? ''} ${constraint} ${result.value?.value ?? ''} ${message}`;
    });
}
