import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { auditChainCount, genesisHash, hashAuditEvent, pickAuditChain } from './audit-chain.js';
import {
  countAuditEvents,
  deleteChainPrefix,
  deleteUnchainedEventsBefore,
  insertAuditEvent,
  lockAllChainHeads,
  lockChainHead,
  selectAnchorEvents,
  selectAuditEvents,
  selectChainBatch,
  selectChainCheckpoints,
  selectChainHeads,
  selectChainPrefix,
  selectDistinctActions,
  selectFirstSequenceSince,
  selectLatestPruneEvent,
  selectEventsForEntities,
  updateChainHead,
  upsertChainCheckpoint,
  type AuditEventFilter,
} from './audit.repository.js';

/**
 * One entry of the audit trail. Data about released people is special-category data (GDPR Art. 10): events hold
 * ids, actions and codes only — never names, contact details, free text or anything else personal.
 */
export type AuditEventInput = {
  accountId: string | null;
  /** Dotted, domain first: 'registry.service.update', 'account.login', 'account.login_failed'. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** Ids, codes, counts, changed field names — no personal values. */
  details?: Record<string, unknown>;
};

export type AuditEvent = {
  id: string;
  occurredAt: Date;
  accountId: string | null;
  accountEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: Record<string, unknown>;
};

export type { AuditEventFilter };

/**
 * Records an audit event; call it with the transaction that makes the change, so both commit or neither. The
 * event joins one of the hash chains; that chain's head stays locked until the transaction ends.
 */
export async function recordAuditEvent(db: Kysely<Database>, event: AuditEventInput): Promise<string> {
  const id = randomUUID();
  const append = (trx: Kysely<Database>) => appendToChain(trx, pickAuditChain(), id, event);
  if (db.isTransaction) await append(db);
  else await db.transaction().execute(append);
  return id;
}

async function appendToChain(
  trx: Kysely<Database>,
  partition: number,
  id: string,
  event: AuditEventInput,
): Promise<void> {
  const head = await lockChainHead(trx, partition);
  const row = {
    id,
    occurredAt: new Date(),
    accountId: event.accountId,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    details: event.details ?? {},
    chainPartition: partition,
    chainSequence: head.sequence + 1,
    previousHash: head.hash,
  };
  const hash = hashAuditEvent(row);
  await insertAuditEvent(trx, { ...row, hash });
  await updateChainHead(trx, partition, row.chainSequence, hash);
}

/**
 * Writes an anchor: an event in chain 0 that records every chain's head, so the chains vouch for each other.
 * A scheduled job calls it; `atlas audit verify` checks each anchor against the chains.
 */
export async function anchorAuditChains(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const heads = await lockAllChainHeads(trx);
    const details = {
      heads: heads.map((head) => ({ chain: head.partition, sequence: head.sequence, hash: head.hash })),
    };
    await appendToChain(trx, 0, randomUUID(), { accountId: null, action: 'audit.anchor', details });
  });
}

/** Where the audit trail does not hold together. */
export type AuditChainBreak = { chain: number; sequence: number; eventId: string | null; problem: string };

const verifyBatchSize = 2000;

/**
 * Checks every chain from its first event: sequences without gaps, each event's previous hash equal to the hash
 * before it, each hash equal to a fresh hash of the stored fields, each chain's end equal to its recorded head,
 * and every anchor's recorded heads present in their chains. Events are read in batches of 2 000.
 */
export async function verifyAuditChains(db: Kysely<Database>): Promise<{ checked: number; breaks: AuditChainBreak[] }> {
  const breaks: AuditChainBreak[] = [];
  // Anchors are few: read them first, then keep only the hashes they name while walking the chains.
  const anchors = (await selectAnchorEvents(db)).map((row) => ({
    sequence: row.sequence,
    eventId: row.id,
    heads: anchorHeads(row.details),
  }));
  const wanted = new Set(anchors.flatMap((anchor) => anchor.heads.map((head) => `${head.chain}:${head.sequence}`)));
  const hashAt = new Map<string, string>();
  let checked = 0;
  const heads = await selectChainHeads(db);
  // Where retention deleted a chain's oldest events, the chain begins at its checkpoint (the last deleted event).
  const checkpoints = await selectChainCheckpoints(db);
  breaks.push(...(await checkCheckpointsAreRecorded(db, checkpoints)));
  for (const checkpoint of checkpoints) hashAt.set(`${checkpoint.partition}:${checkpoint.sequence}`, checkpoint.hash);
  for (let chain = 0; chain < auditChainCount; chain++) {
    const checkpoint = checkpoints.find((entry) => entry.partition === chain);
    let expectedSequence = (checkpoint?.sequence ?? 0) + 1;
    let previousHash = checkpoint?.hash ?? genesisHash;
    for (;;) {
      const batch = await selectChainBatch(db, chain, expectedSequence - 1, verifyBatchSize);
      for (const event of batch) {
        checked += 1;
        const where = { chain, sequence: event.chainSequence, eventId: event.id };
        if (event.chainSequence !== expectedSequence)
          breaks.push({ ...where, problem: `sequence ${expectedSequence} is missing` });
        if (event.previousHash !== previousHash) breaks.push({ ...where, problem: 'previous hash does not match' });
        if (hashAuditEvent(event) !== event.hash)
          breaks.push({ ...where, problem: 'event was changed after it was written' });
        if (wanted.has(`${chain}:${event.chainSequence}`)) hashAt.set(`${chain}:${event.chainSequence}`, event.hash);
        expectedSequence = event.chainSequence + 1;
        previousHash = event.hash;
      }
      if (batch.length < verifyBatchSize) break;
    }
    const head = heads.find((entry) => entry.partition === chain);
    if (head && (head.sequence !== expectedSequence - 1 || head.hash !== previousHash)) {
      breaks.push({
        chain,
        sequence: expectedSequence - 1,
        eventId: null,
        problem: `chain ends before its recorded head (${head.sequence})`,
      });
    }
  }
  for (const anchor of anchors) {
    for (const head of anchor.heads) {
      if (head.sequence === 0) continue;
      // An anchor older than a checkpoint may name events that retention deleted: nothing left to compare.
      const checkpoint = checkpoints.find((entry) => entry.partition === head.chain);
      if (checkpoint && head.sequence < checkpoint.sequence) continue;
      if (hashAt.get(`${head.chain}:${head.sequence}`) !== head.hash) {
        breaks.push({
          chain: head.chain,
          sequence: head.sequence,
          eventId: anchor.eventId,
          problem: `does not match the anchor in chain 0 at ${anchor.sequence}`,
        });
      }
    }
  }
  return { checked, breaks };
}

/** Every checkpoint must be the one the newest 'audit.prune' event recorded: a checkpoint made by hand is a break. */
async function checkCheckpointsAreRecorded(
  db: Kysely<Database>,
  checkpoints: { partition: number; sequence: number; hash: string }[],
): Promise<AuditChainBreak[]> {
  if (checkpoints.length === 0) return [];
  const prune = await selectLatestPruneEvent(db);
  const recorded = prune ? anchorHeads({ heads: prune.details.checkpoints }) : [];
  return checkpoints
    .filter(
      (checkpoint) =>
        !recorded.some(
          (entry) =>
            entry.chain === checkpoint.partition &&
            entry.sequence === checkpoint.sequence &&
            entry.hash === checkpoint.hash,
        ),
    )
    .map((checkpoint) => ({
      chain: checkpoint.partition,
      sequence: checkpoint.sequence,
      eventId: prune?.id ?? null,
      problem: 'the chain begins at a checkpoint that no retention run recorded',
    }));
}

/** What deleting the audit trail's old events did (or would do): events deleted, per chain and in all. */
export type AuditPruneResult = { deleted: number; chains: { chain: number; deleted: number; upTo: number }[] };

/**
 * Deletes the events older than `before` from the start of each hash chain: a prefix, never a gap, so each chain
 * stays verifiable from a checkpoint (the last deleted event's place and hash), recorded in
 * audit_chain_checkpoint and, with the counts, in an 'audit.prune' event. Only under
 * `SET LOCAL atlas.audit_retention = 'on'` does the database allow it. With `apply: false` it only counts.
 */
export async function pruneAuditEvents(
  db: Kysely<Database>,
  options: { before: Date; apply: boolean },
): Promise<AuditPruneResult> {
  const prune = async (trx: Kysely<Database>): Promise<AuditPruneResult> => {
    if (options.apply) await sql`SET LOCAL atlas.audit_retention = 'on'`.execute(trx);
    // Locked in partition order, like an anchor: no event joins a chain while its prefix is measured and cut.
    const heads = options.apply ? await lockAllChainHeads(trx) : await selectChainHeads(trx);
    const checkpoints = await selectChainCheckpoints(trx);
    const chains: AuditPruneResult['chains'] = [];
    for (const head of heads) {
      const from = checkpoints.find((entry) => entry.partition === head.partition)?.sequence ?? 0;
      const firstKept = await selectFirstSequenceSince(trx, head.partition, options.before);
      const upTo = firstKept === undefined ? head.sequence : firstKept - 1;
      if (upTo <= from) continue;
      const prefix = await selectChainPrefix(trx, head.partition, upTo);
      if (prefix.count === 0 || prefix.hash === undefined) continue;
      if (options.apply) {
        await deleteChainPrefix(trx, head.partition, upTo);
        await upsertChainCheckpoint(trx, head.partition, upTo, prefix.hash);
      }
      chains.push({ chain: head.partition, deleted: prefix.count, upTo });
    }
    const unchained = await deleteUnchainedEventsBefore(trx, options.before, options.apply);
    const deleted = chains.reduce((sum, chain) => sum + chain.deleted, 0) + unchained;
    if (options.apply && deleted > 0) {
      const now = await selectChainCheckpoints(trx);
      await appendToChain(trx, 0, randomUUID(), {
        accountId: null,
        action: 'audit.prune',
        details: {
          before: options.before.toISOString(),
          deleted,
          checkpoints: now.map((entry) => ({ chain: entry.partition, sequence: entry.sequence, hash: entry.hash })),
        },
      });
    }
    return { deleted, chains };
  };
  return db.isTransaction ? prune(db) : db.transaction().execute(prune);
}

function anchorHeads(details: Record<string, unknown>): { chain: number; sequence: number; hash: string }[] {
  const heads = details.heads;
  return Array.isArray(heads) ? (heads as { chain: number; sequence: number; hash: string }[]) : [];
}

/** One page of audit events, newest first, with the total that match the filter. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditEventFilter,
  page: { limit: number; offset: number },
): Promise<{ events: AuditEvent[]; total: number }> {
  const [rows, total] = await Promise.all([
    selectAuditEvents(db, filter, page.limit, page.offset),
    countAuditEvents(db, filter),
  ]);
  return {
    total,
    events: rows.map((row) => ({
      id: row.id,
      occurredAt: new Date(row.occurred_at),
      accountId: row.account_id,
      accountEmail: row.account_email,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      details: row.details ?? {},
    })),
  };
}

/** Every action name recorded so far, for the filter's choices. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  return selectDistinctActions(db);
}

/** Every audit event about these records (ids of a person, their consents and referrals), oldest first. */
export async function listAuditEventsForRecords(db: Kysely<Database>, recordIds: readonly string[]) {
  const rows = await selectEventsForEntities(db, recordIds);
  return rows.map((row) => ({
    occurredAt: new Date(row.occurred_at),
    accountId: row.account_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details ?? {},
  }));
}
