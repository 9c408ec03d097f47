// A light Latvian stemmer after Kreslins (1996), "A stemming algorithm for Latvian", in the reduced form
// Lucene's LatvianStemmer uses: only noun and adjective case/number/gender/definiteness endings are removed,
// one ending per word, so "patversme", "patversmē", "patversmes" and "patversmju" all become "patversm".
// Light on purpose: verbs and derivation are left alone, which keeps unrelated words from colliding.
//
// Written from the published description; the ending list and alternation rules follow Lucene's.
// One deliberate difference: instead of Lucene's per-ending vowel counts we require what those counts
// amount to — the stem left behind must be at least three characters long and contain a vowel.

import { foldText } from './fold.js';

// Longest first within each final letter, because the first match wins: "ajiem" must be tried before "iem".
const ENDINGS: readonly string[] = [
  'ajiem',
  'ajai',
  'ajam',
  'ajām',
  'ajos',
  'ajās',
  'iem',
  'ajā',
  'ais',
  'ai',
  'ei',
  'ām',
  'am',
  'ēm',
  'īm',
  'im',
  'um',
  'us',
  'as',
  'ās',
  'es',
  'os',
  'ij',
  'īs',
  'ēs',
  'is',
  'ie',
  'u',
  'a',
  'i',
  'e',
  'ā',
  'ē',
  'ī',
  'ū',
  'o',
  's',
  'š',
];

// Endings of declensions II, V and VI (and genitive plurals) that follow a softened consonant:
// "brālis" → "brāļu", "zeme" → "zemju". After removing one of these we restore the plain consonant.
const ENDINGS_AFTER_SOFTENED_CONSONANT = new Set(['iem', 'us', 'os', 'u', 'a', 'i']);

// Grouped by last letter so a word is compared with the one to twelve endings that could match, not all 38.
const ENDINGS_BY_LAST_LETTER = groupEndingsByLastLetter(ENDINGS);

const MINIMUM_STEM_LENGTH = 3;
const LATVIAN_VOWEL_CODES = new Set([...'aāeēiīouū'].map((vowel) => vowel.charCodeAt(0)));

// Softened consonant clusters at the end of a stem and their plain forms: "zvaigžņu" → "zvaigzn".
const SOFTENED_CLUSTERS: readonly (readonly [string, string])[] = [
  ['šņ', 'sn'],
  ['žņ', 'zn'],
  ['šļ', 'sl'],
  ['žļ', 'zl'],
  ['ļņ', 'ln'],
  ['ļļ', 'll'],
  ['ņņ', 'nn'],
];
const SOFTENED_LETTERS: Readonly<Record<string, string>> = { č: 'c', ļ: 'l', ņ: 'n' };
// Labials take an inserted j before these endings: "zeme" → "zemju", "kurpe" → "kurpju", "virve" → "virvju".
const LABIALS_BEFORE_J = new Set(['p', 'b', 'm', 'v']);

/**
 * Stems one lower-case Latvian word, diacritics intact ("brāļu" → "brāl"). Fold AFTER stemming
 * (see stemAndFoldLatvian): the endings and the consonant rules need ā, ē, ļ, š to tell forms apart.
 */
export function stemLatvian(word: string): string {
  const candidates = ENDINGS_BY_LAST_LETTER.get(word.charAt(word.length - 1));
  if (candidates === undefined) return word;
  for (const ending of candidates) {
    const stemLength = word.length - ending.length;
    if (stemLength < MINIMUM_STEM_LENGTH || !word.endsWith(ending) || !containsVowel(word, stemLength)) continue;
    const stem = word.slice(0, stemLength);
    return ENDINGS_AFTER_SOFTENED_CONSONANT.has(ending) ? restorePlainConsonant(stem, ending) : stem;
  }
  return word;
}

/** Stems a lower-case Latvian word, then folds it: the search term for that word ("Brāļu" → "bral"). */
export function stemAndFoldLatvian(word: string): string {
  return foldText(stemLatvian(word.toLowerCase()));
}

/** Undoes the consonant alternation the removed ending caused ("brāļ" → "brāl", "zemj" → "zem"). */
function restorePlainConsonant(stem: string, removedEnding: string): string {
  // kst → kš happens only before -u (the genitive plural of declensions II, V and VI).
  if (removedEnding.startsWith('u') && stem.endsWith('kš')) return stem.slice(0, -1) + 'st';
  const last = stem.charAt(stem.length - 1);
  const beforeLast = stem.charAt(stem.length - 2);
  if (last === 'j' && LABIALS_BEFORE_J.has(beforeLast)) return stem.slice(0, -1);
  for (const [softened, plain] of SOFTENED_CLUSTERS) {
    if (stem.endsWith(softened)) return stem.slice(0, -2) + plain;
  }
  const plainLetter = SOFTENED_LETTERS[last];
  // s → š, t → š, d → ž, z → ž are ambiguous (š may come from s or t), so, as in Lucene, they stay.
  return plainLetter === undefined ? stem : stem.slice(0, -1) + plainLetter;
}

function containsVowel(word: string, length: number): boolean {
  for (let index = 0; index < length; index++) {
    if (LATVIAN_VOWEL_CODES.has(word.charCodeAt(index))) return true;
  }
  return false;
}

function groupEndingsByLastLetter(endings: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const ending of endings) {
    const lastLetter = ending.charAt(ending.length - 1);
    const group = groups.get(lastLetter) ?? [];
    group.push(ending);
    groups.set(lastLetter, group);
  }
  return groups;
}
