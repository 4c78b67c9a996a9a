/**
 * `fairharbor render`: renders now every record waiting for its stored renderings (after a large import,
 * an upgrade or a change of BASE_URL), with progress on a terminal. A running server does the same in
 * the background; this is for doing it at once, before traffic arrives.
 */
import { SingleBar, Presets } from 'cli-progress';
import { storedRenderings } from '../http/stored-renderings.js';
import type { ServiceContext } from '../services/context.js';
import { adoptRenderings, renderAllWaiting, requestRenderingOfEveryRecord } from '../services/rendering-service.js';

export async function runRender(context: ServiceContext, options: { all?: boolean }): Promise<number> {
  const renderings = storedRenderings(context.config);
  await adoptRenderings(context, renderings);
  if (options.all) await requestRenderingOfEveryRecord(context);
  const bar = process.stderr.isTTY ? new SingleBar({ format: '{bar} {value}/{total} records rendered', stream: process.stderr }, Presets.shades_classic) : undefined;
  try {
    return await renderAllWaiting(context, renderings, {
      // Each batch is saved format by format, so one format's renderings lie in runs of a batch. Runs of
      // 10,000 records (20–30 MB) are longer than a disk's read-ahead (often 8 MB on virtual disks), so a
      // harvest of one format reads little of the others. A batch holds about 100 MB of renderings.
      batch: 10_000,
      onProgress: ({ rendered, waiting }) => {
        if (bar && !bar.isActive) bar.start(waiting, 0);
        bar?.update(rendered);
      },
    });
  } finally {
    bar?.stop();
  }
}
