// Automatic coding of free-text answers into codebook categories. A rule is a few words that must all occur in
// the answer; words are compared as Latvian-aware search terms (src/text: lower-cased, stemmed, diacritics
// folded), and a rule word matches any answer word that starts with it, so "pabalsts" finds "pabalstu",
// "Pabalsta" and "pabalstiem", and "informācija" finds "informācijas" typed as "informacijas".
import { tokenizeForSearch } from '../text/tokenize.js';
import type { Codebook } from './codebook.js';

/** The category every codebook ends with: answers no rule recognises. */
export const otherCategory = 'other';

type CompiledRule = { terms: string[] };
type CompiledCategory = { code: string; rules: CompiledRule[] };
export type CompiledCodebook = { key: string; categories: CompiledCategory[] };

const compiled = new WeakMap<Codebook, CompiledCodebook>();

/** Turns a rule's words into search terms; a rule made only of stop words would match everything, so it throws. */
export function compileRule(rule: string): CompiledRule {
  const terms = tokenizeForSearch(rule, 'lv');
  if (terms.length === 0) throw new Error(`coding rule "${rule}" has no searchable word`);
  return { terms };
}

/** Compiles a codebook's rules once; later calls return the same compiled form. */
export function compileCodebook(codebook: Codebook): CompiledCodebook {
  let result = compiled.get(codebook);
  if (!result) {
    result = {
      key: codebook.key,
      categories: codebook.categories.map((category) => ({
        code: category.code,
        rules: category.rules.map(compileRule),
      })),
    };
    compiled.set(codebook, result);
  }
  return result;
}

/**
 * The categories an answer falls into, in codebook order; an answer no rule recognises is `other`, and an empty
 * answer has no categories.
 */
export function codeAnswer(text: string, codebook: Codebook): string[] {
  if (text.trim() === '') return [];
  const words = tokenizeForSearch(text, 'lv');
  const matches = compileCodebook(codebook)
    .categories.filter((category) =>
      category.rules.some((rule) => rule.terms.every((term) => words.some((word) => word.startsWith(term)))),
    )
    .map((category) => category.code);
  return matches.length > 0 ? matches : [otherCategory];
}
