import { Type, type Static } from '@sinclair/typebox';

export const REVIEW_LINK_DEFAULT_DAYS = 90;
/** As long as the longest wait for a release (two years), so a link can last until the record is out. */
export const REVIEW_LINK_MAX_DAYS = 730;

/** What the owner of an unreleased record, or a curator, sends to create a reviewer link. */
export const ReviewLinkInputSchema = Type.Object(
  {
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: REVIEW_LINK_MAX_DAYS, description: `days the link works (default ${REVIEW_LINK_DEFAULT_DAYS})` })),
    anonymous: Type.Optional(Type.Boolean({ description: 'hide creators and contributors, for double-blind review' })),
    includeFiles: Type.Optional(Type.Boolean({ description: 'show the files and their download URLs to the reviewer' })),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000, description: 'a note for the owner, e.g. the manuscript number' })),
  },
  { additionalProperties: false, $id: 'ReviewLinkInput' },
);
export type ReviewLinkInput = Static<typeof ReviewLinkInputSchema>;
