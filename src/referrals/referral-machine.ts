// The referral state machine: one transition table says which command may move a referral from which state, who
// may send it, and what it needs (a reason code, an outcome). Everything else — routes, the API, the clock that
// expires unanswered referrals — asks `decideTransition`, so the rules live here once (STYLE.md rule 17).
// "Viewed" is a timestamp on the referral, not a state: opening a referral changes nothing a person is waiting for.

export const referralStates = [
  'draft',
  'sent',
  'info_requested',
  'accepted',
  'waitlisted',
  'in_progress',
  'completed',
  'declined',
  'withdrawn',
  'expired',
  'ended_early',
] as const;
export type ReferralState = (typeof referralStates)[number];

export const finalReferralStates: readonly ReferralState[] = [
  'completed',
  'declined',
  'withdrawn',
  'expired',
  'ended_early',
];

export const referralCommands = [
  'send',
  'request_info',
  'answer_info',
  'accept',
  'waitlist',
  'decline',
  'start',
  'complete',
  'end_early',
  'withdraw',
  'expire',
] as const;
export type ReferralCommand = (typeof referralCommands)[number];

/** Who acts on a referral: the referring team, the receiving institution's intake or worker, or the clock. */
export const referralActors = ['referrer', 'provider_intake', 'provider_worker', 'system'] as const;
export type ReferralActor = (typeof referralActors)[number];

export const referralOutcomes = ['helped', 'partly_helped', 'not_helped'] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];

type Transition = {
  from: readonly ReferralState[];
  to: ReferralState;
  by: readonly ReferralActor[];
  needsReason?: true;
  needsOutcome?: true;
};

const provider = ['provider_intake', 'provider_worker'] as const;

/** The one transition table. A command not listed for a state is refused (409), whoever sends it. */
export const referralTransitions: Record<ReferralCommand, Transition> = {
  send: { from: ['draft'], to: 'sent', by: ['referrer'] },
  request_info: { from: ['sent', 'waitlisted'], to: 'info_requested', by: ['provider_intake'] },
  answer_info: { from: ['info_requested'], to: 'sent', by: ['referrer'] },
  accept: { from: ['sent', 'info_requested', 'waitlisted'], to: 'accepted', by: ['provider_intake'] },
  waitlist: { from: ['sent', 'info_requested'], to: 'waitlisted', by: ['provider_intake'] },
  decline: {
    from: ['sent', 'info_requested', 'waitlisted'],
    to: 'declined',
    by: ['provider_intake'],
    needsReason: true,
  },
  // First contact or arrival: the help has begun.
  start: { from: ['accepted'], to: 'in_progress', by: provider },
  complete: { from: ['in_progress'], to: 'completed', by: provider, needsOutcome: true },
  end_early: { from: ['accepted', 'in_progress'], to: 'ended_early', by: ['referrer', ...provider], needsReason: true },
  withdraw: {
    from: ['draft', 'sent', 'info_requested', 'waitlisted', 'accepted'],
    to: 'withdrawn',
    by: ['referrer'],
    needsReason: true,
  },
  // The clock: a referral nobody answered in time counts as unmet need.
  expire: { from: ['sent', 'info_requested'], to: 'expired', by: ['system'], needsReason: true },
};

/** Why a command was refused; routes map `state` and `version` to 409 and `actor` to 403, the rest to 400. */
export type TransitionRefusal =
  | { refused: 'actor' }
  | { refused: 'state' }
  | { refused: 'version' }
  | { refused: 'reason_missing' }
  | { refused: 'reason_not_allowed' }
  | { refused: 'outcome_missing' };

export type TransitionRequest = {
  command: ReferralCommand;
  actor: ReferralActor;
  expectedVersion: number;
  reasonCode?: string | undefined;
  outcome?: ReferralOutcome | undefined;
};

export type TransitionDecision = { to: ReferralState; version: number } | TransitionRefusal;

/** True when no command can move a referral out of this state. */
export function isFinal(state: ReferralState): boolean {
  return finalReferralStates.includes(state);
}

/** The commands an actor may send in a state: what a page offers as buttons. */
export function allowedCommands(state: ReferralState, actor: ReferralActor): ReferralCommand[] {
  return referralCommands.filter((command) => {
    const transition = referralTransitions[command];
    return transition.from.includes(state) && transition.by.includes(actor);
  });
}

/**
 * Decides one command against the referral's current state and version. The reason code must be one the
 * command accepts (`reasonAllowed` checks the fixed list, including that it is not retired).
 */
export function decideTransition(
  current: { state: ReferralState; version: number },
  request: TransitionRequest,
  reasonAllowed: (command: ReferralCommand, reasonCode: string) => boolean,
): TransitionDecision {
  const transition = referralTransitions[request.command];
  if (!transition.by.includes(request.actor)) return { refused: 'actor' };
  if (request.expectedVersion !== current.version) return { refused: 'version' };
  if (!transition.from.includes(current.state)) return { refused: 'state' };
  if (transition.needsReason && !request.reasonCode) return { refused: 'reason_missing' };
  if (request.reasonCode && !reasonAllowed(request.command, request.reasonCode))
    return { refused: 'reason_not_allowed' };
  if (transition.needsOutcome && !request.outcome) return { refused: 'outcome_missing' };
  return { to: transition.to, version: current.version + 1 };
}
