import type { Person } from '../people/person.service.js';
import type { ReferralEventView, ReferralSummary } from './referral.service.js';

// Domain objects → the API's JSON (snake_case, dates as ISO strings). Named fields only: nothing leaks by accident.

export function toReferralJson(
  referral: ReferralSummary,
  detail?: { note: string | null; riskNote: string | null; events: ReferralEventView[] },
) {
  return {
    id: referral.id,
    state: referral.state,
    version: referral.version,
    person_id: referral.personId,
    service_id: referral.serviceId,
    organization_id: referral.organizationId,
    team_id: referral.teamOrganizationId,
    needs: referral.needs,
    urgency: referral.urgency,
    needed_by: referral.neededBy,
    due_at: referral.dueAt?.toISOString() ?? null,
    viewed_at: referral.viewedAt?.toISOString() ?? null,
    created_at: referral.createdAt.toISOString(),
    updated_at: referral.updatedAt.toISOString(),
    outcome: referral.outcome,
    continues_referral_id: referral.continuesReferralId,
    ...(detail
      ? {
          note: detail.note,
          risk_note: detail.riskNote,
          events: detail.events.map((event) => ({
            version: event.version,
            command: event.command,
            from: event.from,
            to: event.to,
            actor: event.actor,
            reason_code: event.reasonCode,
            note: event.note,
            occurred_at: event.occurredAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function toPersonJson(person: Partial<Person>) {
  const field = <K extends keyof Person>(key: K) => (key in person ? (person[key] ?? null) : undefined);
  return {
    id: person.id,
    erased: person.erased ?? false,
    given_name: field('givenName'),
    family_name: field('familyName'),
    personal_code: field('personalCode'),
    birth_date: field('birthDate'),
    phone: field('phone'),
    email: field('email'),
    language: person.language,
    expected_release: field('expectedRelease'),
    prison_id: field('prisonOrganizationId'),
    planned_stay: field('plannedStay'),
    last_residence: field('lastResidence'),
  };
}
