import { createHash, randomInt } from 'node:crypto';

// The audit trail's hash chains. Each event's hash covers the event and the hash of the event before it in its
// chain, so changing, removing or reordering an event breaks every hash after it. One global chain would make
// every audited write in every process wait for the one before it; eight chains side by side let eight writers go
// at once, and an anchor event (in chain 0) that records every chain's head ties them together, so a chain cut
// short after an anchor is found too. docs/privacy/audit.md says what the chains prove and what they do not.

export const auditChainCount = 8;
export const genesisHash = 'genesis';

/** The fields a hash covers, exactly as they are stored. */
export type ChainedEvent = {
  chainPartition: number;
  chainSequence: number;
  previousHash: string;
  id: string;
  occurredAt: Date;
  accountId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: Record<string, unknown>;
};

/** JSON with object keys sorted at every level: jsonb does not keep key order, so hashes must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 over the event's stored fields and the previous hash, hex. */
export function hashAuditEvent(event: ChainedEvent): string {
  const covered = [
    event.chainPartition,
    event.chainSequence,
    event.previousHash,
    event.id,
    event.occurredAt.toISOString(),
    event.accountId,
    event.action,
    event.entityType,
    event.entityId,
    event.details,
  ];
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** The chain a new event goes into: any one will do, spreading writers evenly. */
export function pickAuditChain(): number {
  return randomInt(auditChainCount);
}
