import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { findTerritory } from '../territories/territory.service.js';
import { insertUnmetNeedRecord } from './unmet-need.repository.js';

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
