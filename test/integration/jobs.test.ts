import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('job runner', () => {
  let app: TestApp;
  const clock = fixedClock('2026-03-01T08:00:00.000Z');
  const logger = createLogger('silent');
  before(async () => {
    app = await createTestApp({ clock });
  });
  after(() => app.close());
  const runner = () => createJobRunner({ db: app.database.db, clock, logger });

  it('runs each job exactly once even when two instances poll at the same moment', async () => {
    const seen = new Map<number, number>();
    const [a, b] = [runner(), runner()];
    for (const r of [a, b])
      r.handle(
        'count',
        async (payload) => void seen.set(payload as number, (seen.get(payload as number) ?? 0) + 1),
      );
    for (let i = 0; i < 40; i++) await a.enqueue('count', i);
    const [ranA, ranB] = await Promise.all([a.runDueNow(), b.runDueNow()]);
    assert.equal(ranA + ranB, 40);
    assert.equal(seen.size, 40);
    assert.ok([...seen.values()].every((n) => n === 1));
  });

  it('waits for a job’s time, retries a failure with growing backoff, then gives up and keeps the error', async () => {
    const r = runner();
    let calls = 0;
    r.handle('flaky', async () => {
      calls++;
      throw new Error('remote said 503');
    });
    const id = (await r.enqueue(
      'flaky',
      {},
      { runAt: new Date(clock.now().getTime() + 60_000), maxAttempts: 3 },
    ))!;
    assert.equal(await r.runDueNow(), 0, 'not due yet');
    clock.advance(60_000);
    await r.runDueNow();
    const row = () =>
      app.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal((await row()).status, 'pending');
    assert.equal((await row()).run_at, new Date(clock.now().getTime() + 30_000).toISOString());
    clock.advance(30_000);
    await r.runDueNow();
    assert.equal(
      (await row()).run_at,
      new Date(clock.now().getTime() + 60_000).toISOString(),
      'backoff doubles',
    );
    clock.advance(60_000);
    await r.runDueNow();
    const final = await row();
    assert.equal(calls, 3);
    assert.equal(final.status, 'failed');
    assert.equal(final.last_error, 'remote said 503');
  });

  it('keeps one pending job per unique key', async () => {
    const r = runner();
    assert.ok(await r.enqueue('publish', { id: 1 }, { uniqueKey: 'publish:1' }));
    assert.equal(await r.enqueue('publish', { id: 1 }, { uniqueKey: 'publish:1' }), null);
  });

  it('reclaims a job whose instance died while holding it', async () => {
    const dead = runner();
    dead.handle('slow', async () => {});
    const id = (await dead.enqueue('slow', {}))!;
    await app.database.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead-instance',
        locked_until: new Date(clock.now().getTime() - 1).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const alive = runner();
    alive.handle('slow', async () => {});
    assert.equal(await alive.runDueNow(), 1);
  });

  it('runs a periodic task on only one instance at a time', async () => {
    let runs = 0;
    const [a, b] = [runner(), runner()];
    for (const r of [a, b]) r.every('sweep', 60_000, async () => void runs++);
    await a.runDueNow();
    await b.runDueNow();
    assert.equal(runs, 1, 'b sees a’s lease');
    clock.advance(121_000);
    await b.runDueNow();
    assert.equal(runs, 2, 'after the lease expires, another instance may take over');
  });
});
