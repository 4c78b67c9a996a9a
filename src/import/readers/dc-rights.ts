/**
 * The dc:rights statements of a Dublin Core record, told apart: access rights (info:eu-repo, COAR) set the
 * record's access level; a licence SPDX lists, however it is stated (by name, id or URL, often both, as
 * Zenodo does), becomes one rights entry with its name, URL and SPDX id; anything else is kept as a rights
 * entry as written. Every statement but the access rights is also kept word for word as the source's
 * licence, one per line.
 */
import type { AccessRight } from '../../formats/access-rights.js';
import { classifyRightsStatement, SPDX_SCHEME_URI, type Licence } from '../../formats/spdx-rights.js';
import type { RecordInput } from '../../model/schema.js';
import { compact } from './reader-support.js';
import { importedAccess } from './imported-access.js';

type Rights = NonNullable<RecordInput['rightsList']>[number];
type Access = NonNullable<RecordInput['access']>;

export interface Statement {
  text: string;
  lang?: string;
}

export interface DcRights {
  rightsList: Rights[];
  access?: Access;
  /** The statements that are not access rights, as written. */
  license?: string;
}

const HTTP_URL = /^https?:\/\/\S+$/i;
/** The longest rights text a rights entry holds; a longer one (whole terms of use) is kept as the source's licence only. */
const MAX_RIGHTS_TEXT = 2_000;

export function rightsOfDc(statements: Statement[], embargoEnd: string | undefined): DcRights {
  const accessRights: AccessRight[] = [];
  const licences = new Map<string, { licence: Licence; stated: Statement[] }>();
  const others: Rights[] = [];
  const verbatim: string[] = [];
  for (const statement of statements) {
    const read = classifyRightsStatement(statement.text);
    if (read.kind === 'access-right') {
      accessRights.push(read.accessRight);
      continue;
    }
    verbatim.push(statement.text);
    if (read.kind === 'licence') {
      const id = read.licence.spdxId!;
      const known = licences.get(id) ?? { licence: read.licence, stated: [] };
      known.stated.push(statement);
      licences.set(id, known);
    } else if (HTTP_URL.test(statement.text)) {
      others.push({ rightsUri: statement.text });
    } else if (statement.text.length <= MAX_RIGHTS_TEXT) {
      others.push(compact({ rights: statement.text, lang: statement.lang }));
    }
  }
  return compact({
    rightsList: [...[...licences.values()].map(({ licence, stated }) => licenceRights(licence, stated)), ...others],
    access: importedAccess(accessRights, embargoEnd),
    license: verbatim.length > 0 ? verbatim.join('\n') : undefined,
  });
}

/**
 * One licence however many statements name it: its name and URL as stated where they are, SPDX's
 * otherwise. A statement without spaces (`cc-zero`, `CC-BY-4.0`) is an id, not a name.
 */
function licenceRights(licence: Licence, stated: Statement[]): Rights {
  const url = stated.find((statement) => HTTP_URL.test(statement.text));
  const name = stated.find((statement) => /\s/.test(statement.text) && !HTTP_URL.test(statement.text) && statement.text.length <= MAX_RIGHTS_TEXT);
  return compact({
    rights: name?.text ?? licence.name,
    rightsUri: url?.text ?? licence.url,
    rightsIdentifier: licence.spdxId,
    rightsIdentifierScheme: 'SPDX',
    schemeUri: SPDX_SCHEME_URI,
    lang: name?.lang,
  });
}
