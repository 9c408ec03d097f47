import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { findTerritory } from '../territories/territory.service.js';
import { insertUnmetNeedRecord } from './unmet-need.repository.js';
import { municipalitiesOfServices } from './planning.service.js';
import type { BedNightSource } from './unmet-need.table.js';

// "No suitable service found": the referral form records that a referrer looked for a help type in a territory and
// found nothing to refer to. Only the need, the place and the day are kept — no person, referral or account — so the
// planners can count unmet need without anyone's data.

export const unmetNeedSources = ['referral_form', 'api'] as const;
export type UnmetNeedSource = (typeof unmetNeedSources)[number];

export type NoSuitableServiceInput = {
  helpType: string;
  territoryCode: string;
  source?: UnmetNeedSource | undefined;
  /** The day it is recorded on; today in Latvia by default. */
  recordedOn?: string | undefined;
};

/** Records one "no suitable service found" for a help type and territory; returns the record's id. */
export async function recordNoSuitableService(
  db: Kysely<Database>,
  input: NoSuitableServiceInput,
): Promise<{ id: string }> {
  const helpType = input.helpType.split('.')[0] ?? input.helpType;
  if (!(helpTypeCodes as readonly string[]).includes(helpType))
    throw new AppError('invalid_input', 'planning.error.help_type', [
      { path: 'help_type', messageKey: 'planning.error.help_type' },
    ]);
  const territory = await findTerritory(db, input.territoryCode);
  if (!territory)
    throw new AppError('invalid_input', 'planning.error.territory', [
      { path: 'territory_code', messageKey: 'planning.error.territory' },
    ]);
  const id = randomUUID();
  await insertUnmetNeedRecord(db, {
    id,
    help_type: helpType,
    // Counted by municipality: a parish or town is kept as its municipality, which is all the page shows.
    territory_code: territory.municipalityCode,
    recorded_on: input.recordedOn ?? latvianToday(),
    source: input.source ?? 'referral_form',
  });
  return { id };
}

/** Records one unmet bed-night: shelter × municipality × night, nothing else. */
export async function recordUnmetBedNight(
  db: Kysely<Database>,
  input: { territoryCode: string; night: string; source: BedNightSource },
): Promise<void> {
  const territory = await findTerritory(db, input.territoryCode);
  // A place the territory register does not know cannot be counted by municipality.
  if (!territory) return;
  await insertUnmetNeedRecord(db, {
    id: randomUUID(),
    help_type: 'shelter',
    territory_code: territory.municipalityCode,
    recorded_on: input.night,
    source: input.source,
  });
}

/** Records one unmet bed-night in the municipality of a service (its first location's, else its service area's). */
export async function recordUnmetBedNightAtService(
  db: Kysely<Database>,
  input: { serviceId: string; organizationId: string; night: string; source: BedNightSource },
): Promise<void> {
  const place = (await municipalitiesOfServices(db, [input])).get(input.serviceId);
  if (!place) return;
  await recordUnmetBedNight(db, { territoryCode: place, night: input.night, source: input.source });
}
