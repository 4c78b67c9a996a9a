/** Adding elements whose text and attribute values are written exactly as stored (see xmlText). */
import { xmlText, type XMLBuilder } from './xml.js';

/** Attribute values; undefined ones are left out, so optional fields can be passed as they are. */
export type Attributes = Record<string, string | undefined>;

/** Appends `<name …attributes>text</name>` to `parent` (in the parent's namespace) and returns it. */
export function appendElement(parent: XMLBuilder, name: string, attributes: Attributes = {}, text?: string): XMLBuilder {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) present[key] = xmlText(value);
  }
  const element = parent.ele(name, present);
  if (text !== undefined) element.txt(xmlText(text));
  return element;
}
