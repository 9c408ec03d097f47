import type { Generated } from 'kysely';

// Row type of the data keys (db/migrations/20261206_0610_network.sql). Only privacy/ reads or writes it.

export interface DataKeyTable {
  id: string;
  /** The person's data key, wrapped by key-encryption key `kek_version`; NULL once erased. */
  wrapped_key: string | null;
  kek_version: number | null;
  created_at: Generated<Date>;
  erased_at: Date | null;
}
