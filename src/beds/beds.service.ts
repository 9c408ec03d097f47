import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import { addDays, latvianToday, latvianTimeZone } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import { queueMessage } from '../mail/mail.service.js';
import { recordUnmetBedNightAtService } from '../planning/unmet-need.service.js';
import { getInstitution, getService } from '../registry/institution-read.service.js';
import {
  closeHold,
  countArrivalsOfReferral,
  insertBlock,
  insertCapacityUpdate,
  insertHold,
  insertMovement,
  insertReminder,
  lapseHoldsBefore,
  lockCapacityRow,
  lockCapacityRowsWithHoldsBefore,
  markReminderUsed,
  selectBlocksInForce,
  selectCapacityFigures,
  selectCapacityRow,
  selectHoldsOfServices,
  selectOpenHoldOfReferral,
  selectReminder,
  selectReminderForUpdate,
  selectServicesToRemind,
  touchCapacity,
  upsertCapacity,
} from './beds.repository.js';
import type { BlockReason, CapacityChannel } from './beds.table.js';
import { clamp, hasFreeBedNow, toBedFigure, type BedFigure } from './beds-figure.js';
import { bedsNow } from './bed-capacity-snapshot.js';
import { queueUnmetBedNight } from './unmet-bed-nights.js';

export { hasFreeBedNow, toPublicCapacity, type BedFigure, type PlacesFor, type PublicCapacity } from './beds-figure.js';
export { bedsNow, type BedsNow } from './bed-capacity-snapshot.js';
export { flushUnmetBedNights } from './unmet-bed-nights.js';

// Beds tonight: each place with beds keeps a figure ("free now: N", given by a duty worker, the API or the reminder
// link); stays since that figure (arrivals and departures from referrals, counted walk-ins) move it; holds from
// accepted referrals take from it while in force; blocked places cap it. Everything is worked out when read. Staff
// pages and every write read the database; the public finder and the HSDS API read every place's beds from memory
// (bed-capacity-snapshot.ts), kept fresh by a one-row poll, so they put no query on the public hot path.

/** The most places one service may declare; anything above is a typing slip. */
export const maximumPlaces = 10_000;

/**
 * The beds of the given services now (only services with a figure appear), read from the database in one query;
 * null reads every service with beds (the finder's "a free bed tonight" filter).
 */
export async function findBedFigures(
  db: Kysely<Database>,
  serviceIds: readonly string[] | null,
  options: { staleAfterSeconds: number; now?: Date },
): Promise<Map<string, BedFigure>> {
  const now = options.now ?? new Date();
  const rows = await selectCapacityFigures(db, serviceIds, now);
  return new Map(rows.map((row) => [row.service_id, toBedFigure(row, now, options.staleAfterSeconds)]));
}

/** Administrators manage every service's beds; intake, workers and editors only their own institution's. */
export function canManageBeds(account: SignedInAccount, organizationId: string): boolean {
  if (account.role === 'administrator') return true;
  const roles: readonly string[] = ['provider_intake', 'provider_worker', 'institution_editor'];
  return roles.includes(account.role) && account.organizationId === organizationId;
}

/** The service, when the account may manage its beds: not_found for an unknown service, forbidden for another's. */
export async function assertCanManageBeds(db: Kysely<Database>, account: SignedInAccount, serviceId: string) {
  const service = await getService(db, serviceId, 'lv');
  if (!canManageBeds(account, service.organizationId)) throw new AppError('forbidden', 'error.forbidden');
  return service;
}

export type FigureInput = {
  serviceId: string;
  available: number;
  maximum: number;
  placesMen?: number | undefined;
  placesWomen?: number | undefined;
  placesAccessible?: number | undefined;
  accountId: string | null;
  channel: CapacityChannel;
  now?: Date;
};

function outOfRange(path: string): AppError {
  return new AppError('invalid_input', 'beds.error.range', [{ path, messageKey: 'beds.error.range' }], {
    maximum: maximumPlaces,
  });
}

/** Stores "free now: N of M" for a service, recording when and by whom (and auditing it); returns what is stored. */
export async function setBedFigure(
  trx: Kysely<Database>,
  input: FigureInput,
): Promise<{ available: number; maximum: number; updatedAt: Date }> {
  const whole = (value: number) => Number.isSafeInteger(value) && value >= 0 && value <= maximumPlaces;
  if (!whole(input.maximum)) throw outOfRange('maximum');
  if (!whole(input.available) || input.available > input.maximum) throw outOfRange('available');
  const now = input.now ?? new Date();
  await lockCapacityRow(trx, input.serviceId);
  const existing = await selectCapacityRow(trx, input.serviceId);
  // Places by kind stay as they were unless given, cut down to fit a smaller maximum.
  const men = clamp(input.placesMen ?? existing?.places_men ?? 0, 0, input.maximum);
  const women = clamp(input.placesWomen ?? existing?.places_women ?? 0, 0, input.maximum - men);
  const accessible = clamp(input.placesAccessible ?? existing?.places_accessible ?? 0, 0, input.maximum);
  await upsertCapacity(trx, {
    service_id: input.serviceId,
    maximum: input.maximum,
    places_men: men,
    places_women: women,
    places_accessible: accessible,
    available: input.available,
    figure_at: now,
    updated_at: now,
    updated_by: input.accountId,
  });
  await insertCapacityUpdate(trx, {
    id: randomUUID(),
    service_id: input.serviceId,
    available: input.available,
    maximum: input.maximum,
    recorded_at: now,
    recorded_by: input.accountId,
    channel: input.channel,
  });
  await recordAuditEvent(trx, {
    accountId: input.accountId,
    action: 'beds.figure',
    entityType: 'service',
    entityId: input.serviceId,
    details: { available: input.available, maximum: input.maximum, channel: input.channel },
  });
  return { available: input.available, maximum: input.maximum, updatedAt: now };
}

/** What the duty worker's buttons do: one place fewer, one more, the same again, or a typed number. */
export type EmptyPlacesChange =
  { kind: 'minus' } | { kind: 'plus' } | { kind: 'same' } | { kind: 'set'; value: number };

/**
 * Changes the places empty now by the duty worker's tap. The figure is "empty now"; holds are taken away when read,
 * so a held place is not counted twice.
 */
export async function changeEmptyPlaces(
  trx: Kysely<Database>,
  serviceId: string,
  change: EmptyPlacesChange,
  accountId: string | null,
  channel: CapacityChannel,
  staleAfterSeconds: number,
): Promise<BedFigure> {
  await lockCapacityRow(trx, serviceId);
  const now = new Date();
  const figure = (await findBedFigures(trx, [serviceId], { staleAfterSeconds, now })).get(serviceId);
  if (!figure) throw new AppError('conflict', 'beds.error.no_figure');
  const wanted =
    change.kind === 'minus'
      ? figure.empty - 1
      : change.kind === 'plus'
        ? figure.empty + 1
        : change.kind === 'same'
          ? figure.empty
          : change.value;
  if (change.kind === 'set' && (!Number.isSafeInteger(wanted) || wanted < 0 || wanted > figure.maximum))
    throw outOfRange('available');
  await setBedFigure(trx, {
    serviceId,
    available: clamp(wanted, 0, figure.maximum),
    maximum: figure.maximum,
    accountId,
    channel,
    now,
  });
  return (await findBedFigures(trx, [serviceId], { staleAfterSeconds, now })).get(serviceId)!;
}

/** Blocks places of a service for a period, with a reason (audited). */
export async function blockPlaces(
  trx: Kysely<Database>,
  input: { serviceId: string; places: number; reason: BlockReason; from: Date; until: Date; accountId: string },
): Promise<void> {
  if (!Number.isSafeInteger(input.places) || input.places < 1 || input.places > maximumPlaces)
    throw outOfRange('places');
  if (!(input.until > input.from))
    throw new AppError('invalid_input', 'beds.error.period', [{ path: 'until', messageKey: 'beds.error.period' }]);
  const id = randomUUID();
  await insertBlock(trx, {
    id,
    service_id: input.serviceId,
    places: input.places,
    reason: input.reason,
    starts_at: input.from,
    ends_at: input.until,
    created_by: input.accountId,
    created_at: new Date(),
  });
  await touchFigure(trx, input.serviceId, input.accountId);
  await recordAuditEvent(trx, {
    accountId: input.accountId,
    action: 'beds.block',
    entityType: 'service',
    entityId: input.serviceId,
    details: { block: id, places: input.places, reason: input.reason },
  });
}

async function touchFigure(trx: Kysely<Database>, serviceId: string, accountId: string | null) {
  await touchCapacity(trx, serviceId, new Date(), accountId);
}

/** Blocks and holds in force of some services, for the duty worker's page. */
export async function listBlocksAndHolds(db: Kysely<Database>, serviceIds: readonly string[]) {
  const now = new Date();
  const [blocks, holds] = await Promise.all([
    selectBlocksInForce(db, serviceIds, now),
    selectHoldsOfServices(db, serviceIds, now),
  ]);
  return { blocks, holds };
}

/** Records a counted walk-in arriving (a place taken) or leaving (given back), with no name. */
export async function recordWalkIn(
  trx: Kysely<Database>,
  serviceId: string,
  kind: 'arrival' | 'departure',
  accountId: string,
): Promise<void> {
  if (!(await lockCapacityRow(trx, serviceId))) throw new AppError('conflict', 'beds.error.no_figure');
  const now = new Date();
  await insertMovement(trx, {
    id: randomUUID(),
    service_id: serviceId,
    kind,
    referral_id: null,
    occurred_at: now,
    recorded_by: accountId,
  });
  await touchFigure(trx, serviceId, accountId);
  await recordAuditEvent(trx, {
    accountId,
    action: `beds.walk_in.${kind}`,
    entityType: 'service',
    entityId: serviceId,
  });
}

/** The longest a hold may last: beyond that, the place is not "held" but promised, which is the provider's call. */
const longestHoldDays = 7;

/**
 * Holds one place of a service for a referral until a time. Locks the service's capacity row first, so of two
 * holds on the last free place exactly one succeeds; the other is refused (conflict, a translated message).
 */
export async function holdBed(
  trx: Kysely<Database>,
  input: { serviceId: string; referralId: string | null; until: Date; accountId: string | null; now?: Date },
): Promise<{ holdId: string }> {
  const now = input.now ?? new Date();
  if (!(input.until > now) || input.until.getTime() - now.getTime() > longestHoldDays * 86_400_000)
    throw new AppError('invalid_input', 'beds.error.hold_until', [
      { path: 'hold_until', messageKey: 'beds.error.hold_until' },
    ]);
  if (!(await lockCapacityRow(trx, input.serviceId))) throw new AppError('conflict', 'beds.error.no_figure');
  // Read after the lock: a hold committed by the transaction we waited for is counted here.
  const figure = (await findBedFigures(trx, [input.serviceId], { staleAfterSeconds: Infinity, now })).get(
    input.serviceId,
  )!;
  if (figure.free < 1) throw new AppError('conflict', 'beds.error.no_free_bed');
  const holdId = randomUUID();
  await insertHold(trx, {
    id: holdId,
    service_id: input.serviceId,
    referral_id: input.referralId,
    held_until: input.until,
    created_by: input.accountId,
    created_at: now,
    closed_at: null,
  });
  await recordAuditEvent(trx, {
    accountId: input.accountId,
    action: 'beds.hold',
    entityType: 'service',
    entityId: input.serviceId,
    details: { hold: holdId, ...(input.referralId ? { referral: input.referralId } : {}) },
  });
  return { holdId };
}

/** What a referral command means for beds; called by referrals/ inside the command's transaction. */
export type ReferralBedsEvent = {
  referralId: string;
  serviceId: string;
  organizationId: string;
  command: string;
  reasonCode?: string | null | undefined;
  /** Set on accept: hold one place until then. */
  holdUntil?: Date | null | undefined;
  accountId: string | null;
};

/**
 * Applies a referral command to beds: accept may hold a place; arrival ('start') confirms the hold and counts the
 * stay; the end of a stay gives the place back; an end before arrival lets the hold go; a decline for lack of a
 * free bed counts one unmet bed-night.
 */
export async function applyReferralCommandToBeds(trx: Kysely<Database>, event: ReferralBedsEvent): Promise<void> {
  const now = new Date();
  if (event.command === 'accept') {
    if (event.holdUntil)
      await holdBed(trx, {
        serviceId: event.serviceId,
        referralId: event.referralId,
        until: event.holdUntil,
        accountId: event.accountId,
        now,
      });
    return;
  }
  const hold = await selectOpenHoldOfReferral(trx, event.referralId);
  if (event.command === 'start') {
    if (!(await lockCapacityRow(trx, event.serviceId))) return;
    if (hold) await closeHold(trx, hold.id, 'confirmed', now);
    await insertMovement(trx, {
      id: randomUUID(),
      service_id: event.serviceId,
      kind: 'arrival',
      referral_id: event.referralId,
      occurred_at: now,
      recorded_by: event.accountId,
    });
    await touchFigure(trx, event.serviceId, event.accountId);
    await recordAuditEvent(trx, {
      accountId: event.accountId,
      action: 'beds.arrival',
      entityType: 'referral',
      entityId: event.referralId,
      details: { service: event.serviceId, ...(hold ? { hold: hold.id } : {}) },
    });
    return;
  }
  if (hold) {
    // The capacity row first, as every beds writer does, so closing the hold waits in the same queue.
    await lockCapacityRow(trx, event.serviceId);
    await closeHold(trx, hold.id, 'released', now);
    await recordAuditEvent(trx, {
      accountId: event.accountId,
      action: 'beds.hold_released',
      entityType: 'referral',
      entityId: event.referralId,
      details: { hold: hold.id, command: event.command },
    });
  }
  if (
    (event.command === 'complete' || event.command === 'end_early') &&
    (await lockCapacityRow(trx, event.serviceId))
  ) {
    if ((await countArrivalsOfReferral(trx, event.referralId)) > 0) {
      await insertMovement(trx, {
        id: randomUUID(),
        service_id: event.serviceId,
        kind: 'departure',
        referral_id: event.referralId,
        occurred_at: now,
        recorded_by: event.accountId,
      });
      await touchFigure(trx, event.serviceId, event.accountId);
    }
  }
  // Expired for lack of a free bed: nobody answered while the place had none free (a figure saying so).
  const noFreeBed =
    (event.command === 'decline' && event.reasonCode === 'no_free_bed') ||
    (event.command === 'expire' &&
      (await findBedFigures(trx, [event.serviceId], { staleAfterSeconds: Infinity, now })).get(event.serviceId)
        ?.free === 0);
  if (noFreeBed)
    await recordUnmetBedNightAtService(trx, {
      serviceId: event.serviceId,
      organizationId: event.organizationId,
      night: latvianToday(now),
      source: 'referral_no_free_bed',
    });
}

/** Marks the holds past their time as lapsed (they already count for nothing: "in force" is read with the time). */
export async function lapseBedHolds(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockCapacityRowsWithHoldsBefore(trx, now);
    const lapsed = await lapseHoldsBefore(trx, now);
    for (const hold of lapsed)
      await recordAuditEvent(trx, {
        accountId: null,
        action: 'beds.hold_lapsed',
        entityType: 'service',
        entityId: hold.service_id,
        details: { hold: hold.id },
      });
    return lapsed.length;
  });
}

/**
 * A public finder search for a bed: when no service in its municipality has a free bed now (as the finder shows it,
 * from memory), one unmet bed-night is counted — need × municipality × night, nothing else. The count is queued and
 * written within a moment in one transaction (unmet-bed-nights.ts), so the search does not wait for a write.
 */
export async function recordBedSearch(
  db: Kysely<Database>,
  search: { municipalityCode: string; serviceIdsInMunicipality: readonly string[]; staleAfterSeconds: number },
): Promise<boolean> {
  const { figures } = await bedsNow(db, search.staleAfterSeconds);
  if (search.serviceIdsInMunicipality.some((serviceId) => hasFreeBedNow(figures.get(serviceId)))) return false;
  queueUnmetBedNight(db, { territoryCode: search.municipalityCode, night: latvianToday() });
  return true;
}

// ---- the evening reminder ---------------------------------------------------------------------------------------

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The moment `HH:MM` Latvian time on a Latvian day. */
export function latvianMoment(day: string, time: string): Date {
  // Try both offsets Latvia uses (+02:00, +03:00) and keep the one that reads back as that wall-clock time.
  for (const offset of ['+03:00', '+02:00']) {
    const moment = new Date(`${day}T${time}:00${offset}`);
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: latvianTimeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(moment);
    if (wall === time) return moment;
  }
  return new Date(`${day}T${time}:00+02:00`);
}

/** "2026-12-08T18:00" (a form's date and time, Latvian time) as a moment. */
export function latvianDateTime(text: string): Date {
  return latvianMoment(text.slice(0, 10), text.slice(11, 16));
}

/** Issues a one-use reminder link token for a service and day; only its hash is stored. Null if one exists. */
export async function issueReminderToken(
  db: Kysely<Database>,
  serviceId: string,
  sentOn: string,
  now: Date = new Date(),
): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  const stored = await insertReminder(db, {
    token_hash: hashToken(token),
    service_id: serviceId,
    sent_on: sentOn,
    // Good until the next morning's noon: the figure it confirms is tonight's.
    expires_at: latvianMoment(addDays(sentOn, 1), '12:00'),
    used_at: null,
  });
  return stored && now < latvianMoment(addDays(sentOn, 1), '12:00') ? token : null;
}

/** The reminder behind a link, checked against the service in the link: 4xx when unknown, reused, expired or another's. */
export async function readReminder(db: Kysely<Database>, serviceId: string, token: string, now: Date = new Date()) {
  const reminder = await selectReminder(db, hashToken(token));
  assertReminderUsable(reminder, serviceId, now);
  return reminder!;
}

function assertReminderUsable(
  reminder: Awaited<ReturnType<typeof selectReminder>>,
  serviceId: string,
  now: Date,
): void {
  if (!reminder) throw new AppError('not_found', 'beds.error.link_unknown');
  if (reminder.service_id !== serviceId) throw new AppError('forbidden', 'beds.error.link_other_service');
  if (reminder.used_at !== null) throw new AppError('conflict', 'beds.error.link_used');
  if (reminder.expires_at <= now) throw new AppError('conflict', 'beds.error.link_expired');
}

/** Uses a reminder link once: confirms the figure as it stands ('same') or sets the places empty now. */
export async function answerReminder(
  trx: Kysely<Database>,
  input: { serviceId: string; token: string; change: EmptyPlacesChange; staleAfterSeconds: number },
): Promise<BedFigure> {
  const now = new Date();
  const reminder = await selectReminderForUpdate(trx, hashToken(input.token));
  assertReminderUsable(reminder, input.serviceId, now);
  await markReminderUsed(trx, reminder!.token_hash, now);
  return changeEmptyPlaces(trx, input.serviceId, input.change, null, 'reminder', input.staleAfterSeconds);
}

/**
 * The evening reminder (the beds.remind job, every few minutes; the jobs table runs it once per cluster): after the
 * reminder time, each place whose figure has not changed today gets one short e-mail a day with a one-use link.
 */
export async function sendBedReminders(
  db: Kysely<Database>,
  config: Config,
  now: Date = new Date(),
): Promise<{ sent: number; links: Array<{ serviceId: string; url: string }> }> {
  const today = latvianToday(now);
  if (now < latvianMoment(today, config.bedsReminderAt)) return { sent: 0, links: [] };
  const startOfToday = latvianMoment(today, '00:00');
  const due = await selectServicesToRemind(db, startOfToday, today);
  const links: Array<{ serviceId: string; url: string }> = [];
  for (const { service_id: serviceId } of due) {
    const service = await getService(db, serviceId, 'lv').catch(() => null);
    if (!service) continue;
    const institution = await getInstitution(db, service.organizationId).catch(() => null);
    const to = service.email ?? institution?.email ?? null;
    await db.transaction().execute(async (trx) => {
      const token = await issueReminderToken(trx, serviceId, today, now);
      if (!token) return;
      const figure = (await findBedFigures(trx, [serviceId], { staleAfterSeconds: Infinity, now })).get(serviceId);
      const url = `${config.publicUrl}/beds/${serviceId}/reminder/${token}`;
      links.push({ serviceId, url });
      if (!to) return;
      await queueMessage(trx, config, {
        purpose: 'beds.reminder',
        subjectType: 'service',
        subjectId: serviceId,
        to,
        language: 'lv',
        contentLanguages: ['lv', 'en'],
        subject: `Vai šovakar joprojām ${figure?.empty ?? 0} brīvas vietas? / Still ${figure?.empty ?? 0} free tonight?`,
        text: [
          `${service.name}: vai šovakar joprojām ${figure?.empty ?? 0} brīvas vietas?`,
          `Apstiprināt vai mainīt ar vienu pieskārienu: ${url}`,
          '',
          `${service.name}: still ${figure?.empty ?? 0} free tonight?`,
          `Confirm or change it in one tap: ${url}`,
        ].join('\n'),
        secrets: [token],
      });
    });
  }
  return { sent: links.length, links };
}

// ---- HSDS 3.1 service_capacity ----------------------------------------------------------------------------------

/** The one unit our capacities count in: beds (HSDS 3.1 unit record; fixed id so every export names it alike). */
export const bedUnit = {
  id: '7a1a5000-2004-4e00-8000-0000000bed01',
  name: 'Bed',
  scheme: 'reentry-atlas',
  identifier: 'bed',
  grouping: null,
} as const;

/** A stable id for a service's capacity record (one per service), derived from the service id. */
function capacityRecordId(serviceId: string): string {
  const hex = createHash('sha256').update(`service_capacity:${serviceId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** HSDS 3.1 `service_capacity` records of a figure: free beds now (holds taken away) of the maximum, and when. */
export function toServiceCapacityRecords(figure: BedFigure) {
  return [
    {
      id: capacityRecordId(figure.serviceId),
      service_id: figure.serviceId,
      unit: bedUnit,
      available: figure.free,
      maximum: figure.maximum,
      description: figure.stale ? 'Last known figure: call to check.' : 'Free beds now.',
      updated: figure.updatedAt.toISOString(),
    },
  ];
}

/**
 * Adds `capacities` (HSDS 3.1 service_capacity) to HSDS service records — one record, or a page's `contents` —
 * from the kept figures (bedsNow); a service without beds gets an empty list.
 */
export async function addServiceCapacities<T>(db: Kysely<Database>, payload: T, staleAfterSeconds: number): Promise<T> {
  const isRecord = (value: unknown): value is { id: string } =>
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
  const contents = (payload as { contents?: unknown }).contents;
  const records = Array.isArray(contents) ? contents.filter(isRecord) : isRecord(payload) ? [payload] : [];
  const { figures } = await bedsNow(db, staleAfterSeconds);
  for (const record of records) {
    const figure = figures.get(record.id);
    (record as Record<string, unknown>).capacities = figure ? toServiceCapacityRecords(figure) : [];
  }
  return payload;
}
