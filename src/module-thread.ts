/** Worker threads that run a module of fairharbor's, from the compiled JavaScript or from the sources. */
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The module `name` in the folder of the module at `url`: compiled JavaScript, or TypeScript when run from the sources. */
export function moduleBeside(url: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(url))}`, url);
}

/**
 * Starts a thread running `module`. Run from the sources (tests, benchmarks), the module is TypeScript,
 * and Node 20 does not give a thread the loader that compiles it: the thread registers tsx's ESM API (the
 * `import` entry of its exports) first.
 */
export function startModuleThread(module: URL, options: WorkerOptions = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options);
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const exported = (require(tsxPackage) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = pathToFileURL(join(dirname(tsxPackage), exported)).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
