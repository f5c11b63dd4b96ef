import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey } from './keys.ts';

export type { MessageKey };
export type MessageValues = Record<string, string | number>;

export interface Translator {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  /** Whether this language's own catalogues have the message (without falling back). */
  has(key: string): boolean;
  /** Like `t`, but values may be elements (links): returns the message as a list of strings and those values. */
  rich<T>(key: MessageKey, values: Record<string, string | number | T>): Array<string | T>;
  /** A date for readers, e.g. "20 June 2024" / "20 червня 2024 р."; `withTime` adds the time of day. */
  formatDate(iso: string, options?: { withTime?: boolean }): string;
  formatNumber(value: number): string;
  /** A language's name in this language, e.g. languageName('uk') → "Ukrainian". */
  languageName(code: string): string;
  /** The language's own name for itself, e.g. "Українська", for the language switcher. */
  nativeLanguageName(code: string): string;
}

/** A language's own name for itself: the same answer every time, and `Intl.DisplayNames` is costly to make. */
const nativeNames = new Map<string, string>();
function nativeLanguageName(code: string): string {
  let name = nativeNames.get(code);
  if (name === undefined) {
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    name = own.charAt(0).toLocaleUpperCase(code) + own.slice(1);
    nativeNames.set(code, name);
  }
  return name;
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ku']);
const MESSAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'messages');

export type Catalogue = Readonly<Record<string, string>>;

/**
 * Reads every `messages/<lang>/*.json` (one file per feature, so features never edit the same file):
 * adding a language is adding a folder of catalogues.
 */
export function loadCatalogues(dir = MESSAGES_DIR): Map<string, Catalogue> {
  const catalogues = new Map<string, Catalogue>();
  for (const lang of fs.readdirSync(dir)) {
    const langDir = path.join(dir, lang);
    if (!fs.statSync(langDir).isDirectory()) continue;
    const merged: Record<string, string> = {};
    for (const file of fs
      .readdirSync(langDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      Object.assign(merged, JSON.parse(fs.readFileSync(path.join(langDir, file), 'utf8')) as Catalogue);
    }
    catalogues.set(lang, merged);
  }
  return catalogues;
}

/**
 * Builds one translator per language. A message missing from a catalogue falls back to the default
 * language's (a test reports every such gap), and never shows its key to a reader.
 */
export function createTranslators(options: {
  languages: readonly string[];
  defaultLanguage: string;
  timeZone: string;
  catalogues?: Map<string, Catalogue>;
  /**
   * Told once per language and key when a message is not in that language's catalogues (it falls
   * back) or in none at all (`fellBack` false). The app logs it; tests collect it and fail.
   */
  onMissing?: (lang: string, key: string, fellBack: boolean) => void;
}): Map<string, Translator> {
  const catalogues = options.catalogues ?? loadCatalogues();
  const fallbackLanguage = catalogues.has(options.defaultLanguage) ? options.defaultLanguage : 'en';
  const fallback = catalogues.get(fallbackLanguage) ?? {};
  const translators = new Map<string, Translator>();
  for (const lang of options.languages) {
    translators.set(
      lang,
      createTranslator(
        lang,
        catalogues.get(lang) ?? {},
        { lang: fallbackLanguage, messages: fallback },
        {
          timeZone: options.timeZone,
          onMissing: options.onMissing,
        },
      ),
    );
  }
  return translators;
}

/** How many formatted messages, and dates, a translator keeps before it starts over (two or three MB at most). */
const FORMATTED_KEPT = 20_000;

/**
 * The memo key of a message with values: the key and the values in order, when every value is a short
 * string or a number (a name, a count, a year). Anything else is formatted afresh every time.
 */
function memoKey(key: string, values: MessageValues): string | undefined {
  let memo = key;
  for (const name in values) {
    const value = values[name];
    // Each value carries its length, so no two different sets of values can make the same key.
    if (typeof value === 'number') memo += `\u0000${name}#${value}`;
    else if (typeof value === 'string' && value.length <= 200)
      memo += `\u0000${name}=${value.length}:${value}`;
    else return undefined;
  }
  return memo;
}

function createTranslator(
  lang: string,
  catalogue: Catalogue,
  fallback: { lang: string; messages: Catalogue },
  options: { timeZone: string; onMissing?: (lang: string, key: string, fellBack: boolean) => void },
): Translator {
  const { timeZone } = options;
  const compiled = new Map<string, IntlMessageFormat>();
  const formatOf = (key: string): IntlMessageFormat => {
    let format = compiled.get(key);
    if (!format) {
      const own = catalogue[key];
      const borrowed = own === undefined ? fallback.messages[key] : undefined;
      if (own === undefined) options.onMissing?.(lang, key, borrowed !== undefined);
      // A borrowed message keeps its own language's plural rules: "1 story", not Ukrainian categories.
      format = new IntlMessageFormat(own ?? borrowed ?? key, own === undefined ? fallback.lang : lang);
      compiled.set(key, format);
    }
    return format;
  };
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const numberFormat = new Intl.NumberFormat(lang);
  // A page shows the same few labels and dates many times over, and formatting through ICU is a
  // noticeable share of an uncached page: keep the answers (bounded: a date is a story's, not a reader's).
  const formattedMessages = new Map<string, string>();
  // Keyed by the ISO string itself (one map per style): the strings come from stored stories, so the
  // same string object returns with its hash already computed, where a built key is hashed anew.
  const formattedDates = new Map<string, string>();
  const formattedDateTimes = new Map<string, string>();
  const languageNames = new Intl.DisplayNames([lang], { type: 'language' });
  const base = lang.split('-')[0] ?? lang;
  return {
    lang,
    dir: RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr',
    t(key, values) {
      const memo = values === undefined ? key : memoKey(key, values);
      if (memo === undefined) return String(formatOf(key).format(values));
      let text = formattedMessages.get(memo);
      if (text === undefined) {
        text = String(formatOf(key).format(values));
        if (formattedMessages.size >= FORMATTED_KEPT) formattedMessages.clear();
        formattedMessages.set(memo, text);
      }
      return text;
    },
    has: (key) => Object.hasOwn(catalogue, key),
    rich<T>(key: MessageKey, values: Record<string, string | number | T>) {
      const result = formatOf(key).format<T>(values);
      return (Array.isArray(result) ? result : [result]) as Array<string | T>;
    },
    formatDate(iso, options) {
      const withTime = options?.withTime === true;
      const kept = withTime ? formattedDateTimes : formattedDates;
      let text = kept.get(iso);
      if (text === undefined) {
        const date = new Date(iso);
        text = Number.isNaN(date.getTime()) ? '' : (withTime ? dateTimeFormat : dateFormat).format(date);
        if (kept.size >= FORMATTED_KEPT) kept.clear();
        kept.set(iso, text);
      }
      return text;
    },
    formatNumber: (value) => numberFormat.format(value),
    languageName: (code) => languageNames.of(code) ?? code,
    nativeLanguageName,
  };
}
