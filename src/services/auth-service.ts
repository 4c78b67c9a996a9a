import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../model/errors.js';
import { ANONYMOUS, ROLES, type Principal, type Role } from '../policy/principal.js';
import { findAccountByName, findAccountByTokenHash, insertAccount, insertToken } from '../store/account-store.js';
import type { ServiceContext } from './context.js';

const TOKEN_PREFIX = 'fh_';
/** FAIRHARBOR_ADMIN_TOKEN acts as this account, which exists only in memory. */
const ENVIRONMENT_ADMIN: Principal = { kind: 'account', accountId: 0, name: 'FAIRHARBOR_ADMIN_TOKEN', role: 'admin' };

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), 'hex'), Buffer.from(hashToken(b), 'hex'));
}

export interface CreatedToken {
  token: string;
  account: string;
  role: Role;
}

/** Issues a new token for the named account (created on first use); the token is returned once and stored only as a hash. */
export async function createToken(context: ServiceContext, role: string, name?: string): Promise<CreatedToken> {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new DomainError('bad_request', `role must be one of ${ROLES.join(', ')}, got "${role}"`, 'role');
  }
  const accountName = name?.trim() || `${role}-${randomBytes(4).toString('hex')}`;
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const createdAt = context.now().toISOString();
  await context.db.transaction(async (trx) => {
    const existing = await findAccountByName(trx, accountName);
    if (existing && existing.role !== role) {
      throw new DomainError('conflict', `account "${accountName}" already exists with role ${existing.role}`, 'name');
    }
    const accountId = existing?.id ?? (await insertAccount(trx, { name: accountName, role: role as Role, created_at: createdAt }));
    await insertToken(trx, accountId, hashToken(token), createdAt);
  });
  return { token, account: accountName, role: role as Role };
}

/** The principal behind an Authorization header value; a token that is given but unknown is refused. */
export async function authenticate(context: ServiceContext, authorization: string | undefined): Promise<Principal> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer TOKEN"');
  const token = match[1];
  if (context.config.adminToken && sameSecret(token, context.config.adminToken)) return ENVIRONMENT_ADMIN;
  const account = await findAccountByTokenHash(context.db, hashToken(token));
  if (!account) throw new DomainError('unauthenticated', 'the bearer token is not valid');
  return { kind: 'account', accountId: account.id, name: account.name, role: account.role };
}
