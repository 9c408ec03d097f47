import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerCodebook, providedCodebooks, type Codebook } from './codebook.js';
import { codeAnswer, compileRule } from './coding.js';
import { allBlocks } from './questions.js';

const documents = providedCodebooks.documents;

test('coding ignores case, diacritics and word endings', () => {
  assert.deepEqual(codeAnswer('Vienreizējs pabalsts', documents), ['cash_benefit']);
  assert.deepEqual(codeAnswer('VIENREIZEJU PABALSTU', documents), ['cash_benefit']);
  assert.deepEqual(codeAnswer('izsniedzam pabalstus', documents), ['cash_benefit']);
  assert.deepEqual(codeAnswer('Sniedzam informaciju', documents), ['information']);
  assert.deepEqual(codeAnswer('informācijas sniegšana; izziņu izsniegšana', documents), [
    'information',
    'certificates',
  ]);
});

test('a rule of several words needs all of them, in any order', () => {
  assert.deepEqual(codeAnswer('palīdzam dokumentus savākt', documents), ['collecting_documents']);
  assert.deepEqual(codeAnswer('savākt malku', documents), ['other'], 'one word of the rule is not enough');
});

test('an answer no rule knows is "other"; an empty answer has no category', () => {
  assert.deepEqual(codeAnswer('Kaut kas pavisam cits', documents), ['other']);
  assert.deepEqual(codeAnswer('   ', documents), []);
});

test('answers in Russian and English are coded too', () => {
  assert.deepEqual(codeAnswer('Выдаём единовременное пособие', documents), ['cash_benefit']);
  assert.deepEqual(codeAnswer('We pay the passport photos', documents), ['fee_or_photos_paid']);
  assert.deepEqual(codeAnswer('Нужно сотрудничество со службой пробации', partnerCodebook), ['probation']);
});

test('cooperation partners are grouped (PMLP, employment agency, medical, lawyers, probation, NGOs, municipality, police)', () => {
  assert.deepEqual(codeAnswer('Sadarbība ar Pilsonības un migrācijas lietu pārvaldi', partnerCodebook), ['pmlp']);
  assert.deepEqual(codeAnswer('ar NVA', partnerCodebook), ['employment_agency']);
  assert.deepEqual(codeAnswer('Labāka sadarbība ar ārstniecības iestādēm', partnerCodebook), ['medical']);
  assert.deepEqual(codeAnswer('Nepieciešama sadarbība ar advokātiem un juristiem', partnerCodebook), ['lawyers']);
  assert.deepEqual(
    codeAnswer('Sadarbība ar sabiedriskajām organizācijām, pašvaldībām, darba devējiem', partnerCodebook),
    ['ngos', 'municipality', 'employers'],
  );
  assert.deepEqual(codeAnswer('ar policiju', partnerCodebook), ['police']);
});

test('every codebook is well formed: unique codes, rules with searchable words, "other" last, groups of known codes', () => {
  const books: Codebook[] = [...allBlocks.map((block) => providedCodebooks[block]), partnerCodebook];
  for (const book of books) {
    const codes = book.categories.map((category) => category.code);
    assert.equal(new Set(codes).size, codes.length, `${book.key}: unique codes`);
    assert.equal(codes.at(-1), 'other', `${book.key}: other last`);
    for (const category of book.categories) {
      if (category.code !== 'other') assert.ok(category.rules.length > 0, `${book.key}.${category.code} has rules`);
      for (const rule of category.rules)
        assert.ok(compileRule(rule).terms.length > 0, `${book.key}.${category.code}: "${rule}"`);
      for (const language of ['lv', 'ru', 'en'] as const) assert.ok(category.label[language].length > 0);
    }
    for (const group of book.groups)
      for (const code of group.categories) assert.ok(codes.includes(code), `${book.key} group ${group.code}: ${code}`);
  }
  assert.throws(() => compileRule('un ar'), /no searchable word/);
});
