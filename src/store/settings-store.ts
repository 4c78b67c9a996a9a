import type { Knex } from 'knex';

export async function readSetting(db: Knex, name: string): Promise<string | undefined> {
  const row = await db('settings').where({ name }).first('value');
  return row?.value;
}

/** Stores the value unless one is already there; returns whichever value won, so concurrent first starts agree. */
export async function putSettingOnce(db: Knex, name: string, value: string): Promise<string> {
  await db('settings').insert({ name, value }).onConflict('name').ignore();
  return (await readSetting(db, name)) as string;
}

export async function writeSetting(db: Knex, name: string, value: string): Promise<void> {
  await db('settings').insert({ name, value }).onConflict('name').merge();
}
