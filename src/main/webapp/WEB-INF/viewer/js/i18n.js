// Translation helpers (viewer.md §2). Pure at import time: no DOM or storage access until
// a function is called, so Node tests can import this module.

import { DICT, LANGS, DEFAULT_LANG } from './strings.js';

export const LANG_STORAGE_KEY = 'aula_lang';

let current = DEFAULT_LANG;
const listeners = new Set();

export function isLang(value) {
  return typeof value === 'string' && LANGS.includes(value);
}

export function getLang() {
  return current;
}

/** Changes the language; returns true when it changed. Listeners re-render the UI. */
export function setLang(lang) {
  const next = isLang(lang) ? lang : DEFAULT_LANG;
  if (next === current) return false;
  current = next;
  for (const fn of listeners) fn(current);
  return true;
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Looks a dotted key up in one language's dictionary; undefined when missing. */
export function lookup(lang, key) {
  let node = DICT[lang];
  for (const part of String(key).split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) {
      return undefined;
    }
    node = node[part];
  }
  return node;
}

const numberFormats = new Map();

/** Formats an integer or decimal with Intl for the current (or given) language. */
export function formatNumber(n, lang = current) {
  let fmt = numberFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    numberFormats.set(lang, fmt);
  }
  return fmt.format(n);
}

/** Replaces {name} placeholders. Numbers go through Intl; unknown placeholders stay as written. */
export function interpolate(text, params, lang = current) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (typeof value === 'number' && Number.isFinite(value)) return formatNumber(value, lang);
    return value == null ? '' : String(value);
  });
}

/**
 * Translates a key. Falls back to Spanish, then to the key itself, so a missing string is
 * visible but never breaks a view.
 */
export function t(key, params, lang = current) {
  let text = lookup(lang, key);
  if (typeof text !== 'string') text = lookup(DEFAULT_LANG, key);
  if (typeof text !== 'string') return String(key);
  return interpolate(text, params, lang);
}

const pluralRules = new Map();

/**
 * The plural form for n: "one" or "other". Intl.PluralRules decides; any category other than
 * "one" (for example Spanish "many" for 1 000 000) maps to "other".
 */
export function pluralCategory(n, lang = current) {
  let rules = pluralRules.get(lang);
  if (rules === undefined) {
    try {
      rules = new Intl.PluralRules(lang);
    } catch {
      rules = null;
    }
    pluralRules.set(lang, rules);
  }
  const cat = rules ? rules.select(n) : (n === 1 ? 'one' : 'other');
  return cat === 'one' ? 'one' : 'other';
}

/** Plural translation: uses `<key>.one` or `<key>.other`; {n} is the formatted count. */
export function tn(key, n, params, lang = current) {
  const form = pluralCategory(n, lang);
  return t(`${key}.${form}`, { ...params, n }, lang);
}

/** Reads the saved language; any storage failure or unknown value gives Spanish. */
export function readSavedLang(storage) {
  try {
    const v = storage ? storage.getItem(LANG_STORAGE_KEY) : null;
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(storage, lang) {
  try {
    if (storage) storage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
}
