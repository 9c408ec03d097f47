// Turns text into search terms. The keyword index and the queries against it both go through
// tokenizeForSearch, so every form a person might type of a word — "Patversmei", "patversmē", "patversmes" —
// lands on one term ("patversm"), and "Rezekne" finds "Rēzeknes".
//
// Per word: lower-case → drop stop words → stem (Latvian, or a light Russian ending strip) → fold diacritics.
// Stemming comes before folding because the Latvian rules need ā, ē, ļ, š to recognise endings.

import { foldText, foldWord } from './fold.js';
import { stemLatvian } from './latvian-stemmer.js';
import { LATVIAN_STOP_WORDS, RUSSIAN_STOP_WORDS } from './stopwords.js';

/** The language a text is written in; it decides how words in Latin script are treated. */
export type SearchLanguage = 'lv' | 'ru' | 'en';

// The marks Latin and Cyrillic text can carry when decomposed; this narrow class scans far faster than \p{M}.
const COMBINING_MARK = /[\u0300-\u036f]/;

// The stopwords-iso Russian list is broad: it drops nouns such as "работа" and "дом", which are exactly what
// someone looking for work or housing types. These stay searchable (their other forms, "работу", already are).
const RUSSIAN_STOP_WORDS_THAT_NAME_SERVICES: ReadonlySet<string> = new Set([
  'работа',
  'работать',
  'дом',
  'деньги',
  'жизнь',
  'жить',
  'город',
  'земля',
  'люди',
  'человек',
  'женщина',
  'жена',
  'мать',
  'отец',
  'ребенок',
  'комната',
  'улица',
]);

// Stop words are also stored folded ("ari" for "arī"): people often type without diacritics, and a
// stop word left in a query would demand a term the index never holds.
const LATVIAN_STOP_WORD_SET = withFoldedForms(LATVIAN_STOP_WORDS);
const RUSSIAN_STOP_WORD_SET = withFoldedForms(
  RUSSIAN_STOP_WORDS.filter((word) => !RUSSIAN_STOP_WORDS_THAT_NAME_SERVICES.has(word)),
);

// Russian noun and adjective case endings, longest first. A LIGHT strip, not a Russian stemmer: it joins the
// common case forms of one word ("документы", "документов", "документами") and nothing more — no verbs,
// no derivation, no vowel alternations.
const RUSSIAN_ENDINGS: readonly string[] = [
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'ём',
  'ой',
  'ей',
  'ою',
  'ею',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ую',
  'юю',
  'ых',
  'их',
  'ов',
  'ев',
  'ью',
  'ия',
  'ие',
  'ии',
  'ию',
  'а',
  'я',
  'ы',
  'и',
  'е',
  'ё',
  'о',
  'у',
  'ю',
  'ь',
  'й',
];
const MINIMUM_RUSSIAN_STEM_LENGTH = 3;

// Scanning character codes against a table is several times faster than a Unicode regular expression,
// and allocates nothing but the words themselves. Each non-ASCII code is classified once, on first sight.
const UNCLASSIFIED = 0;
const STARTS_WORD = 1;
const CONTINUES_WORD = 2; // a combining mark: part of a word only after a letter
const SEPARATES_WORDS = 3;
const characterClasses = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/**
 * Splits text into search terms: words of letters and digits, stop words dropped, stemmed, folded.
 * Cyrillic words always get Russian treatment; Latin-script words are stemmed as Latvian unless the
 * language is 'en' (then they are only folded). Terms keep text order and repeats, for term counts.
 */
export function tokenizeForSearch(text: string, language: SearchLanguage = 'lv'): string[] {
  // Composed form first, so "e" + combining macron is seen as "ē" by the stemmer.
  const composed = COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
  const lowerCase = composed.toLowerCase();
  const terms: string[] = [];
  let wordStart = -1;
  for (let index = 0; index <= lowerCase.length; index++) {
    const inWord = index < lowerCase.length && isWordCharacter(lowerCase.charCodeAt(index), wordStart >= 0);
    if (inWord && wordStart < 0) wordStart = index;
    if (inWord || wordStart < 0) continue;
    const term = termForWord(lowerCase.slice(wordStart, index), language);
    if (term !== undefined) terms.push(term);
    wordStart = -1;
  }
  return terms;
}

/** The search term for one lower-case word, or undefined for a stop word. */
function termForWord(word: string, language: SearchLanguage): string | undefined {
  if (isCyrillic(word.charCodeAt(0))) {
    return RUSSIAN_STOP_WORD_SET.has(word) ? undefined : foldWord(stripRussianEnding(word));
  }
  if (language === 'en') return foldWord(word);
  // Latin-script words in Russian text are mostly Latvian names and places, so they are stemmed as Latvian.
  return LATVIAN_STOP_WORD_SET.has(word) ? undefined : foldWord(stemLatvian(word));
}

/** Removes one common Russian case ending, keeping a stem of at least three letters. */
function stripRussianEnding(word: string): string {
  for (const ending of RUSSIAN_ENDINGS) {
    const stemLength = word.length - ending.length;
    if (stemLength >= MINIMUM_RUSSIAN_STEM_LENGTH && word.endsWith(ending)) return word.slice(0, stemLength);
  }
  return word;
}

/**
 * Whether a UTF-16 code unit belongs to a word. Letters outside the Basic Multilingual Plane arrive as
 * surrogate halves and count as separators — acceptable for Latvian, Russian and English text.
 */
function isWordCharacter(code: number, insideWord: boolean): boolean {
  if (code < 0x80) return isAsciiLetterOrDigit(code);
  let characterClass = characterClasses[code] ?? UNCLASSIFIED;
  if (characterClass === UNCLASSIFIED) {
    const character = String.fromCharCode(code);
    if (LETTER_OR_DIGIT.test(character)) characterClass = STARTS_WORD;
    else characterClass = MARK.test(character) ? CONTINUES_WORD : SEPARATES_WORDS;
    characterClasses[code] = characterClass;
  }
  return characterClass === STARTS_WORD || (characterClass === CONTINUES_WORD && insideWord);
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

function isCyrillic(code: number): boolean {
  return code >= 0x0400 && code <= 0x04ff;
}

function withFoldedForms(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.flatMap((word) => [word, foldText(word)]));
}
