import type { AddTeamMemberBody, HartTeamView, RecordMeetingBody } from '@harbor/policy/api';
import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { teamReach, type AuthUser } from '../access/index.js';
import { queryRows, type UserRepository } from '../data/index.js';
import { hartMeetings, hartTeamMembers, offices, users } from '../db/schema.js';
import { badRequest, duplicate, forbidden, notFound } from '../http/errors.js';
import type { DutyDb as DbOrTx, ObligationContext } from '../obligations/index.js';
import { namesOf } from '../consults/index.js';

/**
 * LD-1: a local HART team per area office, its dedicated members and its meetings. A liaison or
 * supervisor sees their office's team, a HART Lead the region's, the Director every team. The
 * Lead keeps the region's teams (the Director every one); a meeting is recorded by them or by the
 * office's liaison. Meeting notes are sealed: they discuss children. Which teams a user reads is
 * `teamReach` (access/scope.ts). The list is one row per area office in reach (a fixed, small set
 * that does not grow with history: each team shows its last five meetings), so it is not paged.
 */
const recordType = 'hart_team';
const notesAt = (id: string) => ({ table: 'hart_meetings', column: 'notes', rowId: id });

type OfficeRow = { id: string; code: string; name: string; regionCode: string | null };

export const managesTeam = (user: AuthUser, office: Pick<OfficeRow, 'regionCode'>): boolean =>
  user.permissions.has('hart_team.manage') && (user.roles.includes('hart_director') || (user.roles.includes('hart_lead') && user.regionCode !== null && user.regionCode === office.regionCode));

const recordsMeetings = (user: AuthUser, office: OfficeRow) => managesTeam(user, office) || (user.roles.includes('hart_liaison') && user.officeId === office.id);

async function officeInReach(tx: DbOrTx, user: AuthUser, officeId: string): Promise<OfficeRow> {
  const [o] = await tx
    .select({ id: offices.id, code: offices.code, name: offices.name, regionCode: offices.regionCode })
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.kind, 'area_office'), teamReach(user)))
    .limit(1);
  if (!o) throw notFound('team');
  return o;
}

async function teamsOf(tx: DbOrTx, vault: ObligationContext['vault'], user: AuthUser, officeRows: OfficeRow[]): Promise<HartTeamView[]> {
  if (officeRows.length === 0) return [];
  const ids = officeRows.map((o) => o.id);
  const members = await tx
    .select({ id: hartTeamMembers.id, officeId: hartTeamMembers.officeId, userId: hartTeamMembers.userId, teamRole: hartTeamMembers.teamRole, addedAt: hartTeamMembers.addedAt, name: users.displayName })
    .from(hartTeamMembers)
    .innerJoin(users, eq(users.id, hartTeamMembers.userId))
    .where(and(inArray(hartTeamMembers.officeId, ids), isNull(hartTeamMembers.endedAt)))
    .orderBy(asc(hartTeamMembers.addedAt), asc(users.displayName));
  const meetings = await queryRows<{ id: string; office_id: string; held_at: string | Date; attendee_ids: string[]; notes_sealed: string | null }>(
    tx,
    sql`select id, office_id, held_at, attendee_ids, notes_sealed from (
          select m.*, row_number() over (partition by m.office_id order by m.held_at desc, m.id) as n from hart_meetings m
          where m.office_id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})) recent
        where n <= 5 order by held_at desc`,
  );
  const names = await namesOf(tx, meetings.flatMap((m) => m.attendee_ids));
  const manageable = officeRows.filter((o) => managesTeam(user, o)).map((o) => o.id);
  const memberIds = members.map((m) => m.userId);
  const candidates = manageable.length
    ? await tx
        .select({ id: users.id, name: users.displayName, officeId: users.officeId })
        .from(users)
        .where(and(inArray(users.officeId, manageable), isNull(users.disabledAt), memberIds.length ? notInArray(users.id, memberIds) : undefined))
        .orderBy(asc(users.displayName))
    : [];
  return officeRows.map((o) => {
    const mine = meetings.filter((m) => m.office_id === o.id);
    return {
      office: o,
      members: members.filter((m) => m.officeId === o.id).map((m) => ({ id: m.id, userId: m.userId, name: m.name, teamRole: m.teamRole, addedAt: m.addedAt.toISOString() })),
      lastMeetingAt: mine[0] ? new Date(mine[0].held_at).toISOString() : null,
      meetings: mine.map((m) => ({
        id: m.id,
        heldAt: new Date(m.held_at).toISOString(),
        attendees: m.attendee_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
        notes: m.notes_sealed ? vault.open(m.notes_sealed, notesAt(m.id)) : null,
      })),
      candidates: candidates.filter((c) => c.officeId === o.id).map((c) => ({ id: c.id, name: c.name })),
      can: { manage: managesTeam(user, o), recordMeeting: recordsMeetings(user, o) },
    };
  });
}

/** LD-1: the teams within the caller's reach, with their members and latest meetings. */
export async function listTeams(repo: UserRepository, ctx: ObligationContext): Promise<HartTeamView[]> {
  return repo.unit(async (u) => {
    const rows = await u.db
      .select({ id: offices.id, code: offices.code, name: offices.name, regionCode: offices.regionCode })
      .from(offices)
      .where(and(eq(offices.kind, 'area_office'), eq(offices.active, true), teamReach(u.user)))
      .orderBy(asc(offices.regionCode), asc(offices.name));
    const teams = await teamsOf(u.db, ctx.vault, u.user, rows);
    u.audit({ action: 'hart_team.list', recordType, detail: { offices: teams.map((t) => t.office.code), meetings: teams.reduce((n, t) => n + t.meetings.length, 0) } });
    return teams;
  });
}

async function oneTeam(tx: DbOrTx, ctx: ObligationContext, user: AuthUser, office: OfficeRow): Promise<HartTeamView> {
  return (await teamsOf(tx, ctx.vault, user, [office]))[0]!;
}

/** LD-1: the region's HART Lead (or the Director) adds a dedicated member to an office's team. */
export async function addTeamMember(repo: UserRepository, ctx: ObligationContext, officeId: string, body: AddTeamMemberBody): Promise<HartTeamView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const office = await officeInReach(tx, user, officeId);
    if (!managesTeam(user, office)) throw forbidden();
    const [staff] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, body.userId), isNull(users.disabledAt))).limit(1);
    if (!staff) throw badRequest('userId', 'No such member of staff, or the account is disabled');
    const [already] = await tx
      .select({ id: hartTeamMembers.id })
      .from(hartTeamMembers)
      .where(and(eq(hartTeamMembers.officeId, officeId), eq(hartTeamMembers.userId, body.userId), isNull(hartTeamMembers.endedAt)))
      .limit(1);
    if (already) throw duplicate('userId', 'This person is already on the team');
    // Two Leads adding the same person at once: the unique index lets one in.
    const [row] = await tx
      .insert(hartTeamMembers)
      .values({ officeId, userId: body.userId, teamRole: body.teamRole, addedAt: ctx.clock.now(), addedBy: user.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate('userId', 'This person is already on the team');
    u.audit({ action: 'hart_team.add_member', recordType, recordId: officeId, detail: { memberId: row.id, userId: body.userId } });
    return oneTeam(tx, ctx, user, office);
  });
}

/** LD-1: a member leaves the team (kept on record with the day they left). */
export async function removeTeamMember(repo: UserRepository, ctx: ObligationContext, officeId: string, memberId: string): Promise<HartTeamView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const office = await officeInReach(tx, user, officeId);
    if (!managesTeam(user, office)) throw forbidden();
    const [ended] = await tx
      .update(hartTeamMembers)
      .set({ endedAt: ctx.clock.now() })
      .where(and(eq(hartTeamMembers.id, memberId), eq(hartTeamMembers.officeId, officeId), isNull(hartTeamMembers.endedAt)))
      .returning();
    if (!ended) throw notFound('team member');
    u.audit({ action: 'hart_team.remove_member', recordType, recordId: officeId, detail: { memberId, userId: ended.userId } });
    return oneTeam(tx, ctx, user, office);
  });
}

/**
 * LD-1: a local HART meeting: when, which members came, the notes (sealed). A retry with the
 * request's key answers the team as it is, with `created: false`.
 */
export async function recordMeeting(repo: UserRepository, ctx: ObligationContext, officeId: string, body: RecordMeetingBody): Promise<{ team: HartTeamView; created: boolean }> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const office = await officeInReach(tx, user, officeId);
    if (!recordsMeetings(user, office)) throw forbidden();
    const replay = async () => {
      if (!body.idempotencyKey) return null;
      // Looked up within the caller's reach: a key of a meeting of a team they do not read is not found.
      const [earlier] = await tx
        .select({
          id: hartMeetings.id,
          officeId: hartMeetings.officeId,
          createdBy: hartMeetings.createdBy,
          inReach: sql<boolean>`exists (select 1 from ${offices} where ${offices.id} = ${hartMeetings.officeId} and ${teamReach(user)})`,
        })
        .from(hartMeetings)
        .where(eq(hartMeetings.idempotencyKey, body.idempotencyKey))
        .limit(1);
      if (!earlier) return null;
      if (!earlier.inReach) throw notFound('team');
      if (earlier.createdBy !== user.id || earlier.officeId !== officeId) throw badRequest('idempotencyKey', 'This key was used for another request');
      u.audit({ action: 'hart_team.meeting', recordType, recordId: officeId, detail: { meetingId: earlier.id, replayed: true } });
      return { team: await oneTeam(tx, ctx, user, office), created: false };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    const heldAt = new Date(body.heldAt);
    if (heldAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) throw badRequest('heldAt', 'A meeting cannot be recorded before it is held');
    const attendeeIds = [...new Set(body.attendeeIds)];
    const members = await tx
      .select({ userId: hartTeamMembers.userId })
      .from(hartTeamMembers)
      .where(and(eq(hartTeamMembers.officeId, officeId), isNull(hartTeamMembers.endedAt), inArray(hartTeamMembers.userId, attendeeIds)));
    if (members.length !== attendeeIds.length) throw badRequest('attendeeIds', 'Every attendee must be a member of the team');
    const id = crypto.randomUUID();
    const notes = body.notes?.trim() ? body.notes.trim() : null;
    const [inserted] = await tx
      .insert(hartMeetings)
      .values({ id, officeId, heldAt, attendeeIds, notesSealed: notes ? ctx.vault.seal(notes, notesAt(id)) : null, idempotencyKey: body.idempotencyKey ?? null, createdBy: user.id, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ id: hartMeetings.id });
    if (!inserted) {
      // The same retry arrived twice at once: the other one recorded it.
      const first = await replay();
      if (first) return first;
      throw new Error('meeting insert conflicted without an earlier meeting');
    }
    u.audit({ action: 'hart_team.meeting', recordType, recordId: officeId, detail: { meetingId: id, attendees: attendeeIds.length, notes: notes !== null } });
    return { team: await oneTeam(tx, ctx, user, office), created: true };
  });
}
