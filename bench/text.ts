// Measures tokenizeForSearch throughput on generated Latvian service descriptions, the shape of text the
// service finder indexes. Run: npx tsx bench/text.ts
// Prints input words and output terms per second; the warm-up run lets V8 optimise before timing.

import { tokenizeForSearch } from '../src/text/tokenize.js';

const WORDS = [
  'Patversme',
  'patversmē',
  'patversmes',
  'bezpajumtniekiem',
  'juridiskā',
  'juridiskās',
  'palīdzība',
  'palīdzību',
  'palīdzības',
  'un',
  'ir',
  'arī',
  'pēc',
  'atbrīvošanas',
  'no',
  'ieslodzījuma',
  'vietas',
  'Rēzeknē',
  'Rīgā',
  'Daugavpilī',
  'Valmieras',
  'novadā',
  'dokumentu',
  'dokumenti',
  'noformēšana',
  'pases',
  'personas',
  'apliecība',
  'darbs',
  'darba',
  'meklēšana',
  'sociālais',
  'dienests',
  'konsultācijas',
  'alkohola',
  'narkotiku',
  'atkarības',
  'ārstēšana',
  'mājoklis',
  'mājas',
  'ģimenes',
  'ārsts',
  'psihologs',
  'brīvprātīgie',
  'probācijas',
  'dienesta',
  'klientiem',
  'bez',
  'maksas',
  'tālr.',
  '67000000',
  'darbdienās',
  '9:00–17:00',
  'iepriekšēja',
  'pieteikšanās',
];

/** Builds a deterministic list of phrases of 6–20 words, so runs are comparable with each other. */
function generatePhrases(count: number): string[] {
  let seed = 20240601;
  const nextRandom = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const phrases: string[] = [];
  for (let phraseIndex = 0; phraseIndex < count; phraseIndex++) {
    const length = 6 + Math.floor(nextRandom() * 15);
    const words: string[] = [];
    for (let wordIndex = 0; wordIndex < length; wordIndex++) {
      words.push(WORDS[Math.floor(nextRandom() * WORDS.length)] ?? '');
    }
    phrases.push(words.join(nextRandom() < 0.2 ? ', ' : ' '));
  }
  return phrases;
}

/** Tokenizes every phrase once and returns the number of terms produced. */
function tokenizeAll(phrases: readonly string[]): number {
  let termCount = 0;
  for (const phrase of phrases) termCount += tokenizeForSearch(phrase).length;
  return termCount;
}

const phrases = generatePhrases(20_000);
const inputWordCount = phrases.reduce((sum, phrase) => sum + phrase.split(/\s+/).length, 0);
tokenizeAll(phrases);

const rounds = 5;
const started = process.hrtime.bigint();
let termCount = 0;
for (let round = 0; round < rounds; round++) termCount += tokenizeAll(phrases);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const format = (value: number): string => Math.round(value).toLocaleString('en-US');
console.log(`tokenizeForSearch: ${format(phrases.length * rounds)} phrases in ${seconds.toFixed(2)} s`);
console.log(`  ${format((inputWordCount * rounds) / seconds)} input words/second`);
console.log(`  ${format(termCount / seconds)} terms/second (after stop words)`);
