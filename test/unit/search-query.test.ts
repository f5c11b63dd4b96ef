import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { highlightHtml, toSegments } from '../../src/search/highlight.ts';
import { parseQuery, toFts5Match, toTsQuery, withStems } from '../../src/search/query.ts';
import { editDistance } from '../../src/search/vocabulary.ts';

describe('search query parsing', () => {
  it('reads words, quoted phrases, exclusions and an unfinished last word as a prefix', () => {
    const q = parseQuery('"crude oil" -japan Pyong');
    assert.equal(toFts5Match(q), '("crude oil" AND "pyong"*) NOT ("japan")');
    assert.equal(toTsQuery(q), "('crude' <-> 'oil') & !'japan' & 'pyong':*");
    assert.equal(toFts5Match(parseQuery('Pyong ')), '"pyong"', 'a finished word is not a prefix');
    assert.equal(toFts5Match(parseQuery('ban*')), '"ban"*', 'an explicit star is a prefix');
  });

  it('stems Ukrainian words here and matches each stem as a prefix; leaves English to the database', () => {
    const q = withStems(parseQuery('візитом Путіну -врожаєм "візиту Путіна" до'), 'uk');
    assert.equal(toFts5Match(q), '("візит"* AND "путін"* AND "візит"* + "путін"* AND "до") NOT ("врожа"*)');
    assert.equal(toTsQuery(q), "'візит':* & 'путін':* & !'врожа':* & ('візит':* <-> 'путін':*) & 'до'");
    const english = parseQuery('visits Putin');
    assert.equal(withStems(english, 'en'), english);
    assert.equal(toFts5Match(withStems(english, 'en')), '"visits" AND "putin"*');
  });

  it('turns operators, SQL and markup into plain words and ignores what is not a word', () => {
    assert.equal(toFts5Match(parseQuery('oil OR gas AND NOT NEAR(x)')), '"oil" AND "gas" AND "near" AND "x"');
    assert.equal(toFts5Match(parseQuery("'; DROP TABLE articles; --")), '"drop" AND "table" AND "articles"');
    assert.equal(toFts5Match(parseQuery('<script>alert(1)</script> ')), '"script" AND "alert" AND "1"');
    assert.equal(toFts5Match(parseQuery('😀 🇺🇦 !!!')), '');
    assert.equal(toFts5Match(parseQuery('"unbalanced quote')), '"unbalanced" AND "quote"*');
    assert.equal(toFts5Match(parseQuery('-only -excluded')), '');
  });

  it('answers an overlong query with a 400 that says the limit', () => {
    assert.throws(
      () => parseQuery('a'.repeat(10_240)),
      (error: Error & { status?: number }) =>
        error.status === 400 && /at most 300 characters/.test(error.message),
    );
  });

  it('never lets anything but quoted words and its own operators reach either database', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (input) => {
        const q = parseQuery(input);
        const fts = toFts5Match(q);
        // Between quotes: letters, digits, marks and spaces only.
        for (const quoted of fts.match(/"[^"]*"/g) ?? []) assert.match(quoted, /^"[\p{L}\p{M}\p{N} ]+"$/u);
        assert.match(fts.replace(/"[^"]*"/g, ''), /^[()* ]*(NOT|OR|AND|[()* ])*$/);
        const ts = toTsQuery(q);
        for (const quoted of ts.match(/'[^']*'/g) ?? []) assert.match(quoted, /^'[\p{L}\p{M}\p{N}]+'$/u);
        assert.match(ts.replace(/'[^']*'/g, ''), /^[()&!<\->:* ]*$/);
        // Stemmed here (Ukrainian): stems are still quoted words; `+` chains a phrase of prefixes.
        const stemmed = withStems(q, 'uk');
        const ftsUk = toFts5Match(stemmed);
        for (const quoted of ftsUk.match(/"[^"]*"/g) ?? []) assert.match(quoted, /^"[\p{L}\p{M}\p{N} ]+"$/u);
        assert.match(ftsUk.replace(/"[^"]*"/g, ''), /^[()*+ ]*(NOT|OR|AND|[()*+ ])*$/);
        const tsUk = toTsQuery(stemmed);
        for (const quoted of tsUk.match(/'[^']*'/g) ?? []) assert.match(quoted, /^'[\p{L}\p{M}\p{N}]+'$/u);
        assert.match(tsUk.replace(/'[^']*'/g, ''), /^[()&!<\->:* ]*$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('typo distance and highlights', () => {
  it('counts edits, with a swap of neighbours as one', () => {
    assert.equal(editDistance('pyongyng', 'pyongyang'), 1);
    assert.equal(editDistance('teh', 'the'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abcdefgh', 2), 3, 'stops early past the limit');
  });

  it('turns marked text into segments and escaped HTML with marks only', () => {
    const segments = toSegments('a <b>\uE000x & y\uE001 "z"');
    assert.deepEqual(segments, [
      { text: 'a <b>', match: false },
      { text: 'x & y', match: true },
      { text: ' "z"', match: false },
    ]);
    assert.equal(highlightHtml(segments), 'a &lt;b&gt;<mark>x &amp; y</mark> &quot;z&quot;');
  });
});
