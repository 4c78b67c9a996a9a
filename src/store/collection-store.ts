import type { Knex } from 'knex';

export interface CollectionRow {
  id: number;
  spec: string;
  name: string;
  description: string | null;
  created_at: string;
}

const normalize = (row: CollectionRow): CollectionRow => ({ ...row, id: Number(row.id) });

export async function insertCollection(db: Knex, collection: Omit<CollectionRow, 'id'>): Promise<void> {
  await db('collections').insert(collection);
}

export async function findCollection(db: Knex, spec: string): Promise<CollectionRow | undefined> {
  const row = await db<CollectionRow>('collections').where({ spec }).first();
  return row ? normalize(row as CollectionRow) : undefined;
}

export async function listCollections(db: Knex): Promise<CollectionRow[]> {
  return ((await db<CollectionRow>('collections').orderBy('spec')) as CollectionRow[]).map(normalize);
}

export async function deleteCollection(db: Knex, id: number): Promise<void> {
  await db('collection_records').where({ collection_id: id }).delete();
  await db('collections').where({ id }).delete();
}

/** Adds a record; returns false if it was already a member. */
export async function addMember(db: Knex, collectionId: number, recordId: number): Promise<boolean> {
  const inserted = await db('collection_records').insert({ collection_id: collectionId, record_id: recordId }).onConflict(['collection_id', 'record_id']).ignore().returning('record_id');
  return inserted.length > 0;
}

/** Removes a record; returns false if it was not a member. */
export async function removeMember(db: Knex, collectionId: number, recordId: number): Promise<boolean> {
  return (await db('collection_records').where({ collection_id: collectionId, record_id: recordId }).delete()) > 0;
}

export async function memberRecordIds(db: Knex, collectionId: number): Promise<number[]> {
  return (await db('collection_records').where({ collection_id: collectionId }).pluck('record_id')).map(Number);
}
