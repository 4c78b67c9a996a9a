/**
 * Curated collections: created by curators, disseminated as OAI sets `collection:SPEC`. Changing a
 * collection's members changes their public view, so their datestamps move.
 */
import { DomainError, notFound } from '../model/errors.js';
import { validateCollectionInput } from '../model/validate.js';
import { isStaff, type Principal } from '../policy/principal.js';
import { addMember, deleteCollection, findCollection, insertCollection, listCollections, memberRecordIds, removeMember, type CollectionRow } from '../store/collection-store.js';
import { findRecordBy } from '../store/record-store.js';
import type { ServiceContext } from './context.js';
import { touchDatestamps } from './public-view.js';

export interface Collection {
  spec: string;
  setSpec: string;
  name: string;
  description?: string;
  created: string;
}

function present(row: CollectionRow): Collection {
  return { spec: row.spec, setSpec: `collection:${row.spec}`, name: row.name, ...(row.description ? { description: row.description } : {}), created: row.created_at };
}

function requireStaff(principal: Principal): void {
  if (principal.kind === 'anonymous') throw new DomainError('unauthenticated', 'this request needs a bearer token');
  if (!isStaff(principal)) throw new DomainError('forbidden', 'only curators may change collections');
}

export async function createCollection(context: ServiceContext, principal: Principal, body: unknown): Promise<Collection> {
  requireStaff(principal);
  const input = validateCollectionInput(body);
  return context.db.transaction(async (trx) => {
    if (await findCollection(trx, input.spec)) throw new DomainError('conflict', `collection ${input.spec} already exists`, '/spec');
    const row = { spec: input.spec, name: input.name, description: input.description ?? null, created_at: context.now().toISOString() };
    await insertCollection(trx, row);
    return present({ id: 0, ...row });
  });
}

export async function allCollections(context: ServiceContext): Promise<Collection[]> {
  return (await listCollections(context.db)).map(present);
}

async function existing(context: ServiceContext, spec: string, db = context.db): Promise<CollectionRow> {
  const collection = await findCollection(db, spec);
  if (!collection) throw notFound(`collection ${spec}`);
  return collection;
}

export async function getCollection(context: ServiceContext, spec: string): Promise<Collection> {
  return present(await existing(context, spec));
}

async function changeMembership(context: ServiceContext, principal: Principal, spec: string, accession: string, change: typeof addMember): Promise<void> {
  requireStaff(principal);
  const now = context.now();
  await context.db.transaction(async (trx) => {
    const collection = await existing(context, spec, trx);
    const stored = await findRecordBy(trx, 'accession', accession);
    if (!stored) throw notFound(`record ${accession}`);
    if (stored.record.status === 'withdrawn') throw new DomainError('gone', `record ${accession} is withdrawn; its sets no longer change`);
    if (await change(trx, collection.id, stored.id)) await touchDatestamps(trx, [stored.id], now);
  });
}

export function addToCollection(context: ServiceContext, principal: Principal, spec: string, accession: string): Promise<void> {
  return changeMembership(context, principal, spec, accession, addMember);
}

export function removeFromCollection(context: ServiceContext, principal: Principal, spec: string, accession: string): Promise<void> {
  return changeMembership(context, principal, spec, accession, removeMember);
}

export async function removeCollection(context: ServiceContext, principal: Principal, spec: string): Promise<void> {
  requireStaff(principal);
  await context.db.transaction(async (trx) => {
    const collection = await existing(context, spec, trx);
    const members = await memberRecordIds(trx, collection.id);
    await deleteCollection(trx, collection.id);
    await touchDatestamps(trx, members, context.now());
  });
}
