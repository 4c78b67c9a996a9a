import { expect } from 'chai';
import type { Context } from 'koa';
import { setTimeout as sleep } from 'node:timers/promises';
import { admission } from '../../src/http/admission.js';

/** Just what the middleware touches of a koa context. */
function context(): Context & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return { status: 404, body: undefined, type: '', headers, set: (name: string, value: string) => (headers[name] = value) } as unknown as Context & { headers: Record<string, string> };
}

describe('admission control', () => {
  const options = { limit: 2, maxStallMs: 100, retryAfterSeconds: 5, message: 'busy' };

  it('refuses a request beyond the limit in progress with 503 and Retry-After, and admits again once one ends', async () => {
    let refused = 0;
    const admit = admission({ ...options, onRefused: () => refused++ });
    const releases: Array<() => void> = [];
    const held = () => new Promise<void>((resolve) => releases.push(resolve));
    const first = admit(context(), held);
    const second = admit(context(), held);
    const third = context();
    await admit(third, async () => {
      third.status = 200;
    });
    expect(third.status).to.equal(503);
    expect(third.headers['Retry-After']).to.equal('5');
    expect(String(third.body)).to.contain('busy; retry after 5 seconds');
    expect(refused).to.equal(1);
    releases.shift()!();
    await first;
    const fourth = context();
    await admit(fourth, async () => {
      fourth.status = 200;
    });
    expect(fourth.status).to.equal(200);
    releases.shift()!();
    await second;
  });

  it('refuses requests while a backlog keeps the event loop from its timers, and admits once it is through', async () => {
    const admit = admission(options);
    await sleep(20);
    // A backlog being answered without a break: one request admitted, then long work in the same pass.
    await admit(context(), async () => {});
    const busyUntil = performance.now() + 150;
    while (performance.now() < busyUntil);
    const stalled = context();
    await admit(stalled, async () => {
      stalled.status = 200;
    });
    expect(stalled.status).to.equal(503);
    await sleep(30);
    const later = context();
    await admit(later, async () => {
      later.status = 200;
    });
    expect(later.status).to.equal(200);
  });

  it('admits a request after a pause with no backlog (the process was descheduled, or collecting garbage)', async () => {
    const admit = admission(options);
    await sleep(20);
    const pausedUntil = performance.now() + 150;
    while (performance.now() < pausedUntil);
    const afterPause = context();
    await admit(afterPause, async () => {
      afterPause.status = 200;
    });
    expect(afterPause.status).to.equal(200);
  });
});
