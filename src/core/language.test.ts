import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageFromAcceptLanguage } from './language.js';

test("Accept-Language picks the reader's best language of ours, by its q-values", () => {
  assert.equal(languageFromAcceptLanguage('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7'), 'ru');
  assert.equal(languageFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,ru;q=0.5'), 'en');
  assert.equal(languageFromAcceptLanguage('en;q=0.4, lv;q=0.9'), 'lv');
  assert.equal(languageFromAcceptLanguage('ru;q=0, en'), 'en', 'q=0 means "not this one"');
  assert.equal(languageFromAcceptLanguage('de, fr'), undefined);
  assert.equal(languageFromAcceptLanguage('*'), undefined);
  assert.equal(languageFromAcceptLanguage(undefined), undefined);
});
