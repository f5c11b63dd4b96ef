import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { type Clock, fixedClock, systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A promise a test opens when it chooses: how a handler is kept running, or seen to have started. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function eventually(check: () => Promise<boolean>, what: string, withinMs = 5000) {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${withinMs} ms: ${what}`);
    await sleep(20);
  }
}

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

  describe('long work, with a short lock', () => {
    // Renewed every 100 ms while work runs; work of 1.5 s outlasts it five times over.
    const lockMs = 300;
    const shortLocked = (options: { clock?: Clock; db?: TestApp['database']['db']; log?: string[] } = {}) =>
      createJobRunner({
        db: options.db ?? app.database.db,
        clock: options.clock ?? systemClock,
        logger: options.log
          ? createLogger('warn', { write: (line) => void options.log!.push(line) })
          : logger,
        lockMs,
      });
    const jobRow = (id: number) =>
      app.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('renews a long job’s lock, so another instance polling all along never runs it too', async () => {
      const [a, b] = [shortLocked(), shortLocked()];
      const ran: string[] = [];
      const started = gate();
      a.handle('long', async () => {
        ran.push('a');
        started.open();
        await sleep(1500);
      });
      b.handle('long', async () => void ran.push('b'));
      const id = (await a.enqueue('long', {}))!;
      let aDone = false;
      const ranA = a.runDueNow().finally(() => (aDone = true));
      await started.opened;
      let ranB = 0;
      while (!aDone) {
        ranB += await b.runDueNow();
        await sleep(50);
      }
      assert.equal(await ranA, 1);
      assert.equal(ranB, 0, 'b never claimed it');
      assert.deepEqual(ran, ['a'], 'the handler ran exactly once');
      const row = await jobRow(id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 1);
    });

    it('takes over the job of an instance whose renewals stopped, once its lock runs out', async () => {
      // A runs on a connection of its own; closing it stops A's renewals from reaching the database,
      // as when its process dies or loses the network, while its handler still hangs.
      const elsewhere = await app.reopen();
      const a = shortLocked({ db: elsewhere.database.db });
      const b = shortLocked();
      const started = gate();
      const hang = gate();
      a.handle('orphaned', async () => {
        started.open();
        await hang.opened;
      });
      let ranOnB = 0;
      b.handle('orphaned', async () => void ranOnB++);
      const id = (await b.enqueue('orphaned', {}))!;
      const ranA = a.runDueNow();
      await started.opened;
      const claimedUntil = (await jobRow(id)).locked_until!;
      await sleep(lockMs);
      assert.ok((await jobRow(id)).locked_until! > claimedUntil, 'a renews its lock while it can');
      assert.equal(await b.runDueNow(), 0, 'b leaves a live lock alone');

      await elsewhere.close();
      await eventually(async () => (await b.runDueNow()) === 1, 'b takes the job over');
      assert.equal(ranOnB, 1);
      const row = await jobRow(id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 2);
      hang.open();
      await assert.rejects(ranA, 'a cannot record anything without its database');
    });

    for (const late of ['completes', 'fails'] as const) {
      it(`fences off a late result: an instance that lost its job and then ${late} leaves the new holder’s row alone`, async () => {
        // B's clock is an hour ahead of A's, so B sees A's renewed lock as long expired — as if A had
        // stalled for an hour — and takes the job over while A is still working on it.
        const log: string[] = [];
        const a = shortLocked({ clock: fixedClock('2026-03-01T08:00:00.000Z'), log });
        const b = shortLocked({ clock: fixedClock('2026-03-01T09:00:00.000Z') });
        const kind = `fenced-${late}`;
        const [aStarted, aGoesOn, bStarted, bGoesOn] = [gate(), gate(), gate(), gate()];
        a.handle(kind, async () => {
          aStarted.open();
          await aGoesOn.opened;
          if (late === 'fails') throw new Error('a gave up late');
        });
        b.handle(kind, async () => {
          bStarted.open();
          await bGoesOn.opened;
        });
        const id = (await a.enqueue(kind, {}))!;
        const ranA = a.runDueNow();
        await aStarted.opened;
        const ranB = b.runDueNow();
        await bStarted.opened;
        const taken = await jobRow(id);
        assert.equal(taken.locked_by, b.instanceId);

        await eventually(
          async () => log.some((line) => line.includes('lost its lock')),
          'a’s next renewal finds the lock gone, and says so',
        );
        aGoesOn.open();
        await ranA;
        assert.deepEqual(await jobRow(id), taken, 'a’s result did not touch b’s row');
        assert.ok(log.some((line) => line.includes('taken over by another instance')));

        bGoesOn.open();
        await ranB;
        const row = await jobRow(id);
        assert.equal(row.status, 'done');
        assert.equal(row.locked_by, null);
        assert.equal(row.last_error, null);
      });
    }

    it('renews a long periodic task’s lease, so another instance does not start it meanwhile', async () => {
      const clock = fixedClock('2026-03-01T08:00:00.000Z');
      const [a, b] = [shortLocked({ clock }), shortLocked({ clock })];
      const ran: string[] = [];
      const [started, goesOn] = [gate(), gate()];
      a.every('long-sweep', 60_000, async () => {
        ran.push('a');
        started.open();
        await goesOn.opened;
      });
      b.every('long-sweep', 60_000, async () => void ran.push('b'));
      const ranA = a.runDueNow();
      await started.opened;
      // The task has now run for ten minutes: far past the two-minute lease it took.
      clock.advance(10 * 60_000);
      await eventually(async () => {
        const lease = await app.database.db
          .selectFrom('leases')
          .selectAll()
          .where('name', '=', 'periodic:long-sweep')
          .executeTakeFirstOrThrow();
        return lease.holder === a.instanceId && lease.expires_at > clock.now().toISOString();
      }, 'a renews its lease while the task runs');
      assert.equal(await b.runDueNow(), 0);
      goesOn.open();
      assert.equal(await ranA, 1);
      assert.deepEqual(ran, ['a'], 'the task ran on one instance only');
    });
  });
});
