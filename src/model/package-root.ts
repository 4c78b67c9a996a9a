import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding fairharbor's package.json, whether running from src/ or from the compiled dist/. */
function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'vocab'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`fairharbor package root not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}
