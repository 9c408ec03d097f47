// Whole answers of the finder's JSON API, kept for the current minute. People ask the same few things again and
// again ("a bed tonight in Rīga"), and other sites that embed the finder repeat their queries. An answer depends
// only on the query, the language, the index (the registry's state) and the Latvian minute ("open now"), so an
// answer kept under those four is the same bytes a new search would give. The answers die with their index and
// are dropped when the minute turns; their total size is bounded, oldest dropped first.
import type { FinderIndex } from './finder-index.js';

type MinuteAnswers = { minute: string; answers: Map<string, Uint8Array>; bytes: number };

const answersByIndex = new WeakMap<FinderIndex, MinuteAnswers>();

/**
 * The answer for `key` in this index and minute: the kept bytes, or `render()`'s, kept for the rest of the
 * minute when they fit in `maxBytes` (0 keeps nothing).
 */
export function keptFinderAnswer(index: FinderIndex, minute: string, key: string, maxBytes: number, render: () => Uint8Array): Uint8Array {
  if (maxBytes <= 0) return render();
  let current = answersByIndex.get(index);
  if (!current || current.minute !== minute) {
    current = { minute, answers: new Map(), bytes: 0 };
    answersByIndex.set(index, current);
  }
  const kept = current.answers.get(key);
  if (kept !== undefined) return kept;
  const answer = render();
  if (answer.byteLength <= maxBytes) {
    for (const [oldestKey, oldest] of current.answers) {
      if (current.bytes + answer.byteLength <= maxBytes) break;
      current.answers.delete(oldestKey);
      current.bytes -= oldest.byteLength;
    }
    current.answers.set(key, answer);
    current.bytes += answer.byteLength;
  }
  return answer;
}
