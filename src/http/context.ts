import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Language, Translate } from './i18n.js';

/** The signed-in staff member, as routes may see them (never the password hash or the session token). */
export type SignedInAccount = {
  id: string;
  email: string;
  displayName: string;
  role: 'administrator' | 'analyst' | 'institution_editor';
  organizationId: string | null;
};

/** What every request carries through Hono's context. */
export type AppEnvironment = {
  Variables: {
    db: Kysely<Database>;
    config: Config;
    language: Language;
    t: Translate;
    account: SignedInAccount | null;
    csrfToken: string;
  };
};
