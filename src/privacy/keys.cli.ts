import { setTimeout as sleep } from 'node:timers/promises';
import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import {
  addKeyEncryptionKey,
  keyringFrom,
  parseKeyMaterial,
  readKeyFile,
  retireKeyEncryptionKeys,
  writeKeyFile,
} from './keyring.js';
import { countSubjectKeysByVersion, rewrapSubjectKeys } from './sealing.service.js';

const usage = 'npx atlas keys rotate [--retire]';

/**
 * `npx atlas keys rotate`: adds a new key-encryption key version to the key file and re-wraps every data key with it,
 * while the app runs (the app follows its key file, privacy/keyring.ts). `--retire` then drops the versions no data
 * key uses any more. With ATLAS_KEYS the operator adds the version to the secret instead; the command re-wraps.
 */
export const keyCommands: Command[] = [
  {
    name: 'keys',
    subcommand: 'rotate',
    usage:
      '[--retire]: a new key-encryption key; every data key re-wrapped with it; --retire drops unused old versions',
    run: async (context) => {
      const parsed = readArguments(context, { usage, options: { retire: { type: 'boolean' } } });
      if (!parsed) return 2;
      const fromEnvironment = Boolean(context.config.keys);
      if (!fromEnvironment) {
        const material = readKeyFile(context.config.keyFile);
        const added = addKeyEncryptionKey(material);
        if (!parsed.values.retire) writeKeyFile(context.config.keyFile, added);
        context.progress(
          parsed.values.retire
            ? 'Re-wrapping before retiring old versions.'
            : `Key-encryption key version ${keyringFrom(added).current().version} added.`,
        );
      }
      const keyring = keyringFrom(
        fromEnvironment ? parseKeyMaterial(context.config.keys!, 'ATLAS_KEYS') : readKeyFile(context.config.keyFile),
      );
      let rewrapped = (await rewrapSubjectKeys(context.db, keyring)).rewrapped;
      // A running app reads its key file at most a second late; data keys it made meanwhile are re-wrapped now.
      await sleep(1500);
      rewrapped += (await rewrapSubjectKeys(context.db, keyring)).rewrapped;
      const counts = await countSubjectKeysByVersion(context.db);
      context.print(`${rewrapped} data keys re-wrapped with version ${keyring.current().version}.`);
      context.print(
        `Data keys by version: ${counts.map((entry) => `v${entry.version}: ${entry.count}`).join(', ') || 'none'}.`,
      );
      if (parsed.values.retire && !fromEnvironment) {
        const stillUsed = counts.filter((entry) => entry.version < keyring.current().version && entry.count > 0);
        if (stillUsed.length > 0) {
          context.progress('Old versions still wrap data keys; nothing retired. Run the command again.');
          return 1;
        }
        writeKeyFile(
          context.config.keyFile,
          retireKeyEncryptionKeys(readKeyFile(context.config.keyFile), keyring.current().version),
        );
        context.print(`Versions below ${keyring.current().version} retired from the key file.`);
      }
      return 0;
    },
  },
];
