import { Type, type Static } from '@sinclair/typebox';

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** How long an approval lasts when neither the decision nor the record says. */
export const ACCESS_DEFAULT_DAYS = 365;
export const ACCESS_MAX_DAYS = 3_650;

/** Blank text is refused by the validator too, naming the field. */
const Answer = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** The controlled data access application form (CNGBdb 2.1): research purpose, the user's name and institution. */
export const AccessRequestInputSchema = Type.Object(
  {
    purpose: Answer(10_000, 'research purpose summary'),
    name: Answer(500, "data user's full name"),
    institution: Answer(1_000, "data user's institution"),
  },
  { additionalProperties: false, $id: 'AccessRequestInput' },
);
export type AccessRequestInput = Static<typeof AccessRequestInputSchema>;

/** The owner's or a curator's answer to a pending request. */
export const AccessDecisionInputSchema = Type.Object(
  {
    decision: Type.Unsafe<'approved' | 'rejected'>({ type: 'string', enum: ['approved', 'rejected'], description: 'decision' }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, description: 'decision note, shown to the requester (the reason, or the conditions of use)' })),
    accessDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: ACCESS_MAX_DAYS, description: `number of days an approval lasts (default: the record's access.accessPeriodDays, else ${ACCESS_DEFAULT_DAYS})` }),
    ),
  },
  { additionalProperties: false, $id: 'AccessDecisionInput' },
);
export type AccessDecisionInput = Static<typeof AccessDecisionInputSchema>;
