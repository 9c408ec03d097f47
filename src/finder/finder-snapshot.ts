// The finder's source rows kept in the database per registry revision (finder_snapshot; issue 16, item 9;
// docs/decisions/005-finder-index.md). Reading ~900 000 registry rows at 100 000 services is most of a restart;
// one compressed value of the same texts is read, unpacked and parsed in a fraction of it. The snapshot is derived
// data: whoever reads the tables for a revision without one writes it, and a snapshot whose revision is not the
// registry's current one is never read.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import {
  finderSnapshotExists,
  finderSourceFormat,
  finderSourceTableNames,
  insertFinderSnapshot,
  selectCurrentFinderSnapshot,
  type FinderSourceTableName,
  type FinderSourceTexts,
} from './finder.repository.js';

// zlib runs in libuv's thread pool: compressing a snapshot does not hold up the requests the index answers.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
// Level 1: several times faster than the default for a few per cent more bytes (measured in bench/finder.ts).
const compressionLevel = 1;

type SnapshotHeader = {
  revision: number;
  format: string;
  /** Each table's text length in bytes, in this order; null for a table with no rows. */
  tables: [FinderSourceTableName, number | null][];
};

/**
 * The snapshot's bytes: gzip of one JSON header line, then every table's text (a JSON array of value arrays, as the
 * database wrote it) one after the other, their lengths in the header.
 */
export async function encodeFinderSnapshot(texts: FinderSourceTexts): Promise<Buffer> {
  const parts = finderSourceTableNames.map((name) => {
    const text = texts.tables[name];
    return { name, bytes: text === null ? null : Buffer.from(text, 'utf8') };
  });
  const header: SnapshotHeader = {
    revision: texts.revision,
    format: finderSourceFormat,
    tables: parts.map(({ name, bytes }) => [name, bytes === null ? null : bytes.length]),
  };
  const body = Buffer.concat([
    Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'),
    ...parts.flatMap(({ bytes }) => (bytes === null ? [] : [bytes])),
  ]);
  return gzipAsync(body, { level: compressionLevel });
}

/** The texts a snapshot holds; throws when its bytes are not a snapshot of this format. */
export async function decodeFinderSnapshot(content: Buffer): Promise<FinderSourceTexts> {
  const body = await gunzipAsync(content);
  const newline = body.indexOf(10);
  if (newline < 0) throw new Error('finder snapshot without a header');
  const header = JSON.parse(body.subarray(0, newline).toString('utf8')) as SnapshotHeader;
  if (header.format !== finderSourceFormat) throw new Error('finder snapshot in another format');
  const tables = Object.fromEntries(finderSourceTableNames.map((name) => [name, null])) as FinderSourceTexts['tables'];
  let offset = newline + 1;
  for (const [name, length] of header.tables) {
    if (length === null) continue;
    if (!finderSourceTableNames.includes(name) || offset + length > body.length)
      throw new Error('finder snapshot cut short');
    tables[name] = body.toString('utf8', offset, offset + length);
    offset += length;
  }
  if (offset !== body.length) throw new Error('finder snapshot longer than its header says');
  return { revision: header.revision, tables };
}

/** The current registry revision's texts from its snapshot, or undefined when there is none (or it is unreadable). */
export async function readFinderSnapshot(db: Kysely<Database>): Promise<FinderSourceTexts | undefined> {
  const snapshot = await selectCurrentFinderSnapshot(db, finderSourceFormat);
  if (!snapshot) return undefined;
  const texts = await decodeFinderSnapshot(snapshot.content);
  if (texts.revision !== snapshot.revision) throw new Error('finder snapshot of another revision');
  return texts;
}

/**
 * Keeps these texts as their revision's snapshot, unless one is there already, and deletes older snapshots. Returns
 * whether this call wrote it.
 */
export async function keepFinderSnapshot(db: Kysely<Database>, texts: FinderSourceTexts): Promise<boolean> {
  if (await finderSnapshotExists(db, texts.revision, finderSourceFormat)) return false;
  const content = await encodeFinderSnapshot(texts);
  await insertFinderSnapshot(db, { revision: texts.revision, sourceFormat: finderSourceFormat, content });
  return true;
}
