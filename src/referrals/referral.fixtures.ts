// The referral tests' common ground, made through the network API as a referrer's system would: the demo data's
// services, API tokens for test accounts, and a person with consent and a referral, sent. Each step asserts its
// status, so a test fails where its set-up does. Tests only.
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createApiToken } from '../accounts/api-token.service.js';
import type { TestAccount } from '../accounts/testing.js';
import type { Database } from '../db/database.js';

/** A service of the demo data and the institution that runs it. */
export type ReferralTestService = { id: string; organization_id: string };

/** The demo data's services that belong to an institution, the first of each institution, in id order. */
export async function servicesOfDistinctInstitutions(db: Kysely<Database>): Promise<ReferralTestService[]> {
  const rows = await db
    .selectFrom('service')
    .select(['id', 'organization_id'])
    .where('organization_id', 'is not', null)
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.organization_id!)) return [];
    seen.add(row.organization_id!);
    return [{ id: row.id, organization_id: row.organization_id! }];
  });
}

/** An API token for each named account. */
export async function apiTokensFor(
  db: Kysely<Database>,
  accounts: Record<string, TestAccount>,
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [name, account] of Object.entries(accounts))
    tokens[name] = (await createApiToken(db, account.id, 'test', null)).token;
  return tokens;
}

export type ApiAnswer = { status: number; json: Record<string, any> };
/** One network API call as the named account (`null`: without a token), JSON in and out. */
export type ApiCall = (
  who: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

/** Calls `app` with the bearer token of `tokens[who]`; the tokens may be filled in after this is made. */
export function networkApiCaller(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  tokens: Record<string, string>,
): ApiCall {
  return async (who, method, path, body, headers = {}) => {
    const response = await app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
}

/** The person most referral tests refer (made-up name and personal code). */
export const testPerson = {
  given_name: 'Jānis',
  family_name: 'Paraudziņš',
  personal_code: '010190-12345',
  language: 'lv',
  last_residence: '0021000',
};

/** Registers a person as `who`; returns their id. */
export async function createTestPerson(call: ApiCall, who: string, person: Record<string, string>): Promise<string> {
  const created = await call(who, 'POST', '/api/v1/people', person);
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json.id as string;
}

/** What a person agrees to share, with whom and why; signed on paper, valid until 2099. */
export type TestConsent = { recipients: string[]; categories: string[]; purpose: string };

/** Records the person's consent as `who`; returns its id. */
export async function giveTestConsent(
  call: ApiCall,
  who: string,
  personId: string,
  consent: TestConsent,
): Promise<string> {
  const given = await call(who, 'POST', `/api/v1/people/${personId}/consents`, {
    ...consent,
    method: 'signed_paper',
    expires_on: '2099-01-01',
  });
  assert.equal(given.status, 201, JSON.stringify(given.json));
  return given.json.id as string;
}

/** A draft referral's body, without the person. */
export type TestReferralDraft = {
  service_id: string;
  needs: string[];
  urgency: string;
  needed_by?: string;
  note?: string;
};

/** Drafts a referral for the person as `who`; returns the draft as the API answered it. */
export async function draftTestReferral(
  call: ApiCall,
  who: string,
  personId: string,
  draft: TestReferralDraft,
): Promise<Record<string, any>> {
  const drafted = await call(who, 'POST', '/api/v1/referrals', { person_id: personId, ...draft });
  assert.equal(drafted.status, 201, JSON.stringify(drafted.json));
  return drafted.json;
}

/** A person, their consent and a referral to a service, sent by `who` (the referrer); returns both ids. */
export async function sendTestReferral(
  call: ApiCall,
  who: string,
  input: { person: Record<string, string>; consent: TestConsent; draft: TestReferralDraft },
): Promise<{ personId: string; referralId: string }> {
  const personId = await createTestPerson(call, who, input.person);
  await giveTestConsent(call, who, personId, input.consent);
  const referralId = (await draftTestReferral(call, who, personId, input.draft)).id as string;
  const sent = await call(who, 'POST', `/api/v1/referrals/${referralId}/commands`, { command: 'send', version: 1 });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  return { personId, referralId };
}
