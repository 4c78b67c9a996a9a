/**
 * Admission control for an expensive route: a request is refused at once with 503 and Retry-After (as
 * arXiv's OAI-PMH interface does) when `limit` are already in progress, or when requests are queueing —
 * the event loop has been answering a backlog of them for longer than `maxStallMs` without coming up for
 * air. Refusing costs next to nothing, so the backlog clears and other routes stay responsive. A lone
 * client, however fast it asks, never queues behind itself, and a process that was merely paused (by the
 * system, or a long collection) has no backlog: neither is refused.
 */
import type { Context, Next } from 'koa';
import { performance } from 'node:perf_hooks';

export interface AdmissionOptions {
  limit: number;
  /** How long the event loop may work through a backlog of ready requests before refusing the rest. */
  maxStallMs: number;
  retryAfterSeconds: number;
  /** What a refused client is told. */
  message: string;
  onRefused?: () => void;
}

let lastTick: number | undefined;

/**
 * When the event loop last reached its timers. Node answers every request whose bytes are ready in one
 * pass before it gets back to them, so the time since is how long the current backlog has taken. One
 * timer per process serves every server in it.
 */
function lastTimerTick(): number {
  if (lastTick === undefined) {
    lastTick = performance.now();
    setInterval(() => (lastTick = performance.now()), 10).unref();
  }
  return lastTick;
}

export function admission(options: AdmissionOptions) {
  let inProgress = 0;
  let lastAdmitted = -Infinity;
  /** A backlog of these requests: the loop has been at it too long, and has admitted one already in this pass. */
  const backlogged = () => {
    const tick = lastTimerTick();
    return performance.now() - tick > options.maxStallMs && lastAdmitted > tick;
  };
  return async (ctx: Context, next: Next) => {
    if (inProgress >= options.limit || backlogged()) {
      options.onRefused?.();
      ctx.status = 503;
      ctx.set('Retry-After', String(options.retryAfterSeconds));
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${options.message}; retry after ${options.retryAfterSeconds} seconds\n`;
      return;
    }
    inProgress++;
    lastAdmitted = performance.now();
    try {
      await next();
    } finally {
      inProgress--;
    }
  };
}
