import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { SignedInAccount } from '../core/account.js';
import type { Keyring } from '../privacy/keyring.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';

/** What every request carries through Hono's context. */
export type AppEnvironment = {
  Variables: {
    db: Kysely<Database>;
    config: Config;
    language: Language;
    t: Translate;
    account: SignedInAccount | null;
    csrfToken: string;
    /** The keys that seal and open personal data (privacy/keyring.ts). */
    keyring: Keyring;
  };
};
