import type { Generated } from 'kysely';

// Row type of the one table the finder owns (db/migrations/20261208_0100_finder_snapshot.sql). It reads the registry's
// tables (docs/decisions/005-finder-index.md) but writes only this one.

/** The finder's source rows for one registry revision, compressed (finder-snapshot.ts), so a restart skips the read. */
export interface FinderSnapshotTable {
  revision: number;
  /** The row shape the content was written in (the finder's column lists): another shape is ignored. */
  source_format: string;
  created_at: Generated<Date>;
  content: Buffer;
}
