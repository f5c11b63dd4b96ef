import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createPause, finishNow, finishPausing } from '../../src/shared/pause.ts';
import { slugify } from '../../src/shared/slug.ts';
import { truncateWords } from '../../src/shared/text.ts';

describe('slugify', () => {
  it('makes readable ASCII slugs from English and Ukrainian headlines', () => {
    assert.equal(
      slugify('A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant'),
      'a-step-of-desperation-time-analyzed-what-putins-visit-to-the-dprk-really-meant',
    );
    assert.equal(slugify('Крок відчаю: що означав візит'), 'krok-vidchaiu-shcho-oznachav-vizyt');
    assert.equal(slugify('Über Café'), 'uber-cafe');
  });

  it('cuts long slugs at a word boundary', () => {
    const slug = slugify('word '.repeat(40), 30);
    assert.ok(slug.length <= 30);
    assert.ok(!slug.endsWith('-'));
  });
});

describe('truncateWords', () => {
  it('cuts at a word and adds an ellipsis', () => {
    assert.equal(truncateWords('one two three four', 10), 'one two…');
    assert.equal(truncateWords('short', 10), 'short');
  });
});

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.database.dialect, 'sqlite');
    assert.deepEqual(config.languages, ['en', 'uk']);
    assert.equal(config.defaultLanguage, 'en');
  });

  it('names the variable that is wrong', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
    assert.throws(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' }), /TIME_ZONE/);
  });

  it('chooses PostgreSQL when DATABASE_URL names it', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database.dialect, 'postgres');
  });
});

describe('pausing long work for the event loop', () => {
  it('lets waiting callbacks run once the budget is spent, and not before', async () => {
    const ran: string[] = [];
    const pause = createPause(Number.POSITIVE_INFINITY);
    setImmediate(() => ran.push('waiting'));
    await pause();
    assert.deepEqual(ran, [], 'within the budget nothing else runs');
    const always = createPause(0);
    await always();
    assert.deepEqual(ran, ['waiting']);
  });

  it('runs stepwise work to the same end at once or with pauses', async () => {
    function* steps() {
      let sum = 0;
      for (let i = 1; i <= 3; i++) {
        sum += i;
        yield;
      }
      return sum;
    }
    let pauses = 0;
    assert.equal(finishNow(steps()), 6);
    assert.equal(await finishPausing(steps(), async () => void pauses++), 6);
    assert.equal(pauses, 3);
  });
});
