// Latvian place names typed in Cyrillic ("Резекне", "Елгава", "Резекненский край"), as Russian speakers write
// them, turned into the Latin letters the registry stores them in, without diacritics: the result goes through
// foldText like anything typed in Latin letters. Not a general transliteration: it follows how Russian writes
// Latvian names (Е at the start of a word is "je" — Елгава is Jelgava — but "ie" inside one — Лиепая is
// Liepāja; й in "ай" is the Latvian "ai").

const CYRILLIC = /[\u0400-\u04ff]/;

// The folded Latvian letter each Russian letter stands for in Latvian names (ж is ž, ш is š, ч is č …).
const LATIN_FOR_CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'jo',
  ж: 'z',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'c',
  ш: 's',
  щ: 's',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'ju',
  я: 'ja',
  і: 'i',
};
const SIGNS = new Set(['ъ', 'ь']);

// "Резекненский край", "Елгавского края": an adjective in -ский before край is the novads of that name.
const MUNICIPALITY_ADJECTIVE = /\b([a-z]+?)(?:en|e)?sk(?:ii|ij|ogo|om|omu)\s+kra(?:i|ja|ju|em|e)\b/g;

/** True when the text has a Cyrillic letter in it. */
function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** A Cyrillic place name in the Latin letters of its Latvian name (lower case, no diacritics); other text as it is. */
export function latinizePlaceName(text: string): string {
  if (!hasCyrillic(text)) return text;
  const lower = text.toLowerCase();
  let latin = '';
  for (let index = 0; index < lower.length; index++) {
    const letter = lower[index]!;
    const previous = index > 0 ? lower[index - 1]! : ' ';
    if (letter === 'е' && (SIGNS.has(previous) || !/\p{L}/u.test(previous))) latin += 'je';
    else latin += LATIN_FOR_CYRILLIC[letter] ?? letter;
  }
  return latin.replace(MUNICIPALITY_ADJECTIVE, '$1 novads');
}
