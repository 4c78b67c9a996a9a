import { Type, type Static } from '@sinclair/typebox';
import { SOURCE_NAME_PATTERN } from './schema.js';

/** OAI-PMH's own syntax for a metadataPrefix and a setSpec (the protocol's XML schema). */
const UNRESERVED = "[A-Za-z0-9\\-_.!~*'()]+";
export const METADATA_PREFIX_PATTERN = `^${UNRESERVED}$`;
export const SET_SPEC_PATTERN = `^${UNRESERVED}(:${UNRESERVED})*$`;
/** A day, or a date and time, as `from`/`until` of a harvest. */
export const HARVEST_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z)?$';

/** A curator adds an OAI-PMH source to harvest. */
export const HarvestSourceInputSchema = Type.Object(
  {
    baseUrl: Type.String({ pattern: '^https?://[^\\s?#]+$', maxLength: 2_000, description: 'the base URL of an OAI-PMH data provider' }),
    name: Type.Optional(
      Type.String({ pattern: SOURCE_NAME_PATTERN, description: 'a short lower-case name (letters, digits, . _ -) forming the OAI set source:NAME; made from the host when absent' }),
    ),
    metadataPrefix: Type.Optional(
      Type.String({ pattern: METADATA_PREFIX_PATTERN, maxLength: 200, description: 'the metadata format to harvest (default: oai_datacite when offered, else oai_dc)' }),
    ),
    set: Type.Optional(Type.String({ pattern: SET_SPEC_PATTERN, maxLength: 2_000, description: 'harvest only this set of the source' })),
  },
  { additionalProperties: false, $id: 'HarvestSourceInput' },
);
export type HarvestSourceInput = Static<typeof HarvestSourceInputSchema>;

/** Bounds of one run; without them a run is incremental (or resumes a run that was stopped). */
export const HarvestRunInputSchema = Type.Object(
  {
    from: Type.Optional(Type.String({ pattern: HARVEST_DATE_PATTERN, description: 'a day (YYYY-MM-DD) or a UTC date and time (YYYY-MM-DDThh:mm:ssZ)' })),
    until: Type.Optional(Type.String({ pattern: HARVEST_DATE_PATTERN, description: 'a day (YYYY-MM-DD) or a UTC date and time (YYYY-MM-DDThh:mm:ssZ)' })),
  },
  { additionalProperties: false, $id: 'HarvestRunInput' },
);
export type HarvestRunInput = Static<typeof HarvestRunInputSchema>;
