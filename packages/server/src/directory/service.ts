import { inAgencyDomains, isInternalParty, namesChildren, type RequiredNotice } from '@harbor/policy';
import type { ApprovalPending, DirectoryQuery, PartnerAgencyView, UpdatePartnerAgencyBody } from '@harbor/policy/api';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { assertActor, type Actor } from '../access/index.js';
import { requestApproval, type ApprovalContext } from '../approvals/index.js';
import { audited } from '../audit/index.js';
import type { Db, DbOrTx } from '../db/client.js';
import { partnerAgencies } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../http/errors.js';

/**
 * The partner directory (CL-4): the agencies notices go to. Contacts of outside agencies, not
 * children's records: caseworkers read them, administrators keep them current.
 */
const recordType = 'partner_agency';

const columns = {
  id: partnerAgencies.id,
  code: partnerAgencies.code,
  kind: partnerAgencies.kind,
  name: partnerAgencies.name,
  townName: partnerAgencies.townName,
  regionCode: partnerAgencies.regionCode,
  judicialDistrictCode: partnerAgencies.judicialDistrictCode,
  email: partnerAgencies.email,
  phone: partnerAgencies.phone,
  active: partnerAgencies.active,
  version: partnerAgencies.version,
};
type Row = { kind: string } & Omit<PartnerAgencyView, 'kind'>;
const toView = (r: Row): PartnerAgencyView => ({ ...r, kind: r.kind as PartnerAgencyView['kind'] });

/** `%` and `_` in what the user typed are matched as themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listDirectory(db: DbOrTx, actor: Actor, query: DirectoryQuery): Promise<PartnerAgencyView[]> {
  assertActor(actor);
  const conds: SQL[] = [];
  if (query.kind) conds.push(eq(partnerAgencies.kind, query.kind));
  if (query.q) {
    const p = likePattern(query.q);
    const textMatch = or(ilike(partnerAgencies.name, p), ilike(partnerAgencies.townName, p), ilike(partnerAgencies.email, p));
    if (textMatch) conds.push(textMatch);
  }
  const rows = await db
    .select(columns)
    .from(partnerAgencies)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(partnerAgencies.kind), asc(partnerAgencies.name));
  return rows.map(toView);
}

export async function getPartnerAgency(db: DbOrTx, id: string): Promise<PartnerAgencyView> {
  const [row] = await db.select(columns).from(partnerAgencies).where(eq(partnerAgencies.id, id)).limit(1);
  if (!row) throw notFound('partner agency');
  return toView(row);
}

/**
 * CF-1: a new address for a party whose mail names a child (every DCF-737 and DCF-823 recipient,
 * `childDocumentPartyKinds`) waits, with the rest of the change, for a second administrator: one
 * administrator alone could otherwise send the next child's notice to themselves. The address of
 * a party inside the agency (HART Director, HART Lead) must be in the agency's mail domains.
 */
export async function updatePartnerAgency(db: Db, actor: Actor, id: string, body: UpdatePartnerAgencyBody, ctx: ApprovalContext): Promise<PartnerAgencyView | ApprovalPending> {
  assertActor(actor);
  return audited(db, actor, async (tx, audit) => {
    const { version, ...changes } = body;
    const current = await getPartnerAgency(tx, id);
    if (changes.email !== undefined && isInternalParty(current.kind) && !inAgencyDomains(changes.email, ctx.config.agencyMailDomains)) {
      throw badRequest('email', `The ${current.name} is inside the agency: use an address in its mail domain (${ctx.config.agencyMailDomains.join(', ')})`);
    }
    if (actor.user && changes.email !== undefined && changes.email.toLowerCase() !== current.email.toLowerCase() && namesChildren(current.kind)) {
      if (current.version !== version) throw conflict('Someone else changed this agency since you opened it. Reload to see their change, then make yours again.');
      return requestApproval(
        tx,
        actor,
        audit,
        {
          targetType: 'partner_agency',
          targetId: id,
          targetKey: `partner_agency:${id}`,
          targetLabel: current.name,
          targetVersion: version,
          change: { kind: 'directory.email', set: changes },
          changes: (Object.keys(changes) as (keyof typeof changes)[]).map((field) => ({
            field,
            from: String(current[field]),
            to: String(changes[field]),
          })),
          reachGained: [],
        },
        ctx,
      );
    }
    const [row] = await tx
      .update(partnerAgencies)
      .set({ ...changes, updatedAt: new Date(), version: sql`${partnerAgencies.version} + 1` })
      .where(and(eq(partnerAgencies.id, id), eq(partnerAgencies.version, version)))
      .returning({ id: partnerAgencies.id });
    if (!row) {
      await getPartnerAgency(tx, id); // 404 if it does not exist
      throw conflict('Someone else changed this agency since you opened it. Reload to see their change, then make yours again.');
    }
    await audit({ action: 'directory.update', recordType, recordId: id, detail: { fields: Object.keys(changes) } });
    return getPartnerAgency(tx, id);
  });
}

/** No active directory entry for a party a notice must go to: the worker must be told, never a silent skip. */
export class PartyNotFoundError extends Error {
  constructor(readonly notice: RequiredNotice) {
    super(`No active partner agency for ${notice.key} (${notice.resolveBy} ${notice.resolveKey ?? 'statewide'})`);
    this.name = 'PartyNotFoundError';
  }
}

/**
 * CL-4: the directory entry a required notice goes to, found by the party's kind and the key
 * `requiredNotices` gives (the town, the region, the judicial district, or none for a statewide
 * party). The active entry; when there are several, the one named first.
 */
export async function resolveParty(db: DbOrTx, notice: RequiredNotice): Promise<PartnerAgencyView> {
  const key = notice.resolveKey;
  const byScope: Record<RequiredNotice['resolveBy'], SQL | undefined> = {
    town: key === null ? sql`false` : eq(partnerAgencies.townName, key),
    region: key === null ? sql`false` : eq(partnerAgencies.regionCode, key),
    judicial_district: key === null ? sql`false` : eq(partnerAgencies.judicialDistrictCode, key),
    statewide: undefined,
  };
  const [row] = await db
    .select(columns)
    .from(partnerAgencies)
    .where(and(eq(partnerAgencies.kind, notice.party), eq(partnerAgencies.active, true), byScope[notice.resolveBy]))
    .orderBy(asc(partnerAgencies.name), asc(partnerAgencies.code))
    .limit(1);
  if (!row) throw new PartyNotFoundError(notice);
  return toView(row);
}
