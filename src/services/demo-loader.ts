/**
 * Loads the bundled demo set (demo/records/*.json, demo/withdrawals.json) through the ordinary use cases,
 * so the demo holds exactly what a real deposit would produce.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../model/package-root.js';
import type { FairRecord } from '../model/schema.js';
import { authenticate, createToken } from './auth-service.js';
import type { ServiceContext } from './context.js';
import { createRecord, withdrawRecord } from './record-service.js';

export interface DemoLoad {
  records: FairRecord[];
  curatorToken: string;
  submitterToken: string;
}

interface Withdrawal {
  record: string;
  reason: string;
}

export async function loadDemo(context: ServiceContext, directory = packagePath('demo')): Promise<DemoLoad> {
  const curatorToken = (await createToken(context, 'curator', 'demo-curator')).token;
  const submitterToken = (await createToken(context, 'submitter', 'demo-submitter')).token;
  const curator = await authenticate(context, `Bearer ${curatorToken}`);
  const submitter = await authenticate(context, `Bearer ${submitterToken}`);

  const recordDir = join(directory, 'records');
  const withdrawals: Withdrawal[] = JSON.parse(readFileSync(join(directory, 'withdrawals.json'), 'utf8'));
  const loaded = new Map<string, FairRecord>();
  for (const file of readdirSync(recordDir).filter((f) => f.endsWith('.json')).sort()) {
    const body = JSON.parse(readFileSync(join(recordDir, file), 'utf8'));
    // Unreleased deposits belong to the submitter, as they would in a real repository.
    const depositor = body.status === 'draft' || body.access?.level === 'private' ? submitter : curator;
    try {
      loaded.set(file, await createRecord(context, depositor, body));
    } catch (error) {
      throw new Error(`demo record ${file}: ${(error as Error).message}`);
    }
  }
  for (const { record: file, reason } of withdrawals) {
    const record = loaded.get(file);
    if (!record) throw new Error(`demo/withdrawals.json names ${file}, which is not in demo/records`);
    loaded.set(file, await withdrawRecord(context, curator, record.accession, { reason }));
  }
  return { records: [...loaded.values()], curatorToken, submitterToken };
}
