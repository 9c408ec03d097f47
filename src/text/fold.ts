// Folding makes text comparable the way people type it: "Rēzekne", "REZEKNE" and "rezekne" become one form.
// It runs on every indexed word and every query, so ASCII text (most input) takes a path without Unicode
// normalisation, and each distinct non-ASCII character is decomposed only once per process.

const NON_ASCII = /[^\u0000-\u007f]/;
const WHITESPACE_RUN = /\s+/g;
const COMBINING_MARK = /\p{M}/gu;

// Letters whose base form Unicode decomposition does not give, because they are not "letter + mark"
// in Unicode (Polish ł, Nordic ø, Croatian đ) — names with them turn up in registry data.
const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss' };

// Filled lazily: a survey or registry uses a few dozen distinct non-ASCII characters, so the cache stays tiny.
const foldedCharacterCache = new Map<number, string>();

/**
 * Lower-cases (locale-independently), strips diacritics and collapses whitespace runs to one space, trimmed.
 * Latvian ā č ē ģ ī ķ ļ ņ š ū ž (and old ō ŗ) become a c e g i k l n s u z; Russian ё becomes е (й becomes и).
 */
export function foldText(text: string): string {
  // toLowerCase (not toLocaleLowerCase) so a Turkish or Lithuanian server locale cannot change results.
  return foldWord(text.toLowerCase()).replace(WHITESPACE_RUN, ' ').trim();
}

/** Folds one lower-case word with no whitespace in it: only strips diacritics, the tokenizer's hot path. */
export function foldWord(lowerCaseWord: string): string {
  return NON_ASCII.test(lowerCaseWord) ? stripDiacritics(lowerCaseWord) : lowerCaseWord;
}

/** Replaces each non-ASCII character by its folded form, copying ASCII stretches in one slice. */
function stripDiacritics(text: string): string {
  let result = '';
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    const folded = foldCharacter(code);
    if (folded.length === 1 && folded.charCodeAt(0) === code) continue;
    result += text.slice(copiedUpTo, index) + folded;
    copiedUpTo = index + 1;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/** The folded form of one UTF-16 code unit: its base letter, '' for a lone combining mark, or itself. */
function foldCharacter(code: number): string {
  const cached = foldedCharacterCache.get(code);
  if (cached !== undefined) return cached;
  const character = String.fromCharCode(code);
  // Surrogate halves are left alone: decomposing half a character would corrupt it.
  const isSurrogate = code >= 0xd800 && code <= 0xdfff;
  const folded = isSurrogate
    ? character
    : (LETTERS_WITHOUT_DECOMPOSITION[character] ?? character.normalize('NFD').replace(COMBINING_MARK, ''));
  foldedCharacterCache.set(code, folded);
  return folded;
}
