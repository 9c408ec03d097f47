// The reconstructed 2004 wave (docs/wave-2004.md) is demonstration data: loaded and removed together with the demo
// institutions (`npx atlas demo load|remove`, and `npm start` on an empty database), never by prepareDatabase.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { importCases } from '../case-csv.service.js';
import { importResponses } from '../response-csv.service.js';
import { lv2004WaveKey } from '../survey-reference.service.js';
import { deleteWaveByKey, selectWaveByKey } from '../wave.repository.js';
import { createWave, recordPastFieldwork } from '../wave.service.js';
import { lv2004QuestionnaireKey } from './questionnaire-lv2004.js';

const lv2004Directory = dirname(fileURLToPath(import.meta.url));

/** Its name says what it is wherever staff see it; pages also show the demonstration badge (isDemonstrationWave). */
export const lv2004WaveName =
  'Demo: 2004 — Personu, kas atbrīvojas no ieslodzījuma vietām, iespējas saņemt palīdzību (rekonstruēts)';

/** True for the wave that is demonstration data (the reconstructed 2004 wave, whatever name an older copy has). */
export function isDemonstrationWave(wave: { key: string }): boolean {
  return wave.key === lv2004WaveKey;
}

export type DemoWaveLoadResult = { loaded: boolean; cases: number; responses: number };

/**
 * Loads the reconstructed 2004 wave (600 cases, 111 responses) from lv2004/*.csv through the same code as
 * `npx atlas cases|responses import`, inside the caller's transaction; does nothing when the wave is there.
 */
export async function loadLv2004DemoWave(trx: Transaction<Database>): Promise<DemoWaveLoadResult> {
  if (await selectWaveByKey(trx, lv2004WaveKey)) return { loaded: false, cases: 0, responses: 0 };
  const wave = await createWave(trx, {
    questionnaireKey: lv2004QuestionnaireKey,
    key: lv2004WaveKey,
    name: lv2004WaveName,
    // The study ran from January to June 2004; the exact mailing dates are not known.
    opensOn: '2004-01-01',
    closesOn: '2004-06-30',
    sample: { source: 'import' },
  });
  const note = '2004 study, reconstructed';
  const cases = await importCases(trx, wave, readFileSync(join(lv2004Directory, 'dispositions.csv'), 'utf8'), { note });
  const result = await importResponses(trx, wave, readFileSync(join(lv2004Directory, 'responses.csv'), 'utf8'), {
    note,
  });
  await recordPastFieldwork(trx, wave.id, {
    openedAt: new Date('2004-01-01T09:00:00+02:00'),
    closedAt: new Date('2004-06-30T18:00:00+03:00'),
  });
  return { loaded: true, cases, responses: result.imported };
}

/** Removes the 2004 wave and everything recorded under it (cases, responses, coding, counts); true if it was there. */
export async function removeLv2004DemoWave(db: Kysely<Database>): Promise<boolean> {
  return deleteWaveByKey(db, lv2004WaveKey);
}
