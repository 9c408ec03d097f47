import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText } from './fold.js';
import { stemAndFoldLatvian, stemLatvian } from './latvian-stemmer.js';
import { tokenizeForSearch } from './tokenize.js';
import { latinizePlaceName } from './transliterate.js';

/** Asserts that every form tokenizes to exactly one term, the expected one. */
function assertFormsShareTerm(forms: readonly string[], expectedTerm: string): void {
  for (const form of forms) {
    assert.deepEqual(tokenizeForSearch(form), [expectedTerm], `"${form}" should give the term "${expectedTerm}"`);
  }
}

test('foldText lower-cases and strips Latvian diacritics', () => {
  assert.equal(foldText('Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž'), 'a c e g i k l n s u z');
  assert.equal(foldText('ā č ē ģ ī ķ ļ ņ š ū ž'), 'a c e g i k l n s u z');
  assert.equal(foldText('Rēzeknes novads'), 'rezeknes novads');
});

test('foldText strips the old letters ō and ŗ and other decomposable marks', () => {
  assert.equal(foldText('Ōgre ŗ Ŗ'), 'ogre r r');
  assert.equal(foldText('Ёлка, ещё'), 'елка, еще');
  assert.equal(foldText('Łódź'), 'lodz');
});

test('foldText folds decomposed input the same as composed input', () => {
  assert.equal(foldText('Re\u0304zekne'), 'rezekne');
});

test('foldText collapses and trims whitespace, including no-break spaces', () => {
  assert.equal(foldText('  Juridiskā \t\n palīdzība\u00a0 Rīgā  '), 'juridiska palidziba riga');
  assert.equal(foldText('  Legal   AID '), 'legal aid');
});

test('stemLatvian removes noun endings and keeps diacritics in the stem', () => {
  const expectedStems: Record<string, string> = {
    patversme: 'patversm',
    patversmē: 'patversm',
    patversmes: 'patversm',
    patversmei: 'patversm',
    darbs: 'darb',
    darbā: 'darb',
    palīdzība: 'palīdzīb',
    palīdzības: 'palīdzīb',
    rēzeknes: 'rēzekn',
    dokumentiem: 'dokument',
    alkohols: 'alkohol',
    narkotikas: 'narkotik',
  };
  for (const [word, stem] of Object.entries(expectedStems)) assert.equal(stemLatvian(word), stem, word);
});

test('stemLatvian removes definite adjective endings before shorter ones', () => {
  assert.equal(stemLatvian('juridiskajiem'), 'juridisk');
  assert.equal(stemLatvian('juridiskajām'), 'juridisk');
  assert.equal(stemLatvian('juridiskā'), 'juridisk');
});

test('stemLatvian undoes consonant alternations after the endings that cause them', () => {
  assert.equal(stemLatvian('zemju'), 'zem');
  assert.equal(stemLatvian('patversmju'), 'patversm');
  assert.equal(stemLatvian('brāļu'), 'brāl');
  assert.equal(stemLatvian('brāļiem'), 'brāl');
  assert.equal(stemLatvian('zvaigžņu'), 'zvaigzn');
  assert.equal(stemLatvian('krāšņu'), 'krāsn');
  assert.equal(stemLatvian('viļņu'), 'viln');
  assert.equal(stemLatvian('zižļu'), 'zizl');
  assert.equal(stemLatvian('leļļu'), 'lell');
  assert.equal(stemLatvian('lāča'), 'lāc');
  // kst softens to kš only before the genitive plural "-u": dzirksts (spark) → dzirkšu.
  assert.equal(stemLatvian('dzirkšu'), 'dzirkst');
});

test('stemLatvian leaves a consonant alone when the removed ending does not soften it', () => {
  // The definite "-ā" is not an alternation ending, so the ļ of "mīļš" (dear) stays as written.
  assert.equal(stemLatvian('mīļā'), 'mīļ');
});

test('stemLatvian keeps at least three characters and a vowel', () => {
  assert.equal(stemLatvian('kas'), 'kas');
  assert.equal(stemLatvian('māja'), 'māj');
  assert.equal(stemLatvian('pasi'), 'pas');
  assert.equal(stemLatvian('un'), 'un');
  // An abbreviation with no vowel left after the ending is not a word to stem.
  assert.equal(stemLatvian('ptrs'), 'ptrs');
});

test('stemAndFoldLatvian stems before folding', () => {
  assert.equal(stemAndFoldLatvian('Brāļu'), 'bral');
  assert.equal(stemAndFoldLatvian('Zvaigžņu'), 'zvaigzn');
});

test('tokenizeForSearch gives every case form of a noun the same term', () => {
  assertFormsShareTerm(['patversme', 'patversmē', 'patversmes', 'Patversmei', 'patversmju'], 'patversm');
  assertFormsShareTerm(['zeme', 'zemes', 'zemju'], 'zem');
  assertFormsShareTerm(['brālis', 'brāļu', 'brāļiem'], 'bral');
  assertFormsShareTerm(['darbs', 'darba', 'darbu', 'darbā'], 'darb');
  assertFormsShareTerm(['pase', 'pasi', 'pases'], 'pas');
  assertFormsShareTerm(['palīdzība', 'palīdzību', 'palīdzības'], 'palidzib');
  assertFormsShareTerm(['dokumenti', 'dokumentu', 'dokumentiem'], 'dokument');
  assertFormsShareTerm(['alkohols', 'alkohola'], 'alkohol');
  assertFormsShareTerm(['narkotikas', 'narkotiku'], 'narkotik');
  assertFormsShareTerm(['māja', 'mājas', 'mājā'], 'maj');
  assertFormsShareTerm(['dzirksts', 'dzirkšu'], 'dzirkst');
});

test('tokenizeForSearch gives adjective forms the same term', () => {
  assertFormsShareTerm(['juridiskā', 'juridiskās', 'juridisko', 'Juridiskajai'], 'juridisk');
});

test('tokenizeForSearch matches place names typed with or without diacritics', () => {
  assertFormsShareTerm(['Rēzekne', 'rēzekne', 'Rēzeknes', 'Rezekne', 'REZEKNES', 'Rēzeknē'], 'rezekn');
});

test('tokenizeForSearch keeps different words apart', () => {
  assert.notDeepEqual(tokenizeForSearch('pase'), tokenizeForSearch('pasts'));
  assert.notDeepEqual(tokenizeForSearch('darbs'), tokenizeForSearch('dārzs'));
});

test('tokenizeForSearch drops Latvian stop words, also when typed without diacritics', () => {
  assert.deepEqual(tokenizeForSearch('Patversme un arī juridiskā palīdzība ir Rīgā'), [
    'patversm',
    'juridisk',
    'palidzib',
    'rig',
  ]);
  assert.deepEqual(tokenizeForSearch('patversme ari ta ka'), ['patversm']);
  assert.deepEqual(tokenizeForSearch('un ir arī'), []);
});

test('tokenizeForSearch splits on punctuation and keeps numbers', () => {
  assert.deepEqual(tokenizeForSearch('Rīga, LV-1050; tālr. 67000000'), ['rig', 'lv', '1050', 'talr', '67000000']);
});

test('tokenizeForSearch composes decomposed input before stemming', () => {
  assert.deepEqual(tokenizeForSearch('patversme\u0304'), ['patversm']);
});

test('tokenizeForSearch strips common Russian case endings and drops Russian stop words', () => {
  assertFormsShareTerm(['документы', 'документов', 'документами'], 'документ');
  assert.deepEqual(tokenizeForSearch('Юридическая помощь и документы', 'ru'), ['юридическ', 'помощ', 'документ']);
  assert.deepEqual(tokenizeForSearch('помощью, помощи', 'ru'), ['помощ', 'помощ']);
  // Three letters stay: "дом" must not lose its "м" to the "-ом" ending.
  assert.deepEqual(tokenizeForSearch('дом дома домов', 'ru'), ['дом', 'дом', 'дом']);
});

test('tokenizeForSearch folds ё and keeps Russian words that name services', () => {
  assert.deepEqual(tokenizeForSearch('жильё жилье жилья', 'ru'), ['жиль', 'жиль', 'жиль']);
  assert.deepEqual(tokenizeForSearch('работа и дом', 'ru'), ['работ', 'дом']);
});

test('tokenizeForSearch does not stem Latin-script words in English text', () => {
  assert.deepEqual(tokenizeForSearch('Legal services', 'en'), ['legal', 'services']);
  assert.deepEqual(tokenizeForSearch('Legal services', 'lv'), ['legal', 'servic']);
});

test('latinizePlaceName writes Cyrillic Latvian place names in the Latin letters of their Latvian names', () => {
  const cases: [string, string][] = [
    ['Резекне', 'rezekne'],
    ['Елгава', 'jelgava'],
    ['Екабпилс', 'jekabpils'],
    ['Лиепая', 'liepaja'],
    ['Юрмала', 'jurmala'],
    ['Айзкраукле', 'aizkraukle'],
    ['Лимбажи', 'limbazi'],
    ['Цесис', 'cesis'],
    ['Ливаны', 'livani'],
    ['Резекненский край', 'rezekn novads'],
    ['Елгавский край', 'jelgav novads'],
    ['Даугавпилсский край', 'daugavpils novads'],
  ];
  for (const [cyrillic, latin] of cases) assert.equal(latinizePlaceName(cyrillic), latin, cyrillic);
  assert.equal(latinizePlaceName('Rēzekne'), 'Rēzekne', 'Latin text is left as it is');
});
