import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { usersCommands } from '../accounts/accounts.cli.js';
import { backupCommands } from '../backup/backup.cli.js';
import { tokenCommands } from '../accounts/tokens.cli.js';
import { auditCommands } from '../audit/audit.cli.js';
import { peopleCommands } from '../dpo/people.cli.js';
import { keyCommands } from '../privacy/keys.cli.js';
import { retentionCommands } from '../retention/retention.cli.js';
import type { Keyring } from '../privacy/keyring.js';
import { analysisCommands } from '../analysis/analysis.cli.js';
import { reportCommands } from '../report/report.cli.js';
import { demoCommands } from '../demo/demo.cli.js';
import { hsdsCommands } from '../registry/hsds.cli.js';
import { surveyCommands } from '../surveys/surveys.cli.js';
import { invitationCommands } from '../surveys/invitations.cli.js';

export type CommandContext = {
  db: Kysely<Database>;
  config: Config;
  /** The words after the command (and subcommand), e.g. ['--wave', 'lv-2004', 'answers.csv']. */
  args: string[];
  /** Results, on stdout. */
  print: (line: string) => void;
  /** Progress and diagnostics, on stderr, so stdout stays clean for pipes. */
  progress: (line: string) => void;
  /** The keys for personal data, opened on first use (only the commands that need them ask). */
  keyring?: () => Promise<Keyring>;
};

export type Command = {
  name: string;
  subcommand?: string;
  usage: string;
  /** False for a command that must find the database as it is (a restore needs it empty): no migrations first. */
  prepare?: false;
  /** Returns the process exit code: 0 done, 1 rejected input, 2 wrong usage. */
  run: (context: CommandContext) => Promise<number>;
};

/** Every CLI command; each domain adds its commands here. */
export const commands: Command[] = [
  ...usersCommands,
  ...tokenCommands,
  ...auditCommands,
  ...peopleCommands,
  ...keyCommands,
  ...retentionCommands,
  ...backupCommands,
  ...hsdsCommands,
  ...demoCommands,
  ...surveyCommands,
  ...invitationCommands,
  ...analysisCommands,
  ...reportCommands,
];
