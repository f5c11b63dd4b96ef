import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue } from './i18n.ts';

export interface CatalogueProblem {
  lang: string;
  key: string;
  kind: 'missing' | 'unknown' | 'syntax' | 'arguments' | 'plural';
  detail: string;
}

/** The element types of intl-messageformat's AST that matter here (see @formatjs/icu-messageformat-parser). */
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  pluralType?: 'cardinal' | 'ordinal';
  children?: Element[];
}

interface Shape {
  arguments: Set<string>;
  plurals: Array<{ name: string; type: 'cardinal' | 'ordinal'; selectors: string[] }>;
}

function shapeOf(message: string, lang: string): Shape {
  const shape: Shape = { arguments: new Set(), plurals: [] };
  const visit = (elements: Element[]) => {
    for (const element of elements) {
      if (ARGUMENT_TYPES.has(element.type) && element.value) shape.arguments.add(element.value);
      if (element.type === PLURAL && element.value)
        shape.plurals.push({
          name: element.value,
          type: element.pluralType ?? 'cardinal',
          selectors: Object.keys(element.options ?? {}),
        });
      if (element.type === PLURAL || element.type === SELECT)
        for (const option of Object.values(element.options ?? {})) visit(option.value);
      if (element.type === TAG) visit(element.children ?? []);
    }
  };
  visit(new IntlMessageFormat(message, lang).getAst() as Element[]);
  return shape;
}

/**
 * Checks one language's catalogue against the reference (the default language's, complete by
 * definition): every key present and no stale ones, every message valid ICU MessageFormat with the
 * same arguments as the reference, and every plural with exactly the categories the language's plural
 * rules have (Ukrainian: one, few, many, other; English: one, other; Arabic: all six). Exact matches
 * such as `=0` may be added in any language.
 */
export function checkCatalogue(
  lang: string,
  catalogue: Catalogue,
  reference: Catalogue,
  referenceLang: string,
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const categories = (type: 'cardinal' | 'ordinal') =>
    new Set<string>(new Intl.PluralRules(lang, { type }).resolvedOptions().pluralCategories);
  for (const key of Object.keys(reference)) {
    if (!(key in catalogue)) problems.push({ lang, key, kind: 'missing', detail: `no message for “${key}”` });
  }
  for (const [key, message] of Object.entries(catalogue)) {
    if (!(key in reference)) {
      problems.push({
        lang,
        key,
        kind: 'unknown',
        detail: `“${key}” is not in the ${referenceLang} catalogue`,
      });
      continue;
    }
    let own: Shape;
    let theirs: Shape;
    try {
      own = shapeOf(message, lang);
      theirs = shapeOf(reference[key]!, referenceLang);
    } catch (error) {
      problems.push({ lang, key, kind: 'syntax', detail: (error as Error).message });
      continue;
    }
    const missing = [...theirs.arguments].filter((a) => !own.arguments.has(a));
    const extra = [...own.arguments].filter((a) => !theirs.arguments.has(a));
    if (missing.length || extra.length)
      problems.push({
        lang,
        key,
        kind: 'arguments',
        detail: [
          missing.length ? `lacks {${missing.join('}, {')}}` : '',
          extra.length ? `has unknown {${extra.join('}, {')}}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
    for (const plural of own.plurals) {
      const wanted = categories(plural.type);
      const given = plural.selectors.filter((s) => !s.startsWith('='));
      const absent = [...wanted].filter((c) => !given.includes(c));
      const foreign = given.filter((c) => !wanted.has(c));
      if (absent.length || foreign.length)
        problems.push({
          lang,
          key,
          kind: 'plural',
          detail: `{${plural.name}, plural} ${[
            absent.length ? `needs ${absent.join(', ')}` : '',
            foreign.length ? `has ${foreign.join(', ')}, which ${lang} does not use` : '',
          ]
            .filter(Boolean)
            .join('; ')}`,
        });
    }
  }
  return problems;
}
