// When this process last wrote anything about beds. The in-memory capacity (bed-capacity-snapshot.ts) confirms
// with the database before answering for a short while after a local write, so whoever changed a figure sees it
// on their next request; other processes see it at their next poll (within a second).

let lastLocalWriteAt = Number.NEGATIVE_INFINITY;

/** Called by every beds write (beds.repository.ts), before its transaction commits. */
export function noteLocalBedsWrite(): void {
  lastLocalWriteAt = Date.now();
}

/** Milliseconds since this process last wrote about beds (Infinity if never). */
export function millisecondsSinceLocalBedsWrite(now: number = Date.now()): number {
  return now - lastLocalWriteAt;
}
