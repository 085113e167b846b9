import { locateTown } from '@harbor/policy';
import type { ReferralChild } from '@harbor/policy/api';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Audit } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import { insertPerson } from '../people/index.js';
import type { Tx } from '../db/client.js';
import { offices, people, referralChildren } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { recordType } from './service.js';

/**
 * Each child of a submitted referral gets a person record (issue 3, repeat victims): the record
 * the worker linked when Harbor showed a possible earlier match, or a new child's record filed
 * with the area office of the child's Connecticut town (the Careline's office otherwise). Two
 * referrals about one child thus share one person.
 */
const carelineOfficeCode = 'CARELINE';

function officeCodeFor(child: ReferralChild): string {
  const town = child.state === 'CT' && child.townName ? locateTown(child.townName) : null;
  return town?.areaOffice.code ?? carelineOfficeCode;
}

async function checkLinks(tx: Tx, children: readonly ReferralChild[]): Promise<void> {
  const linked = children.flatMap((c, i) => (c.linkedPersonId ? [{ i, id: c.linkedPersonId }] : []));
  if (linked.length === 0) return;
  const found = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, linked.map((l) => l.id)), eq(people.kind, 'child')));
  const known = new Set(found.map((f) => f.id));
  const fields = linked.filter((l) => !known.has(l.id)).map((l) => ({ field: `children.${l.i}.linkedPersonId`, message: 'Link the child only to a child Harbor knows; search again' }));
  if (fields.length > 0) throw new HttpError(400, 'validation', `Check these fields before you submit: ${fields.map((f) => f.field).join(', ')}`, fields);
}

/** Files a person record for each child (or links the earlier one) and answers their ids, by child. */
export async function recordChildren(
  tx: Tx,
  s: { referralId: string; userId: string; now: Date; audit: Audit; vault: Vault },
  children: readonly ReferralChild[],
): Promise<{ personId: string; linked: boolean }[]> {
  await checkLinks(tx, children);
  const codes = [...new Set(children.map(officeCodeFor))];
  const officeRows = await tx.select({ id: offices.id, code: offices.code }).from(offices).where(inArray(offices.code, codes));
  const officeId = new Map(officeRows.map((o) => [o.code, o.id]));
  const out: { personId: string; linked: boolean }[] = [];
  for (const [i, child] of children.entries()) {
    let personId = child.linkedPersonId ?? null;
    const linked = personId !== null;
    if (!personId) {
      const office = officeId.get(officeCodeFor(child));
      if (!office) throw new Error(`no office ${officeCodeFor(child)}`);
      personId = await insertPerson(tx, s.vault, {
        kind: 'child',
        firstName: child.firstName,
        lastName: child.lastName ?? '',
        aliases: child.aliases,
        dateOfBirth: child.dateOfBirth ?? null,
        gender: child.gender,
        townName: child.townName,
        officeId: office,
        createdBy: s.userId,
        createdAt: s.now,
      });
      await s.audit({ action: 'person.create', recordType: 'person', recordId: personId, detail: { referralId: s.referralId, childIndex: i } });
    }
    await tx.insert(referralChildren).values({ referralId: s.referralId, childIndex: i, personId, createdAt: s.now });
    out.push({ personId, linked });
  }
  await shareReachWithChildren(tx, s.referralId, s.now);
  return out;
}

/**
 * Whoever is assigned to the referral (its author, later its investigation worker) is assigned
 * to its children's person records too, so a worker with assigned reach can open them.
 */
export async function shareReachWithChildren(tx: Tx, referralId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    insert into assignments (record_type, record_id, user_id, created_at)
    select distinct 'person'::text, rc.person_id, a.user_id, ${now.toISOString()}::timestamptz
      from referral_children rc
      join assignments a on a.record_type = ${recordType} and a.record_id = rc.referral_id and a.ended_at is null
     where rc.referral_id = ${referralId}
       and not exists (select 1 from assignments p where p.record_type = 'person' and p.record_id = rc.person_id
                          and p.user_id = a.user_id and p.ended_at is null)`);
}

/** A worker taken off a referral loses its children, unless another referral about the child still gives them reach. */
export async function endReachOverChildren(tx: Tx, referralId: string, userId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update assignments pa set ended_at = ${now.toISOString()}::timestamptz
     where pa.record_type = 'person' and pa.user_id = ${userId} and pa.ended_at is null
       and pa.record_id in (select rc.person_id from referral_children rc where rc.referral_id = ${referralId})
       and not exists (select 1 from referral_children rc2
                         join assignments ra on ra.record_type = ${recordType} and ra.record_id = rc2.referral_id
                                            and ra.user_id = ${userId} and ra.ended_at is null
                        where rc2.person_id = pa.record_id and rc2.referral_id <> ${referralId})`);
}
