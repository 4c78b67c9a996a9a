/**
 * The access level of an imported record, from the access rights its source states (COAR, info:eu-repo).
 * Harvested metadata was public at its source and stays visible here; only the files close:
 *
 * - open access: public;
 * - embargoed access: public until the embargo's end, when the source gives it; without an end there is no
 *   day on which the files could open by themselves, so controlled;
 * - restricted access: controlled. The source limits the data to people it chooses; registered would open
 *   it to any signed-in account;
 * - closed (metadata only) access: controlled, so that the metadata stays visible and the files can only
 *   be reached through an approved request. Private would hide a record its source shows to everyone.
 *
 * When a source states several, the most restrictive holds. An embargo end stated without any access right
 * is read as embargoed access. Nothing stated, nothing set: the importer's default applies.
 */
import { accessRightFromText, EMBARGOED_ACCESS, OPEN_ACCESS, type AccessRight } from '../../formats/access-rights.js';
import type { AccessLevel, RecordInput } from '../../model/schema.js';

type Access = NonNullable<RecordInput['access']>;
type Rights = NonNullable<RecordInput['rightsList']>[number];
type DateEntry = NonNullable<RecordInput['dates']>[number];

const RESTRICTION: AccessLevel[] = ['public', 'registered', 'controlled', 'private'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Restricted, metadata-only and open-ended embargoed access are all controlled. */
function levelOf(right: AccessRight, embargoEnd: string | undefined): AccessLevel {
  if (right === OPEN_ACCESS) return 'public';
  if (right === EMBARGOED_ACCESS && embargoEnd) return 'public';
  return 'controlled';
}

/** The access block for the access rights a source states and the embargo end (YYYY-MM-DD) it gives, if any. */
export function importedAccess(rights: AccessRight[], embargoEnd?: string): Access | undefined {
  const end = embargoEnd && ISO_DAY.test(embargoEnd) ? embargoEnd : undefined;
  const stated = rights.length > 0 ? rights : end ? [EMBARGOED_ACCESS] : [];
  if (stated.length === 0) return undefined;
  const level = stated.map((right) => levelOf(right, end)).reduce((a, b) => (RESTRICTION.indexOf(b) > RESTRICTION.indexOf(a) ? b : a));
  return level === 'public' && end ? { level, embargoEnd: end } : { level };
}

/**
 * The access block of a DataCite record: from its access rights, by URI or by text; an embargo ends on its
 * Available date, as the OpenAIRE Guidelines for Data Archives date it.
 */
export function accessFromRightsList(rightsList: Rights[], dates: DateEntry[]): Access | undefined {
  const rights = rightsList.flatMap((entry) => accessRightFromText(entry.rightsUri) ?? accessRightFromText(entry.rights) ?? []);
  const available = rights.includes(EMBARGOED_ACCESS) ? dates.find((date) => date.dateType === 'Available')?.date : undefined;
  return rights.length > 0 ? importedAccess(rights, available) : undefined;
}
