import type { Knex } from 'knex';
import type { Role } from '../policy/principal.js';

export interface AccountRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
}

export async function findAccountByName(db: Knex, name: string): Promise<AccountRow | undefined> {
  const row = await db<AccountRow>('accounts').where({ name }).first();
  return row ? { ...row, id: Number(row.id) } : undefined;
}

export async function insertAccount(db: Knex, account: Omit<AccountRow, 'id'>): Promise<number> {
  const [inserted] = await db('accounts').insert(account).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

export async function insertToken(db: Knex, accountId: number, tokenHash: string, createdAt: string): Promise<void> {
  await db('tokens').insert({ account_id: accountId, token_hash: tokenHash, created_at: createdAt });
}

/** The live (not revoked) account behind a token hash. */
export async function findAccountByTokenHash(db: Knex, tokenHash: string): Promise<(AccountRow & { token_id: number }) | undefined> {
  const row = await db('tokens')
    .join('accounts', 'accounts.id', 'tokens.account_id')
    .where('tokens.token_hash', tokenHash)
    .whereNull('tokens.revoked_at')
    .first('accounts.id', 'accounts.name', 'accounts.role', 'accounts.created_at', 'tokens.id as token_id');
  return row ? { ...row, id: Number(row.id), token_id: Number(row.token_id) } : undefined;
}

export async function listTokenHashes(db: Knex): Promise<string[]> {
  return (await db('tokens').pluck('token_hash')) as string[];
}
