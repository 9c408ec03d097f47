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

// A word is a run of letters and digits; combining marks may follow a letter in decomposed input.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
// The marks Latin and Cyrillic text can carry; a narrow class scans much faster than \p{M}.
const COMBINING_MARK = /[\u0300-\u036f]/;
const CYRILLIC_FIRST = 0x0400;
const CYRILLIC_LAST = 0x04ff;

// The stopwords-iso Russian list is broad: it drops nouns such as "работа" and "дом", which are exactly what
// someone looking for work or housing types. These stay searchable (their other forms, "работу", already are).
const RUSSIAN_STOP_WORDS_THAT_NAME_SERVICES: ReadonlySet<string> = new Set([
  'работа', 'работать', 'дом', 'деньги', 'жизнь', 'жить', 'город', 'земля', 'люди', 'человек', 'женщина',
  'жена', 'мать', 'отец', 'ребенок', 'комната', 'улица',
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
  'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими',
  'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'ём', 'ой', 'ей', 'ою', 'ею', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее',
  'ую', 'юю', 'ых', 'их', 'ов', 'ев', 'ью', 'ия', 'ие', 'ии', 'ию',
  'а', 'я', 'ы', 'и', 'е', 'ё', 'о', 'у', 'ю', 'ь', 'й',
];
const MINIMUM_RUSSIAN_STEM_LENGTH = 3;

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
    if (inWord) {
      if (wordStart < 0) wordStart = index;
    } else if (wordStart >= 0) {
      const term = termForWord(lowerCase.slice(wordStart, index), language);
      if (term !== undefined) terms.push(term);
      wordStart = -1;
    }
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

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const WORD_CONTINUATION = /[\p{L}\p{M}\p{N}]/u;
// 1 = letter/digit, 2 = mark (continues a word), 3 = neither; 0 = not yet classified.
const characterClasses = new Uint8Array(0x10000);
function isWordCharacter(code: number, insideWord: boolean): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  let characterClass = characterClasses[code] ?? 0;
  if (characterClass === 0) {
    const character = String.fromCharCode(code);
    characterClass = WORD_CHARACTER.test(character) ? 1 : WORD_CONTINUATION.test(character) ? 2 : 3;
    characterClasses[code] = characterClass;
  }
  return characterClass === 1 || (characterClass === 2 && insideWord);
}

function isCyrillic(code: number): boolean {
  return code >= CYRILLIC_FIRST && code <= CYRILLIC_LAST;
}

function withFoldedForms(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.flatMap((word) => [word, foldText(word)]));
}
