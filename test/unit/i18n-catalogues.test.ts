import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkCatalogue } from '../../src/i18n/catalogue-check.ts';
import { createTranslators, loadCatalogues } from '../../src/i18n/i18n.ts';

const catalogues = loadCatalogues();
const english = catalogues.get('en')!;
/** The languages the product ships complete; others (Arabic) may cover part and fall back. */
const COMPLETE = ['en', 'uk'];

function report(problems: ReturnType<typeof checkCatalogue>): string {
  return problems.map((p) => `${p.lang} ${p.key}: ${p.kind} — ${p.detail}`).join('\n');
}

describe('message catalogues', () => {
  it('Ukrainian has every English message, with the same arguments, and no stale ones', () => {
    const problems = checkCatalogue('uk', catalogues.get('uk')!, english, 'en');
    assert.equal(report(problems), '');
    assert.deepEqual(Object.keys(catalogues.get('uk')!).sort(), Object.keys(english).sort());
  });

  it('every plural has exactly its language’s categories (Ukrainian: one, few, many, other)', () => {
    assert.deepEqual([...new Intl.PluralRules('uk').resolvedOptions().pluralCategories].sort(), [
      'few',
      'many',
      'one',
      'other',
    ]);
    for (const [lang, catalogue] of catalogues) {
      const problems = checkCatalogue(lang, catalogue, english, 'en').filter(
        (p) => p.kind === 'plural' || p.kind === 'syntax' || p.kind === 'arguments',
      );
      assert.equal(report(problems), '', lang);
    }
    // The check itself notices a Ukrainian plural written with English categories.
    const bad = checkCatalogue(
      'uk',
      { 'section.storyCount': '{count, plural, one {# матеріал} other {# матеріалів}}' },
      { 'section.storyCount': english['section.storyCount']! },
      'en',
    );
    assert.equal(bad[0]?.kind, 'plural');
    assert.match(bad[0]!.detail, /needs few, many/);
  });

  it('Ukrainian plurals pick the right form for 1, 2, 5, 11, 21, 22 and 25', () => {
    const uk = createTranslators({ languages: ['uk'], defaultLanguage: 'en', timeZone: 'UTC' }).get('uk')!;
    const forms = [1, 2, 5, 11, 21, 22, 25].map((count) => uk.t('section.storyCount', { count }));
    assert.deepEqual(forms, [
      '1 матеріал',
      '2 матеріали',
      '5 матеріалів',
      '11 матеріалів',
      '21 матеріал',
      '22 матеріали',
      '25 матеріалів',
    ]);
    assert.equal(uk.t('section.storyCount', { count: 2400 }), `${(2400).toLocaleString('uk')} матеріалів`);
  });

  it('shipped partial catalogues (Arabic) cover at least the site chrome and are otherwise sound', () => {
    for (const [lang, catalogue] of catalogues) {
      if (COMPLETE.includes(lang)) continue;
      const problems = checkCatalogue(lang, catalogue, english, 'en');
      assert.equal(report(problems.filter((p) => p.kind !== 'missing')), '', lang);
      const chrome = Object.keys(english).filter((k) => /^(site|pagination|card|article|error)\./.test(k));
      const lacking = chrome.filter((k) => !(k in catalogue));
      assert.deepEqual(lacking, [], `${lang} lacks chrome messages`);
    }
  });

  it('every message key the code names outside t() exists in English (say(), { key: … })', () => {
    const keys = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const source = fs.readFileSync(full, 'utf8');
          for (const m of source.matchAll(/\.say\(\s*'([\w.]+)'/g)) keys.add(m[1]!);
          for (const m of source.matchAll(/\bkey: '([a-z]+\.[\w.]+)'/g)) keys.add(m[1]!);
          for (const m of source.matchAll(/: '([a-z]+\.[\w.]+)',?\s*$/gm))
            if (/^(error|search|feeds|site|admin|i18n)\./.test(m[1]!)) keys.add(m[1]!);
        }
      }
    };
    walk(path.resolve(import.meta.dirname, '../../src'));
    assert.ok(keys.size > 10, `found only ${keys.size} keys`);
    assert.deepEqual(
      [...keys].filter((k) => !(k in english)),
      [],
    );
  });

  it('a message missing from a language falls back to the default language and is reported, never shown as its key', () => {
    const missing: string[] = [];
    const translators = createTranslators({
      languages: ['en', 'uk'],
      defaultLanguage: 'en',
      timeZone: 'UTC',
      catalogues: new Map<string, Record<string, string>>([
        ['en', { 'a.b': '{count, plural, one {# story} other {# stories}}' }],
        ['uk', {}],
      ]),
      onMissing: (lang, key, fellBack) => missing.push(`${lang}:${key}:${fellBack}`),
    });
    const uk = translators.get('uk')!;
    assert.equal(uk.t('a.b' as never, { count: 3 }), '3 stories');
    assert.equal(uk.has('a.b'), false);
    assert.deepEqual(missing, ['uk:a.b:true']);
  });

  it('dates and numbers follow the language', () => {
    const translators = createTranslators({
      languages: ['en', 'uk'],
      defaultLanguage: 'en',
      timeZone: 'Europe/Kyiv',
    });
    assert.equal(translators.get('en')!.formatDate('2024-06-20T09:30:00.000Z'), 'June 20, 2024');
    assert.match(translators.get('uk')!.formatDate('2024-06-20T09:30:00.000Z'), /^20 червня 2024/);
    assert.equal(translators.get('uk')!.formatNumber(2400), (2400).toLocaleString('uk'));
    assert.equal(translators.get('en')!.formatNumber(2400), '2,400');
  });
});
