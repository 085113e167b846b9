import { inAgencyDomains, isInternalParty, namesChildren, type RequiredNotice } from '@harbor/policy';
import type { ApprovalPending, DirectoryQuery, PartnerAgencyView, UpdatePartnerAgencyBody } from '@harbor/policy/api';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { requestApproval, wakeIfPending, type ApprovalContext } from '../approvals/index.js';
import type { UnitDb, UserRepository } from '../data/index.js';
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

/** What reads the directory: a unit's query builder (a caller's or the system's). */
type DirDb = Pick<UnitDb, 'select'>;

export async function listDirectory(repo: UserRepository, query: DirectoryQuery): Promise<PartnerAgencyView[]> {
  const conds: SQL[] = [];
  if (query.kind) conds.push(eq(partnerAgencies.kind, query.kind));
  if (query.q) {
    const p = likePattern(query.q);
    const textMatch = or(ilike(partnerAgencies.name, p), ilike(partnerAgencies.townName, p), ilike(partnerAgencies.email, p));
    if (textMatch) conds.push(textMatch);
  }
  const rows = await repo.unit(({ db }) =>
    db
      .select(columns)
      .from(partnerAgencies)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(asc(partnerAgencies.kind), asc(partnerAgencies.name)),
  );
  return rows.map(toView);
}

export async function getPartnerAgency(db: DirDb, id: string): Promise<PartnerAgencyView> {
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
export async function updatePartnerAgency(repo: UserRepository, id: string, body: UpdatePartnerAgencyBody, ctx: ApprovalContext): Promise<PartnerAgencyView | ApprovalPending> {
  const actor = repo.actor;
  const result = await repo.unit(async (u) => {
    const tx = u.db;
    const audit = (entry: Parameters<typeof u.audit>[0]): Promise<void> => {
      u.audit(entry);
      return Promise.resolve();
    };
    const { version, ...changes } = body;
    const current = await getPartnerAgency(tx, id);
    if (changes.email !== undefined && isInternalParty(current.kind) && !inAgencyDomains(changes.email, ctx.config.agencyMailDomains)) {
      throw badRequest('email', `The ${current.name} is inside the agency: use an address in its mail domain (${ctx.config.agencyMailDomains.join(', ')})`);
    }
    if (changes.email !== undefined && changes.email.toLowerCase() !== current.email.toLowerCase() && namesChildren(current.kind)) {
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
    if (current.version !== version) throw conflict('Someone else changed this agency since you opened it. Reload to see their change, then make yours again.');
    const [row] = await tx
      .update(partnerAgencies)
      .set({ ...changes, updatedAt: new Date(), version: sql`${partnerAgencies.version} + 1` })
      .where(and(eq(partnerAgencies.id, id), eq(partnerAgencies.version, version)))
      .returning({ version: partnerAgencies.version });
    if (!row) throw conflict('Someone else changed this agency since you opened it. Reload to see their change, then make yours again.');
    u.audit({ action: 'directory.update', recordType, recordId: id, detail: { fields: Object.keys(changes) } });
    // The view from what was read and what was written, not read back.
    return { ...current, ...changes, version: row.version } satisfies PartnerAgencyView;
  });
  // An edit here is seen at once by this instance's submissions; other instances see the stamp change.
  invalidateDirectory();
  // A pending change told the HART Director: the mail goes out now.
  return wakeIfPending(result);
}

/** No active directory entry for a party a notice must go to: the worker must be told, never a silent skip. */
export class PartyNotFoundError extends Error {
  constructor(readonly notice: RequiredNotice) {
    super(`No active partner agency for ${notice.key} (${notice.resolveBy} ${notice.resolveKey ?? 'statewide'})`);
    this.name = 'PartyNotFoundError';
  }
}

/**
 * The partner directory in memory (issue 11: a submission resolves five to eight parties). Checked
 * against the database on every use by one aggregate over the table (row count, newest
 * `updated_at`, sum of `version`, greatest id): every edit bumps `version` and `updated_at`, here,
 * by an approved change (approvals/apply.ts), or on another server instance, so a stale copy is
 * never used, across instances too, with no TTL to wait out. The check runs in the caller's
 * transaction, so the copy used is the one that transaction sees. An edit through this module also
 * drops the copies at once. A few copies are kept, by stamp (several databases in one test process).
 */
export interface PartnerDirectory {
  /** CL-4: the entry a required notice goes to (see resolveParty). */
  resolve(notice: RequiredNotice): PartnerAgencyView;
}

const cached = new Map<string, PartnerAgencyView[]>();
const keptCopies = 8;
/** How many times the directory was loaded from the database, and its version checked (the cache's tests read them). */
export const directoryLoads = { count: 0, checks: 0 };

/** Drops every cached copy (a local edit). */
export function invalidateDirectory(): void {
  cached.clear();
}

async function stampOf(db: DirDb): Promise<string> {
  directoryLoads.checks++;
  const [s] = await db
    .select({
      n: sql<number>`count(*)::int`,
      at: sql<string | null>`max(${partnerAgencies.updatedAt})::text`,
      v: sql<string | null>`sum(${partnerAgencies.version})::text`,
      id: sql<string | null>`max(${partnerAgencies.id}::text)`,
    })
    .from(partnerAgencies);
  return `${s?.n ?? 0}|${s?.at ?? ''}|${s?.v ?? ''}|${s?.id ?? ''}`;
}

/** The directory as the caller's transaction sees it: the cached copy when the stamp matches, else loaded once. */
export async function partnerDirectory(db: DirDb): Promise<PartnerDirectory> {
  const stamp = await stampOf(db);
  let rows = cached.get(stamp);
  if (!rows) {
    directoryLoads.count++;
    rows = (await db.select(columns).from(partnerAgencies).where(eq(partnerAgencies.active, true)).orderBy(asc(partnerAgencies.name), asc(partnerAgencies.code))).map(toView);
    if (cached.size >= keptCopies) cached.delete(cached.keys().next().value!);
    cached.set(stamp, rows);
  }
  const active = rows;
  return {
    resolve(notice) {
      const key = notice.resolveKey;
      const inScope = (r: PartnerAgencyView): boolean => {
        switch (notice.resolveBy) {
          case 'town':
            return key !== null && r.townName === key;
          case 'region':
            return key !== null && r.regionCode === key;
          case 'judicial_district':
            return key !== null && r.judicialDistrictCode === key;
          case 'statewide':
            return true;
        }
      };
      // Loaded in (name, code) order: the first match is the one named first.
      const found = active.find((r) => r.kind === notice.party && inScope(r));
      if (!found) throw new PartyNotFoundError(notice);
      return found;
    },
  };
}

/**
 * CL-4: the directory entry a required notice goes to, found by the party's kind and the key
 * `requiredNotices` gives (the town, the region, the judicial district, or none for a statewide
 * party). The active entry; when there are several, the one named first. A caller resolving
 * several parties takes `partnerDirectory` once and resolves each from it.
 */
export async function resolveParty(db: DirDb, notice: RequiredNotice): Promise<PartnerAgencyView> {
  return (await partnerDirectory(db)).resolve(notice);
}
