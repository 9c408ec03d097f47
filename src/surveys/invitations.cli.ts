import { open, rename, rm } from 'node:fs/promises';
import { readArguments } from '../cli/arguments.js';
import type { Command, CommandContext } from '../cli/commands.js';
import { deliverDueMessages } from '../mail/mail.service.js';
import {
  configuredSenderAddress,
  prepareInvitationLetters,
  senderSetting,
  sendInvitationEmails,
  type InvitationKind,
  type LetterScope,
} from './invitations.service.js';
import { getWaveByKey } from './wave.service.js';

// `npx atlas waves invite|remind|letters`: thin commands over invitations.service, like the staff page.
// Exit codes: 0 done, 1 rejected (e.g. the wave is not open), 2 wrong usage.

async function runSendEmails(context: CommandContext, kind: InvitationKind): Promise<number> {
  const usage = `npx atlas waves ${kind === 'invitation' ? 'invite' : 'remind'} --wave <key>`;
  const parsed = readArguments(context, { usage, options: { wave: { type: 'string' } }, required: ['wave'] });
  if (!parsed) return 2;
  const waveKey = parsed.values.wave!;
  const { db, config } = context;
  const result = await db.transaction().execute(async (trx) => {
    const wave = await getWaveByKey(trx, waveKey);
    return sendInvitationEmails(trx, config, { waveId: wave.id, kind, accountId: null });
  });
  const noun = kind === 'invitation' ? 'invitations' : 'reminders';
  context.progress(
    `${result.sent} ${noun} ${result.delivery === 'held' ? `written to the outbox (${config.dataDirectory}/outbox; no SMTP_URL set)` : 'queued for SMTP'}.`,
  );
  if (result.withoutEmail > 0)
    context.progress(
      `${result.withoutEmail} cases have no usable e-mail address: print letters for them with \`npx atlas waves letters\`.`,
    );
  if (result.delivery === 'queued') {
    const delivery = await deliverDueMessages(db, config);
    context.progress(`SMTP: ${delivery.sent} sent, ${delivery.failed} failed (see /staff/outbox).`);
  }
  context.print(String(result.sent));
  return 0;
}

/** `atlas waves letters --wave <key> --out <file.pdf> [--reminder] [--all]` */
async function runLetters(context: CommandContext): Promise<number> {
  const parsed = readArguments(context, {
    usage: 'npx atlas waves letters --wave <key> --out <file.pdf> [--reminder] [--all]',
    options: {
      wave: { type: 'string' },
      out: { type: 'string' },
      reminder: { type: 'boolean' },
      all: { type: 'boolean' },
    },
    required: ['wave', 'out'],
  });
  if (!parsed) return 2;
  const waveKey = parsed.values.wave!;
  const out = parsed.values.out!;
  const kind: InvitationKind = parsed.values.reminder ? 'reminder' : 'invitation';
  const scope: LetterScope = parsed.values.all ? 'all' : 'without_email';
  // Letters still go out without a sender (the postal return and the link work), but name no address to write to.
  if (!configuredSenderAddress(context.config))
    context.progress(
      `MAIL_FROM is not set, so the letters name no address to write to. Set ${senderSetting} (the address replies should reach) so that letters name it.`,
    );
  const temporary = `${out}.part`;
  // The PDF is written (and fsync'd) before the transaction commits: if writing fails, no link is recorded as
  // sent; if the commit fails, the file is removed, since its links were never stored.
  const result = await context.db
    .transaction()
    .execute(async (trx) => {
      const wave = await getWaveByKey(trx, waveKey);
      const prepared = await prepareInvitationLetters(trx, context.config, {
        waveId: wave.id,
        kind,
        scope,
        accountId: null,
      });
      if (prepared.pdf) {
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(prepared.pdf);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      return prepared;
    })
    .catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
  if (result.withoutAddress > 0)
    context.progress(`${result.withoutAddress} cases have no postal address: no letter for them.`);
  if (!result.pdf) {
    context.progress('No letters to prepare.');
    context.print('0');
    return 0;
  }
  await rename(temporary, out);
  context.progress(`${result.letters} letters written to ${out}.`);
  context.print(String(result.letters));
  return 0;
}

export const invitationCommands: Command[] = [
  {
    name: 'waves',
    subcommand: 'invite',
    usage: '--wave <key>: e-mail invitations to cases not invited yet (outbox without SMTP_URL)',
    run: (context) => runSendEmails(context, 'invitation'),
  },
  {
    name: 'waves',
    subcommand: 'remind',
    usage: '--wave <key>: e-mail reminders to invited cases that have not completed',
    run: (context) => runSendEmails(context, 'reminder'),
  },
  {
    name: 'waves',
    subcommand: 'letters',
    usage: '--wave <key> --out <file.pdf> [--reminder] [--all]: printed letters with a paper questionnaire',
    run: runLetters,
  },
];
