import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasForbiddenUrlScheme, urlScheme } from './url.js';

test('only http:, https:, mailto: and tel: pass; javascript: in any disguise does not', () => {
  for (const allowed of ['https://example.lv', 'HTTP://example.lv', 'mailto:a@example.lv', 'tel:+37167000000'])
    assert.equal(hasForbiddenUrlScheme(allowed), false, allowed);
  for (const bare of ['www.example.lv', 'example.lv:8080/path', 'example.lv/a:b'])
    assert.equal(urlScheme(bare), undefined, bare);
  for (const forbidden of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' \u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript:0||alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
  ])
    assert.equal(hasForbiddenUrlScheme(forbidden), true, forbidden);
});
