// Whole answers of the finder's JSON API, kept for the current minute. People ask the same few things again and
// again ("a bed tonight in Rīga"), and other sites that embed the finder repeat their queries. An answer depends
// only on the request (its query string and language), the index (the registry's state) and the Latvian minute
// ("open now"), so an answer kept under those is the same bytes a new search would give. The answers die with
// their index and are dropped when the minute turns; their total size is bounded, oldest dropped first.
import type { FinderIndex } from './finder-index.js';

type MinuteAnswers = { minute: string; answers: Map<string, Uint8Array>; bytes: number };

const answersByIndex = new WeakMap<FinderIndex, MinuteAnswers>();

function answersFor(index: FinderIndex, minute: string): MinuteAnswers {
  let current = answersByIndex.get(index);
  if (!current || current.minute !== minute) {
    current = { minute, answers: new Map(), bytes: 0 };
    answersByIndex.set(index, current);
  }
  return current;
}

/** The answer kept for `key` in this index and minute, if any. */
export function readKeptFinderAnswer(index: FinderIndex, minute: string, key: string): Uint8Array | undefined {
  return answersByIndex.get(index)?.minute === minute ? answersByIndex.get(index)!.answers.get(key) : undefined;
}

/** Keeps `answer` for the rest of the minute when it fits in `maxBytes` (0 keeps nothing), dropping the oldest. */
export function keepFinderAnswer(
  index: FinderIndex,
  minute: string,
  key: string,
  answer: Uint8Array,
  maxBytes: number,
): void {
  if (answer.byteLength > maxBytes) return;
  const current = answersFor(index, minute);
  for (const [oldestKey, oldest] of current.answers) {
    if (current.bytes + answer.byteLength <= maxBytes) break;
    current.answers.delete(oldestKey);
    current.bytes -= oldest.byteLength;
  }
  const replaced = current.answers.get(key);
  if (replaced) current.bytes -= replaced.byteLength;
  current.answers.set(key, answer);
  current.bytes += answer.byteLength;
}
