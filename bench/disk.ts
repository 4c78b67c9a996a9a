/**
 * What the disk under the database gives random readers: 8 kB reads at random places in the file, one at
 * a time and eight at once, as SQLite reads pages for lookups. A lookup benchmark over more records than
 * memory holds measures this as much as the server; on shared virtual disks it varies from minute to minute.
 */
import { open } from 'node:fs/promises';

const PAGE = 8192;

async function randomReadsPerSecond(path: string, concurrency: number, seconds: number): Promise<number> {
  const file = await open(path, 'r');
  try {
    const pages = Math.floor((await file.stat()).size / PAGE);
    let reads = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    const reader = async () => {
      const buffer = Buffer.alloc(PAGE);
      while (performance.now() < until) {
        await file.read(buffer, 0, PAGE, Math.floor(Math.random() * pages) * PAGE);
        reads++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, reader));
    return Math.round(reads / ((performance.now() - started) / 1000));
  } finally {
    await file.close();
  }
}

export async function diskProbe(path: string): Promise<{ oneAtATime: number; eightAtOnce: number }> {
  return { oneAtATime: await randomReadsPerSecond(path, 1, 3), eightAtOnce: await randomReadsPerSecond(path, 8, 3) };
}
