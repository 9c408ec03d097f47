// One owner per table (`npm test`): a table belongs to the folder whose *.table.ts declares its Kysely row type
// (src/db/database.ts maps each table to that type), and only that folder's code touches it. Every other folder
// uses the owner's service. The check reads the SQL in each folder under src/: Kysely calls (selectFrom,
// insertInto, updateTable, deleteFrom, joins …) and raw sql`…` text (FROM, JOIN, INTO, UPDATE). Table names built
// at run time (sql.table(name), a variable) cannot be seen; the migrations are SQL of their own and not checked.
// Tests may read any table to assert what happened, but write only their folder's tables.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export type Access = 'read' | 'write';
export type TableUse = { table: string; access: Access; line: number };
export type SourceFile = { path: string; text: string };
export type Violation = { file: string; line: number; table: string; access: Access; owner: string; folder: string };

type Exception = {
  folder: string;
  access: Access;
  /** The tables, or 'every table' for the one folder whose job is to copy all of them (the backup). */
  tables: readonly string[] | 'every table';
  testsOnly?: boolean;
  why: string;
};

const registryTablesTheFinderReads = [
  'organization',
  'service',
  'service_residency_territory',
  'service_at_location',
  'location',
  'address',
  'phone',
  'schedule',
  'language',
  'required_document',
  'attribute',
  'taxonomy_term',
  'taxonomy_term_translation',
  'organization_translation',
  'service_translation',
  'registry_revision',
];

const ownersDecision = 'docs/decisions/010-table-owners-and-kept-cross-reads.md';
// TODO(owner): uses found on 2026-12-06 that no decision record argues for. Each goes when its folder uses the
// owner's service (tests: the owner's fixtures, e.g. registry/registry.fixtures.ts), or when a decision record
// argues for it.
const todoOwner = 'TODO(owner): no decision record yet';

/** The only allowed uses of another folder's tables; each names the decision record that argues for it. */
export const exceptions: readonly Exception[] = [
  { folder: 'finder', access: 'read', tables: registryTablesTheFinderReads, why: 'docs/decisions/005-finder-index.md' },
  {
    folder: 'coverage',
    access: 'read',
    tables: [
      'organization',
      'service',
      'service_area',
      'service_at_location',
      'location',
      'attribute',
      'taxonomy_term',
      'registry_revision',
    ],
    why: ownersDecision,
  },
  {
    folder: 'analysis',
    access: 'read',
    tables: ['survey_response', 'survey_case'],
    why: 'docs/decisions/006-analysis-reads-survey-tables.md',
  },
  { folder: 'registry', access: 'read', tables: ['territory'], why: ownersDecision },
  // A logical backup reads every table in one snapshot and a restore loads every table, by name from the catalogue.
  { folder: 'backup', access: 'write', tables: 'every table', why: 'docs/decisions/015-retention-backup.md' },
  // The index test changes a service behind the registry's back: the index must ignore it until the revision moves.
  { folder: 'finder', access: 'write', tables: ['service', 'registry_revision'], testsOnly: true, why: ownersDecision },
  { folder: 'audit', access: 'read', tables: ['account'], why: todoOwner },
  // The test of `atlas audit verify` breaks the chain on purpose; it belongs beside audit/audit.cli.ts.
  { folder: 'analysis', access: 'write', tables: ['survey_response', 'wave'], testsOnly: true, why: todoOwner },
];

const kyselyAccess: Record<string, Access> = {
  selectFrom: 'read',
  innerJoin: 'read',
  leftJoin: 'read',
  rightJoin: 'read',
  fullJoin: 'read',
  crossJoin: 'read',
  innerJoinLateral: 'read',
  leftJoinLateral: 'read',
  insertInto: 'write',
  replaceInto: 'write',
  updateTable: 'write',
  deleteFrom: 'write',
  mergeInto: 'write',
};
// Also bare calls: exists(selectFrom('x')) inside an expression builder callback.
const kyselyCall = new RegExp(`\\b(${Object.keys(kyselyAccess).join('|')})\\(\\s*(\\[[^\\]]*\\]|'[^']*'|"[^"]*")`, 'g');
const quoted = /'([^']*)'|"([^"]*)"/g;
// In raw SQL: INSERT INTO / MERGE INTO, UPDATE and DELETE FROM write; FROM and JOIN read. A name followed by
// "." or "(" is a column or a function (EXTRACT(year FROM wave.opened_at), FROM jsonb_each(…)), not a table.
const rawKeyword = String.raw`\b(insert\s+into|merge\s+into|delete\s+from|update|from|join)\s+(?:only\s+)?`;
const rawTable = new RegExp(`${rawKeyword}(?:"([a-z_][a-z0-9_]*)"|([a-z_][a-z0-9_]*))(?![a-z0-9_".(])`, 'gi');

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The sql`…` templates of a source text (where each starts), with what their ${…} hold blanked out. */
function findSqlTemplates(text: string): { start: number; body: string }[] {
  const templates: { start: number; body: string }[] = [];
  const opening = /\bsql(?:<[^`;]*?>)?`/g;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const start = match.index + match[0].length;
    let body = '';
    let depth = 0;
    let index = start;
    for (; index < text.length; index++) {
      const character = text[index];
      if (depth === 0 && character === '`') break;
      if (depth === 0 && character === '$' && text[index + 1] === '{') {
        depth = 1;
        index++;
        body += '  ';
        continue;
      }
      if (depth > 0) {
        if (character === '{') depth++;
        if (character === '}') depth--;
        body += character === '\n' ? '\n' : ' ';
        continue;
      }
      body += character;
    }
    templates.push({ start, body });
    // Go on from inside this template: sql`…` nested in its ${…} are templates of their own.
    opening.lastIndex = start;
  }
  return templates;
}

/** Every table a source text names in Kysely calls and raw SQL, with read or write, among the known tables. */
export function findTableUses(text: string, knownTables: ReadonlySet<string>): TableUse[] {
  const uses: TableUse[] = [];
  const add = (name: string, access: Access, index: number) => {
    const table = name
      .trim()
      .split(/\s+as\s+/i)[0]!
      .trim();
    if (knownTables.has(table)) uses.push({ table, access, line: lineOf(text, index) });
  };
  for (const match of text.matchAll(kyselyCall)) {
    const access = kyselyAccess[match[1]!]!;
    for (const name of match[2]!.matchAll(quoted)) add(name[1] ?? name[2]!, access, match.index);
  }
  for (const template of findSqlTemplates(text)) {
    for (const match of template.body.matchAll(rawTable)) {
      const keyword = match[1]!.toLowerCase().replace(/\s+/g, ' ');
      const access: Access = keyword === 'from' || keyword === 'join' ? 'read' : 'write';
      add((match[2] ?? match[3]!).toLowerCase(), access, template.start + match.index);
    }
  }
  return uses;
}

/** Table name → owning folder under src/, from the Database interface and the *.table.ts that declare its types. */
export function readTableOwners(files: readonly SourceFile[]): Map<string, string> {
  const database = files.find((file) => file.path === 'src/db/database.ts');
  if (!database) throw new Error('src/db/database.ts not found');
  const body = /export interface Database \{([\s\S]*?)\n\}/.exec(database.text)?.[1];
  if (!body) throw new Error('src/db/database.ts: no Database interface');
  const declaringFolder = new Map<string, string>();
  for (const file of files.filter((candidate) => candidate.path.endsWith('.table.ts'))) {
    for (const match of file.text.matchAll(/export (?:interface|type) (\w+)/g)) {
      declaringFolder.set(match[1]!, folderOf(file.path));
    }
  }
  const owners = new Map<string, string>();
  for (const match of body.matchAll(/^\s*(\w+)\s*:\s*(\w+)\s*;/gm)) {
    const owner = declaringFolder.get(match[2]!);
    if (!owner) throw new Error(`src/db/database.ts: table ${match[1]}'s type ${match[2]} is not in any *.table.ts`);
    owners.set(match[1]!, owner);
  }
  return owners;
}

/** The folder a file belongs to: src/surveys/lv2004/x.ts → "surveys"; src/main.ts → "src". */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : 'src';
}

const isTestCode = (path: string) =>
  /\.test\.tsx?$|\.fixtures\.tsx?$/.test(path) ||
  path.startsWith('src/testing/') ||
  /^src\/[^/]+\/testing\.tsx?$/.test(path);

// The test of this check holds SQL that breaks the rule on purpose, as examples.
const examplesOfViolations = new Set(['src/architecture.test.ts']);

export type TableOwnerReport = {
  violations: Violation[];
  /** Exceptions (folder, access, table) nothing needs any more: they should go from the list. */
  unusedExceptions: string[];
};

/** Uses of a table outside its owner's folder that no exception allows, and exceptions no use needs. */
export function checkTableOwners(files: readonly SourceFile[]): TableOwnerReport {
  const owners = readTableOwners(files);
  const knownTables = new Set(owners.keys());
  const violations: Violation[] = [];
  const usedExceptions = new Set<string>();
  const exceptionKey = (exception: Exception, table: string) =>
    `${exception.folder}/ ${exception.access}${exception.testsOnly ? ' (tests)' : ''} ${table}`;
  for (const file of files) {
    if (examplesOfViolations.has(file.path)) continue;
    const folder = folderOf(file.path);
    for (const use of findTableUses(file.text, knownTables)) {
      const owner = owners.get(use.table)!;
      if (owner === folder) continue;
      if (use.access === 'read' && isTestCode(file.path)) continue;
      const allowing = exceptions.find(
        (exception) =>
          exception.folder === folder &&
          (exception.tables === 'every table' || exception.tables.includes(use.table)) &&
          (exception.access === use.access || exception.access === 'write') &&
          (!exception.testsOnly || isTestCode(file.path)),
      );
      if (allowing) usedExceptions.add(exceptionKey(allowing, use.table));
      else violations.push({ file: file.path, line: use.line, table: use.table, access: use.access, owner, folder });
    }
  }
  const unusedExceptions = exceptions
    // The backup names its tables at run time (from the catalogue), where this check cannot see them.
    .flatMap((exception) =>
      exception.tables === 'every table' ? [] : exception.tables.map((table) => exceptionKey(exception, table)),
    )
    .filter((key) => !usedExceptions.has(key));
  return { violations, unusedExceptions };
}

/** Exceptions whose decision record is not in the repository (a TODO(owner) names none). */
export function findExceptionsWithoutRecord(root: string): string[] {
  return exceptions
    .filter((exception) => !exception.why.startsWith('TODO(owner)') && !existsSync(join(root, exception.why)))
    .map((exception) => `${exception.folder}/ ${exception.access}: ${exception.why}`);
}

/** The TypeScript sources under src/, paths relative to the project root with "/" separators. */
export function readSourceFiles(root: string): SourceFile[] {
  const walk = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });
  return walk(join(root, 'src'))
    .sort()
    .map((path) => ({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  const files = readSourceFiles(root);
  const { violations, unusedExceptions } = checkTableOwners(files);
  // Only a warning: whoever moves a use behind the owner's service may not know of this list.
  if (unusedExceptions.length > 0) {
    process.stdout.write(`table owners: exceptions no longer needed: ${unusedExceptions.join(', ')}\n`);
  }
  for (const { file, line, folder, access, table, owner } of violations) {
    const verb = access === 'write' ? 'writes' : 'reads';
    process.stderr.write(`${file}:${line}: ${folder}/ ${verb} ${table}, owned by ${owner}/ `);
    process.stderr.write('(use its service, or add an exception that names a decision record)\n');
  }
  const withoutRecord = findExceptionsWithoutRecord(root);
  for (const exception of withoutRecord) process.stderr.write(`exception without its decision record: ${exception}\n`);
  process.stdout.write(`table owners: ${violations.length} violation(s) in ${files.length} files\n`);
  process.exit(violations.length > 0 || withoutRecord.length > 0 ? 1 : 0);
}
