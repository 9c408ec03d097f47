import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedCommands,
  decideTransition,
  isFinal,
  referralActors,
  referralCommands,
  referralStates,
  referralTransitions,
  type ReferralActor,
  type ReferralCommand,
  type ReferralState,
} from './referral-machine.js';
import { findReasonCode, isReasonAllowed, reasonCodes, reasonsFor } from './referral-reasons.js';

// The expected table is written out here by hand, independently of referralTransitions, so a change to the
// machine has to be made twice on purpose.
const expected: Record<ReferralCommand, { from: ReferralState[]; to: ReferralState; by: ReferralActor[] }> = {
  send: { from: ['draft'], to: 'sent', by: ['referrer'] },
  request_info: { from: ['sent', 'waitlisted'], to: 'info_requested', by: ['provider_intake'] },
  answer_info: { from: ['info_requested'], to: 'sent', by: ['referrer'] },
  accept: { from: ['sent', 'info_requested', 'waitlisted'], to: 'accepted', by: ['provider_intake'] },
  waitlist: { from: ['sent', 'info_requested'], to: 'waitlisted', by: ['provider_intake'] },
  decline: { from: ['sent', 'info_requested', 'waitlisted'], to: 'declined', by: ['provider_intake'] },
  start: { from: ['accepted'], to: 'in_progress', by: ['provider_intake', 'provider_worker'] },
  complete: { from: ['in_progress'], to: 'completed', by: ['provider_intake', 'provider_worker'] },
  end_early: {
    from: ['accepted', 'in_progress'],
    to: 'ended_early',
    by: ['referrer', 'provider_intake', 'provider_worker'],
  },
  withdraw: { from: ['draft', 'sent', 'info_requested', 'waitlisted', 'accepted'], to: 'withdrawn', by: ['referrer'] },
  expire: { from: ['sent', 'info_requested'], to: 'expired', by: ['system'] },
};

const reasonFor = (command: ReferralCommand) => reasonsFor(command)[0]?.code;

test('every state × command × actor is decided as the table says', () => {
  let decisions = 0;
  for (const state of referralStates) {
    for (const command of referralCommands) {
      for (const actor of referralActors) {
        const rule = expected[command];
        const decision = decideTransition(
          { state, version: 4 },
          { command, actor, expectedVersion: 4, reasonCode: reasonFor(command), outcome: 'helped' },
          isReasonAllowed,
        );
        decisions += 1;
        const label = `${state} × ${command} × ${actor}`;
        if (!rule.by.includes(actor)) assert.deepEqual(decision, { refused: 'actor' }, label);
        else if (!rule.from.includes(state)) assert.deepEqual(decision, { refused: 'state' }, label);
        else assert.deepEqual(decision, { to: rule.to, version: 5 }, label);
      }
    }
  }
  assert.equal(decisions, referralStates.length * referralCommands.length * referralActors.length);
});

test('final states accept no command at all, and every non-final state has a way out', () => {
  for (const state of referralStates) {
    const anyCommand = referralActors.some((actor) => allowedCommands(state, actor).length > 0);
    assert.equal(anyCommand, !isFinal(state), state);
  }
});

test('a stale version is refused before anything else is judged', () => {
  const decision = decideTransition(
    { state: 'sent', version: 3 },
    { command: 'accept', actor: 'provider_intake', expectedVersion: 2 },
    isReasonAllowed,
  );
  assert.deepEqual(decision, { refused: 'version' });
});

test('decline, withdrawal, early end and expiry need a reason of their own kind; complete needs an outcome', () => {
  for (const command of ['decline', 'withdraw', 'end_early', 'expire'] as const) {
    const rule = expected[command];
    const current = { state: rule.from[0]!, version: 1 };
    const actor = rule.by[0]!;
    assert.deepEqual(decideTransition(current, { command, actor, expectedVersion: 1 }, isReasonAllowed), {
      refused: 'reason_missing',
    });
    const wrong = reasonCodes.find((entry) => !entry.commands.includes(command))!;
    assert.deepEqual(
      decideTransition(current, { command, actor, expectedVersion: 1, reasonCode: wrong.code }, isReasonAllowed),
      { refused: 'reason_not_allowed' },
    );
    assert.ok(reasonsFor(command).length > 0, `${command} has reasons to offer`);
  }
  assert.deepEqual(
    decideTransition(
      { state: 'in_progress', version: 1 },
      { command: 'complete', actor: 'provider_worker', expectedVersion: 1 },
      isReasonAllowed,
    ),
    { refused: 'outcome_missing' },
  );
});

test('the machine and the hand-written table agree on every command', () => {
  for (const command of referralCommands) {
    const rule = referralTransitions[command];
    assert.deepEqual([...rule.from], expected[command].from, command);
    assert.equal(rule.to, expected[command].to, command);
    assert.deepEqual([...rule.by].sort(), [...expected[command].by].sort(), command);
  }
});

test('reason codes: unique, translated in lv/ru/en, and only live ones are offered', () => {
  const codes = reasonCodes.map((entry) => entry.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const entry of reasonCodes) {
    for (const language of ['lv', 'ru', 'en'] as const) assert.ok(entry.label[language].length > 3, entry.code);
    assert.notEqual(entry.label.lv, entry.label.en, entry.code);
  }
  assert.ok(findReasonCode('no_free_bed'));
  assert.equal(isReasonAllowed('decline', 'no_free_bed'), true);
  assert.equal(isReasonAllowed('decline', 'no_such_code'), false);
  for (const command of referralCommands)
    assert.ok(
      reasonsFor(command).every((entry) => !entry.retired),
      command,
    );
});
