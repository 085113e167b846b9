/**
 * The template stories of the synthetic history: a handful of referrals taken through the same
 * services a worker's clicks go through (draft, submit, police call, decision, approval,
 * assignment, HART triage, the investigation checklist, a HART consult, an open case), so every
 * row the generator copies is one the application wrote itself. Synthetic data only.
 */
import type { DecideReferralBody, ReferralDraft } from '@harbor/policy/api';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../src/access/index.js';
import { loadAuthUser } from '../../src/auth/index.js';
import { createCase } from '../../src/cases/index.js';
import type { Config } from '../../src/config.js';
import type { Vault } from '../../src/crypto/index.js';
import type { DataLayer } from '../../src/data/index.js';
import type { Db } from '../../src/db/client.js';
import { obligations, offices, referralChildren, towns, userRoles, users } from '../../src/db/schema.js';
import { completeItem } from '../../src/investigations/service.js';
import { approveNonAcceptance, assignInvestigator, createDraft, decideReferral, recordPhoneNotice, submitReferral, triageReferral } from '../../src/referrals/index.js';

export type Fate = 'draft' | 'submitted' | 'accepted' | 'not_accepted';
export type Kind = 'other' | 'ht_suspected' | 'ht_evident';

export interface StorySpec {
  kind: Kind;
  fate: Fate;
  town: string;
}

const hourMs = 3_600_000;

function draftFor(spec: StorySpec, receivedAt: Date): ReferralDraft {
  const ht = spec.kind !== 'other';
  const child = {
    firstName: 'Template',
    lastName: 'Child',
    aliases: spec.kind === 'ht_evident' ? ['TC'] : [],
    dateOfBirth: '2011-04-02',
    gender: 'female',
    races: ['white'],
    ethnicity: 'not_hispanic_or_latino',
    primaryLanguage: 'English',
    citizenship: 'us_citizen',
    townName: spec.town,
    state: 'CT',
    livingSituation: 'home',
    dcfInvolvement: { openCase: false, inDcfCare: false },
    prostitutedOrCse: spec.kind === 'ht_evident',
    allegations: spec.kind === 'ht_evident' ? ['ht_sex'] : spec.kind === 'ht_suspected' ? ['ht_labor', 'neglect'] : ['neglect'],
    indicators: spec.kind === 'ht_evident' ? ['sold_or_exchanged_for_sex', 'hotel_keys_or_supplies'] : spec.kind === 'ht_suspected' ? ['long_hours_little_pay', 'owes_debt'] : [],
  };
  return {
    receivedAt: receivedAt.toISOString(),
    channel: 'phone',
    reporter: { anonymous: false, name: 'Template Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0123' } },
    children: [child],
    exploiters: ht ? [{ unknown: true, relationship: 'unknown', notes: 'Adult described by the reporter' }] : [],
    places: [{ townName: spec.town, state: 'CT', type: ht ? 'hotel_motel' : 'residence', detail: '' }],
    narrative: ht
      ? 'The school nurse reports the student is picked up by different adults after school, has a second phone and talks about paying back a debt (synthetic bench history).'
      : 'The teacher reports the child often comes to school hungry and without a coat; no one answers the door at home (synthetic bench history).',
    otherConcerns: '',
  } as unknown as ReferralDraft;
}

async function usersWith(db: Db, role: string, officeCodes?: string[]) {
  return db
    .select({ id: users.id, username: users.username, office: offices.code, officeId: offices.id, region: offices.regionCode })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(officeCodes ? inArray(offices.code, officeCodes) : undefined)
    .orderBy(asc(users.username));
}

const warn = (step: string, err: unknown) => process.stderr.write(`bench generate: template step ${step} skipped: ${(err as Error).message}\n`);

/**
 * Runs one story from `start`; answers the referral's id. The services run through `data` (the
 * database's data layer, as the staff the story names); `db` is the same database, for the
 * generator's own look-ups of staff and rows. `at` is the services' clock. Steps that
 * the agency's structure cannot take (no supervisor in reach, say) are skipped with a note.
 */
export async function runStory(db: Db, data: DataLayer, vault: Vault, config: Config, spec: StorySpec, start: Date, seq: number): Promise<string> {
  let at = start;
  const clock = { now: () => at };
  const ctx = { config, clock, vault, timeZone: config.timeZone };
  const actor = async (userId: string): Promise<Actor> => {
    const user = await loadAuthUser(db, userId);
    if (!user) throw new Error('bench generate: a seeded user is missing');
    return { user, requestId: null, clientAddress: null, system: 'bench-generate' };
  };
  const as = (a: Actor) => data.forUser(a);
  const careline = await usersWith(db, 'careline_worker', ['CARELINE']);
  const worker = await actor(careline[seq % careline.length]!.id);
  let view = await createDraft(as(worker), ctx, draftFor(spec, start));
  if (spec.fate === 'draft') return view.id;
  at = new Date(start.getTime() + 25 * 60_000);
  view = await submitReferral(as(worker), ctx, view.id, view.version, `bench-template-${view.id}`);
  const ht = spec.kind !== 'other';
  if (spec.fate === 'submitted') return view.id;
  if (ht) {
    at = new Date(at.getTime() + 6 * 60_000);
    view = await recordPhoneNotice(as(worker), ctx, view.id, { calledAt: at.toISOString(), officerName: 'Officer Template', badgeNumber: '1234', policeCaseNumber: 'PD-00-00001' });
  }
  at = new Date(at.getTime() + 45 * 60_000);
  const decision: DecideReferralBody =
    spec.fate === 'accepted'
      ? { decision: 'accepted', responsePriority: { answers: spec.kind === 'ht_evident' ? { in_danger_now: 'yes' } : { in_danger_now: 'no', missing: 'no', exploiter_access: 'no', medical_need: 'no', protective_caregiver: 'yes' } }, version: view.version }
      : { decision: 'not_accepted', reasonCode: 'age_18_or_older', explanation: 'Confirmed with the caller: the person is an adult and lives independently.', version: view.version };
  view = await decideReferral(as(worker), ctx, view.id, decision);
  if (spec.fate === 'not_accepted') {
    const [sup] = await usersWith(db, 'careline_supervisor', ['CARELINE']);
    at = new Date(at.getTime() + 2 * hourMs);
    if (sup) view = await approveNonAcceptance(as(await actor(sup.id)), ctx, view.id, { approved: true, version: view.version });
    return view.id;
  }
  // CL-5: the investigation worker of the assigned office.
  const office = view.assignedOfficeCode;
  let investigatorId: string | null = null;
  if (office) {
    const region = office.startsWith('R') ? office.slice(0, 2) : null;
    const inReach = (rows: Awaited<ReturnType<typeof usersWith>>) => rows.filter((s) => (region ? s.region === region && s.office !== 'SIU' : s.office === office));
    const sup = inReach(await usersWith(db, 'supervisor'))[0];
    const inv = inReach(await usersWith(db, 'investigation_worker'))[seq % 3] ?? inReach(await usersWith(db, 'investigation_worker'))[0];
    if (sup && inv) {
      at = new Date(at.getTime() + 2 * hourMs);
      try {
        await assignInvestigator(as(await actor(sup.id)), ctx, view.id, { userId: inv.id, version: view.version });
        investigatorId = inv.id;
      } catch (err) {
        warn('assign', err);
      }
    }
  }
  if (ht) {
    const [director] = await usersWith(db, 'hart_director');
    if (director) {
      at = new Date(start.getTime() + 20 * hourMs);
      try {
        const { readReferral } = await import('../../src/referrals/index.js');
        const current = await readReferral(as(await actor(director.id)), ctx.vault, view.id);
        await triageReferral(as(await actor(director.id)), ctx, view.id, { outcomes: ['regional_hart'], version: current.version });
      } catch (err) {
        warn('triage', err);
      }
    }
  }
  if (investigatorId) {
    const who = await actor(investigatorId);
    const open = await db
      .select({ id: obligations.id, completes: obligations.completes })
      .from(obligations)
      .where(and(eq(obligations.subjectType, 'referral'), eq(obligations.subjectId, view.id), inArray(obligations.state, ['open', 'overdue'])));
    let hours = 24;
    for (const o of open) {
      at = new Date(start.getTime() + hours * hourMs);
      hours += 6;
      try {
        if (o.completes === 'consult_requested') await completeItem(as(who), ctx, view.id, o.id, { action: 'request_consult', reason: 'HT characteristics at intake; consult needed on the risk level.', idempotencyKey: `bench-in1-${view.id}` });
        else await completeItem(as(who), ctx, view.id, o.id, { action: 'done', who: 'Worker with the local police youth officer', when: at.toISOString(), outcome: 'Done as the checklist asks (synthetic history).' });
      } catch {
        try {
          await completeItem(as(who), ctx, view.id, o.id, { action: 'not_warranted', reason: 'Not warranted at this stage (synthetic history).' });
        } catch {
          /* a duty closed on another page: left as the story leaves it */
        }
      }
    }
  }
  // Ongoing services: an open case for the child of some accepted referrals, opened by a supervisor of the child's area office.
  if (ht || seq % 3 === 0) {
    const [child] = await db.select({ personId: referralChildren.personId }).from(referralChildren).where(eq(referralChildren.referralId, view.id)).limit(1);
    const [area] = await db.select({ code: towns.areaOfficeCode }).from(towns).where(eq(towns.name, spec.town)).limit(1);
    const code = area?.code;
    const sup = code ? (await usersWith(db, 'supervisor', [code]))[0] : undefined;
    const ongoing = code ? (await usersWith(db, 'ongoing_worker', [code]))[0] : undefined;
    if (child && sup && ongoing) {
      at = new Date(start.getTime() + 10 * 24 * hourMs);
      try {
        await createCase(as(await actor(sup.id)), ctx, { child: { kind: 'new', firstName: 'Template', lastName: 'Child', dateOfBirth: '2011-04-02', gender: 'female', townName: spec.town }, officeId: sup.officeId, workerId: ongoing.id, idempotencyKey: `bench-case-${view.id}` });
      } catch (err) {
        warn('case', err);
      }
    }
  }
  return view.id;
}
