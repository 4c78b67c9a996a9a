export const ROLES = ['admin', 'curator', 'submitter'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: nobody in particular, or an account holding a role. */
export type Principal = { kind: 'anonymous' } | { kind: 'account'; accountId: number; name: string; role: Role };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function isStaff(principal: Principal): boolean {
  return principal.kind === 'account' && (principal.role === 'admin' || principal.role === 'curator');
}

/** The command line works on the database directly, as an administrator that owns nothing. */
export const COMMAND_LINE: Principal = { kind: 'account', accountId: 0, name: 'fairharbor command line', role: 'admin' };
