import { matchPerson, newChildRecordOfficeCode } from '@harbor/policy';
import type { ReferralChild } from '@harbor/policy/api';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuditEntry } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import { insertPeople, openIdentity } from '../people/index.js';
import type { UnitDb } from '../data/index.js';
import { offices, people, referralChildren } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { recordType } from './service.js';

/**
 * Each child of a submitted referral gets a person record (issue 3, repeat victims): the record
 * the worker linked when Harbor showed a possible earlier match, or a new child's record, filed
 * where the policy says (`newChildRecordOfficeCode`). Two referrals about one child thus share
 * one person.
 */

/**
 * A link must name a known child who still matches the child as the worker entered it (the same
 * rule that showed the match), and each person once per referral: a link cannot be used to reach
 * an unrelated child's record.
 */
async function checkLinks(tx: UnitDb, vault: Vault, children: readonly ReferralChild[]): Promise<void> {
  const linked = children.flatMap((c, i) => (c.linkedPersonId ? [{ i, id: c.linkedPersonId, child: c }] : []));
  if (linked.length === 0) return;
  const found = await tx
    .select({ id: people.id, identity: people.identity, townName: people.townName })
    .from(people)
    .where(and(inArray(people.id, linked.map((l) => l.id)), eq(people.kind, 'child')));
  const byId = new Map(found.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const fields: { field: string; message: string }[] = [];
  for (const l of linked) {
    const field = `children.${l.i}.linkedPersonId`;
    const row = byId.get(l.id);
    const matches = row
      ? matchPerson(
          { firstName: l.child.firstName, lastName: l.child.lastName, aliases: l.child.aliases, dateOfBirth: l.child.dateOfBirth ?? null, townName: l.child.townName },
          { ...openIdentity(vault, row.id, row.identity), townName: row.townName },
        )
      : null;
    if (!row || !matches) fields.push({ field, message: 'This earlier record does not match the child as entered; search again and link only a child Harbor shows you' });
    else if (seen.has(l.id)) fields.push({ field, message: 'Two children of one referral cannot be the same person' });
    seen.add(l.id);
  }
  if (fields.length > 0) throw new HttpError(400, 'validation', `Check these fields before you submit: ${fields.map((f) => f.field).join(', ')}`, fields);
}

/** Files a person record for each child (or links the earlier one) and answers their ids, by child. */
export async function recordChildren(
  tx: UnitDb,
  s: { referralId: string; userId: string; now: Date; audit: (entry: AuditEntry) => void | Promise<void>; vault: Vault },
  children: readonly ReferralChild[],
): Promise<{ personId: string; linked: boolean }[]> {
  await checkLinks(tx, s.vault, children);
  const [careline] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.code, newChildRecordOfficeCode));
  if (!careline) throw new Error(`no office ${newChildRecordOfficeCode}`);
  // One insert of the new children's records (and their match keys) and one of the referral's
  // children, whatever their number (issue 11).
  const fresh = children.flatMap((child, i) => (child.linkedPersonId ? [] : [{ i, child }]));
  const freshIds = await insertPeople(
    tx,
    s.vault,
    fresh.map(({ child }) => ({
      kind: 'child',
      firstName: child.firstName,
      lastName: child.lastName ?? '',
      aliases: child.aliases,
      dateOfBirth: child.dateOfBirth ?? null,
      gender: child.gender,
      townName: child.townName,
      officeId: careline.id,
      createdBy: s.userId,
      createdAt: s.now,
    })),
  );
  const newId = new Map(fresh.map((f, n) => [f.i, freshIds[n]!]));
  for (const f of fresh) await s.audit({ action: 'person.create', recordType: 'person', recordId: newId.get(f.i)!, detail: { referralId: s.referralId, childIndex: f.i } });
  const out = children.map((child, i) => ({ personId: child.linkedPersonId ?? newId.get(i)!, linked: Boolean(child.linkedPersonId) }));
  if (out.length > 0) await tx.insert(referralChildren).values(out.map((c, i) => ({ referralId: s.referralId, childIndex: i, personId: c.personId, createdAt: s.now })));
  // The author reaches the children they recorded, not an earlier child's record they linked:
  // that comes with the investigation (assignment), as for every other worker.
  await shareReachWithChildren(tx, s.referralId, s.now, out.filter((c) => !c.linked).map((c) => c.personId));
  return out;
}

/**
 * Whoever is assigned to the referral (its author, later its investigation worker) is assigned
 * to its children's person records too, so a worker with assigned reach can open them.
 */
export async function shareReachWithChildren(tx: UnitDb, referralId: string, now: Date, onlyPeople?: readonly string[]): Promise<void> {
  if (onlyPeople && onlyPeople.length === 0) return;
  const only = onlyPeople ? sql` and rc.person_id in (${sql.join(onlyPeople.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  await tx.execute(sql`
    insert into assignments (record_type, record_id, user_id, created_at)
    select distinct 'person'::text, rc.person_id, a.user_id, ${now.toISOString()}::timestamptz
      from referral_children rc
      join assignments a on a.record_type = ${recordType} and a.record_id = rc.referral_id and a.ended_at is null
     where rc.referral_id = ${referralId}${only}
       and not exists (select 1 from assignments p where p.record_type = 'person' and p.record_id = rc.person_id
                          and p.user_id = a.user_id and p.ended_at is null)`);
}

/** A worker taken off a referral loses its children, unless another referral about the child still gives them reach. */
export async function endReachOverChildren(tx: UnitDb, referralId: string, userId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update assignments pa set ended_at = ${now.toISOString()}::timestamptz
     where pa.record_type = 'person' and pa.user_id = ${userId} and pa.ended_at is null
       and pa.record_id in (select rc.person_id from referral_children rc where rc.referral_id = ${referralId})
       and not exists (select 1 from referral_children rc2
                         join assignments ra on ra.record_type = ${recordType} and ra.record_id = rc2.referral_id
                                            and ra.user_id = ${userId} and ra.ended_at is null
                        where rc2.person_id = pa.record_id and rc2.referral_id <> ${referralId})`);
}
