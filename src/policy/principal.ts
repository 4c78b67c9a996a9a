export const ROLES = ['admin', 'curator', 'submitter'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: nobody in particular, or an account holding a role. */
export type Principal = { kind: 'anonymous' } | { kind: 'account'; accountId: number; name: string; role: Role };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function isStaff(principal: Principal): boolean {
  return principal.kind === 'account' && (principal.role === 'admin' || principal.role === 'curator');
}
