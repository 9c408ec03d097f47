import type { Language } from '../core/language.js';
import type { ReferralCommand } from './referral-machine.js';

// The fixed list of reasons a referral ends without help (or is put aside). Planners count them, so they are codes,
// not free text: grouped, saying which side ended the referral, translated, and retired — never deleted — when a
// reason stops being offered, so old events keep their meaning.

export const reasonGroups = ['eligibility', 'capacity', 'person', 'risk', 'administrative'] as const;
export type ReasonGroup = (typeof reasonGroups)[number];

/** Which side ended the referral: the receiving institution, the referring team, or nobody answered. */
export type ReasonSide = 'provider' | 'referrer' | 'system';

export type ReasonCode = {
  code: string;
  group: ReasonGroup;
  side: ReasonSide;
  commands: readonly ReferralCommand[];
  retired: boolean;
  label: Record<Language, string>;
};

const reason = (
  code: string,
  group: ReasonGroup,
  side: ReasonSide,
  commands: readonly ReferralCommand[],
  lv: string,
  ru: string,
  en: string,
  retired = false,
): ReasonCode => ({ code, group, side, commands, retired, label: { lv, ru, en } });

const providerEnds = ['decline', 'end_early'] as const;
const referrerEnds = ['withdraw', 'end_early'] as const;

export const reasonCodes: readonly ReasonCode[] = [
  reason(
    'residence_elsewhere',
    'eligibility',
    'provider',
    providerEnds,
    'Pēdējā deklarētā dzīvesvieta nav šajā pašvaldībā',
    'Последнее задекларированное место жительства не в этом самоуправлении',
    'Last declared residence not in this municipality',
  ),
  reason(
    'other_sex_only',
    'eligibility',
    'provider',
    providerEnds,
    'Vieta tikai otra dzimuma cilvēkiem',
    'Место только для лиц другого пола',
    'Place for the other sex only',
  ),
  reason(
    'age_not_eligible',
    'eligibility',
    'provider',
    providerEnds,
    'Neatbilst vecuma prasībām',
    'Не подходит по возрасту',
    'Does not meet the age rules',
  ),
  reason(
    'service_not_offered',
    'eligibility',
    'provider',
    providerEnds,
    'Šādu palīdzību šeit nesniedz',
    'Такую помощь здесь не оказывают',
    'This help is not given here',
  ),
  reason(
    'no_free_bed',
    'capacity',
    'provider',
    providerEnds,
    'Nav brīvas gultasvietas',
    'Нет свободного места',
    'No free bed',
  ),
  reason(
    'no_capacity',
    'capacity',
    'provider',
    providerEnds,
    'Nav brīvu vietu vai darbinieku laika',
    'Нет мест или времени сотрудников',
    'No free places or staff time',
  ),
  reason(
    'person_declined',
    'person',
    'referrer',
    [...referrerEnds, 'decline'],
    'Cilvēks atteicās no palīdzības',
    'Человек отказался от помощи',
    'The person declined the help',
  ),
  reason(
    'person_not_reached',
    'person',
    'provider',
    providerEnds,
    'Ar cilvēku neizdevās sazināties',
    'С человеком не удалось связаться',
    'The person could not be reached',
  ),
  reason(
    'person_did_not_arrive',
    'person',
    'provider',
    ['end_early'],
    'Cilvēks neieradās',
    'Человек не пришёл',
    'The person did not arrive',
  ),
  reason(
    'found_other_help',
    'person',
    'referrer',
    referrerEnds,
    'Cilvēks saņēma palīdzību citur',
    'Человек получил помощь в другом месте',
    'The person got help elsewhere',
  ),
  reason(
    'returned_to_custody',
    'person',
    'referrer',
    referrerEnds,
    'Atgriezās ieslodzījumā',
    'Вернулся в места заключения',
    'Returned to custody',
  ),
  reason(
    'moved_away',
    'person',
    'referrer',
    referrerEnds,
    'Pārcēlās uz citu vietu',
    'Переехал в другое место',
    'Moved elsewhere',
  ),
  reason(
    'risk_too_high',
    'risk',
    'provider',
    providerEnds,
    'Risku šajā vietā nevar pārvaldīt',
    'Риск в этом месте невозможно контролировать',
    'The risk cannot be managed here',
  ),
  reason(
    'rules_broken',
    'risk',
    'provider',
    ['end_early'],
    'Pārkāpti iestādes noteikumi',
    'Нарушены правила учреждения',
    'The place’s rules were broken',
  ),
  reason(
    'information_missing',
    'administrative',
    'provider',
    providerEnds,
    'Nepietiek ziņu, lai izlemtu',
    'Недостаточно сведений для решения',
    'Not enough information to decide',
  ),
  reason(
    'sent_in_error',
    'administrative',
    'referrer',
    ['withdraw'],
    'Nosūtīts kļūdas pēc',
    'Отправлено по ошибке',
    'Sent in error',
  ),
  reason(
    'consent_withdrawn',
    'administrative',
    'referrer',
    referrerEnds,
    'Cilvēks atsauca piekrišanu',
    'Человек отозвал согласие',
    'The person withdrew consent',
  ),
  reason(
    'no_answer_in_time',
    'administrative',
    'system',
    ['expire'],
    'Neviens neatbildēja laikā',
    'Никто не ответил вовремя',
    'Nobody answered in time',
  ),
];

const byCode = new Map(reasonCodes.map((entry) => [entry.code, entry]));

/** The reason with this code, retired ones included (old events keep their label). */
export function findReasonCode(code: string): ReasonCode | undefined {
  return byCode.get(code);
}

/** True when a command may carry this reason now: it exists, is not retired and belongs to the command. */
export function isReasonAllowed(command: ReferralCommand, code: string): boolean {
  const entry = byCode.get(code);
  return entry !== undefined && !entry.retired && entry.commands.includes(command);
}

/** The reasons a form offers for a command, in the list's order. */
export function reasonsFor(command: ReferralCommand): ReasonCode[] {
  return reasonCodes.filter((entry) => !entry.retired && entry.commands.includes(command));
}
