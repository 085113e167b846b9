import type { DecideReferralBody, ReferralDraft, ReferralView } from '@harbor/policy/api';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { loadAuthUser } from '../auth/index.js';
import type { Config } from '../config.js';
import type { Vault } from '../crypto/index.js';
import type { DataLayer } from '../data/index.js';
import type { Db } from '../db/client.js';
import { offices, userRoles, users } from '../db/schema.js';
import type { Clock } from '../http/types.js';
import { approveNonAcceptance, assignInvestigator, createDraft, decideReferral, recordPhoneNotice, submitReferral, triageReferral } from '../referrals/index.js';
import { givenNames, pick, seededRandom, surnames } from './names.js';

/**
 * A busy week at the Careline, made up: about two dozen referrals over the last seven days, each
 * taken through the same services a worker's clicks go through, at the times of its story (taken,
 * submitted, police called, decided, assigned, triaged), so every queue and page shows what its
 * users would see on a Monday morning. Every name, place detail and narrative is synthetic.
 */
const hourMs = 3_600_000;

interface Story {
  /** What the report is about; decides the child's facts and the narrative. */
  kind: 'sex_evident' | 'sex_suspected' | 'labor' | 'missing' | 'arrest' | 'adult';
  town: string;
  fate: 'draft' | 'submitted' | 'accepted' | 'not_accepted_pending' | 'not_accepted_approved';
}

const towns = ['Hartford', 'Hartford', 'New Britain', 'East Hartford', 'Manchester', 'Bridgeport', 'New Haven', 'Waterbury', 'Norwich', 'Danbury', 'Stamford', 'Meriden', 'Enfield', 'Torrington', 'Middletown', 'Windham'];

const hartfordArea = ['Hartford', 'New Britain', 'East Hartford', 'Manchester', 'Enfield', 'Bristol'];

const narratives: Record<Story['kind'], string[]> = {
  sex_evident: [
    'The school nurse reports that the student told her an older man books hotel rooms for her and that she has to "see" his friends for money. She was picked up after school by different cars this week.',
    'Hotel staff found the youth alone in a room with several phones and prepaid cards; a man who paid for the room in cash left when security arrived. The youth said she was "working off" what she owes him.',
  ],
  sex_suspected: [
    'The foster parent reports the youth has new clothes, nails and a second phone she will not explain, stays out overnight and talks about a "boyfriend" in his twenties who she met online.',
    'A counselor reports the student has been absent for two weeks, returned with unexplained gifts and said an adult friend "takes care of everything" if she goes to parties with him.',
  ],
  labor: [
    'The teacher reports the student falls asleep in class, says he works every night at a restaurant until 2 a.m. to pay back his travel to the owner, and sleeps in the storage room.',
    'A clinic nurse reports the youth has hand injuries from farm work, is not enrolled in school and said the crew leader keeps his passport until his debt is paid.',
  ],
  missing: [
    'Congregate care staff report the youth has run away for the fourth time this month; last time she returned with hotel key cards and said an older woman "helps" her find places to stay.',
    'The group home reports the youth left two days ago; friends say she was seen in a car with adults at a motel off the highway and her social media shows new posts from another city.',
  ],
  arrest: ['Police report that the youth was arrested for prostitution during a hotel operation; an adult man was also detained. The youth said she is 16.'],
  adult: ['The caller reports a young woman is being made to work without pay at a nail salon; on follow-up she is 19 and has her own apartment.'],
};

const plans: Story['fate'][] = [
  // Oldest first: the older a report, the further along it is.
  'accepted', 'accepted', 'not_accepted_approved', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
  'not_accepted_approved', 'accepted', 'accepted', 'accepted', 'accepted', 'not_accepted_pending', 'accepted', 'accepted',
  'accepted', 'not_accepted_pending', 'submitted', 'accepted', 'submitted', 'submitted', 'submitted', 'draft', 'draft', 'draft',
];
const kinds: Story['kind'][] = ['sex_evident', 'sex_suspected', 'labor', 'missing', 'sex_suspected', 'sex_evident', 'missing', 'labor', 'sex_suspected'];

function childFor(kind: Story['kind'], town: string, rand: () => number, now: Date) {
  const age = kind === 'adult' ? 19 : 12 + Math.floor(rand() * 6);
  const dob = new Date(Date.UTC(now.getUTCFullYear() - age, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))).toISOString().slice(0, 10);
  const facts = {
    sex_evident: { prostitutedOrCse: true, allegations: ['ht_sex', 'sexual_abuse'], indicators: ['sold_or_exchanged_for_sex', 'hotel_keys_or_supplies', 'someone_speaks_for_child'] },
    arrest: { prostitutedOrCse: true, allegations: ['ht_sex'], indicators: ['arrested_for_prostitution'] },
    sex_suspected: { prostitutedOrCse: false, allegations: ['ht_sex'], indicators: ['meets_online_adults', 'unexplained_goods', 'second_phone'] },
    labor: { prostitutedOrCse: false, allegations: ['ht_labor', 'neglect'], indicators: ['long_hours_little_pay', 'lives_at_workplace', 'owes_debt'] },
    missing: { prostitutedOrCse: false, allegations: ['ht_sex', 'neglect'], indicators: ['missing_now', 'repeated_runaway', 'hotel_keys_or_supplies'] },
    adult: { prostitutedOrCse: false, allegations: ['ht_labor'], indicators: ['long_hours_little_pay'] },
  }[kind];
  return {
    firstName: pick(rand, givenNames),
    lastName: pick(rand, surnames),
    aliases: rand() < 0.3 ? [pick(rand, givenNames)] : [],
    dateOfBirth: dob,
    estimatedAge: null,
    gender: kind === 'labor' ? pick(rand, ['male', 'male', 'female'] as const) : pick(rand, ['female', 'female', 'female', 'male', 'transgender_female'] as const),
    races: [pick(rand, ['white', 'black_or_african_american', 'asian', 'other', 'unknown'] as const)],
    ethnicity: pick(rand, ['hispanic_or_latino', 'not_hispanic_or_latino', 'unknown'] as const),
    primaryLanguage: kind === 'labor' ? pick(rand, ['Spanish', 'Portuguese', 'English']) : pick(rand, ['English', 'English', 'Spanish']),
    citizenship: kind === 'labor' ? 'not_us_citizen' : pick(rand, ['us_citizen', 'us_citizen', 'unknown'] as const),
    townName: town,
    state: 'CT',
    livingSituation: kind === 'missing' ? 'missing_from_care' : kind === 'sex_suspected' ? pick(rand, ['foster_home', 'home', 'congregate_care'] as const) : 'home',
    dcfInvolvement: { openCase: kind === 'missing' || kind === 'sex_suspected', inDcfCare: kind === 'missing' },
    ...facts,
  };
}

function draftFor(story: Story, receivedAt: Date, rand: () => number): ReferralDraft {
  const { kind, town } = story;
  const law = kind === 'arrest';
  const reporter = law
    ? { anonymous: false, name: `Officer ${pick(rand, surnames)}`, relationship: 'law_enforcement', mandatedReporterType: 'police_officer', contact: { organization: `${town} Police Department`, phone: '860-555-0199' } }
    : pick(rand, [
        { anonymous: false, name: `${pick(rand, givenNames)} ${pick(rand, surnames)}`, relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0123' } },
        { anonymous: false, name: `${pick(rand, givenNames)} ${pick(rand, surnames)}`, relationship: 'professional', mandatedReporterType: 'physician_nurse_or_medical', contact: { phone: '203-555-0145' } },
        { anonymous: false, name: `${pick(rand, givenNames)} ${pick(rand, surnames)}`, relationship: 'foster_parent', mandatedReporterType: null, contact: { phone: '860-555-0177' } },
        { anonymous: true, relationship: 'community_member', mandatedReporterType: null },
      ]);
  const exploiter =
    kind === 'labor'
      ? { unknown: false, name: 'Crew leader (street name only)', relationship: 'employer', notes: 'Drives a grey pickup' }
      : kind === 'adult'
        ? { unknown: true, relationship: 'employer', notes: 'Salon owner, name not known' }
        : pick(rand, [
            { unknown: false, name: `"${pick(rand, ['Dre', 'Slim', 'Boss', 'Tee', 'Money'])}"`, relationship: 'online_contact', notes: 'Met the child on a social app' },
            { unknown: true, relationship: 'unknown', notes: 'Adult man in his twenties, described by the reporter' },
            { unknown: false, name: `${pick(rand, givenNames)} ${pick(rand, surnames)}`, relationship: 'intimate_partner', notes: 'Says he is the child’s boyfriend' },
          ]);
  const place = kind === 'labor' ? { townName: town, state: 'CT', type: 'business', detail: 'Restaurant kitchen' } : { townName: town, state: 'CT', type: pick(rand, ['hotel_motel', 'online_platform', 'residence'] as const), detail: '' };
  return {
    receivedAt: receivedAt.toISOString(),
    channel: law ? 'law_enforcement' : pick(rand, ['phone', 'phone', 'phone', 'mandated_reporter_email_fax', 'walk_in'] as const),
    reporter,
    children: [childFor(kind, town, rand, receivedAt)],
    exploiters: [exploiter],
    places: [place],
    narrative: pick(rand, narratives[kind]),
    otherConcerns: rand() < 0.4 ? 'Has missed medical appointments; no dental care this year.' : '',
    ...(law ? { arrest: { statute: '53a-82', department: `${town} Police Department`, officerName: `Officer ${pick(rand, surnames)}`, badgeNumber: String(1000 + Math.floor(rand() * 8999)), policeCaseNumber: `PD-26-${String(Math.floor(rand() * 99999)).padStart(5, '0')}` } } : {}),
  } as ReferralDraft;
}

const answersByHours: Record<number, Record<string, string>> = {
  2: { in_danger_now: 'yes' },
  24: { in_danger_now: 'no', missing: 'yes', location_lead: 'no' },
  72: { in_danger_now: 'no', missing: 'no', exploiter_access: 'no', medical_need: 'no', protective_caregiver: 'yes' },
};

async function usersWith(db: Db, role: string, officeCodes?: string[]) {
  const rows = await db
    .select({ id: users.id, username: users.username, office: offices.code, region: offices.regionCode })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(officeCodes ? inArray(offices.code, officeCodes) : undefined)
    .orderBy(asc(users.username));
  return rows;
}

/**
 * Seeds the demo week's referrals; `now` is the end of the week (the server's start). `db` and
 * `data` are the same database (in `ensureDemoSeeded`, the seed's one transaction): the seed's own
 * reads of its staff on `db`, the referral services through `data`, as the demo users.
 */
export async function seedDemoReferrals(db: Db, data: DataLayer, vault: Vault, config: Config, now: Date = new Date()): Promise<number> {
  const rand = seededRandom(7_2026);
  let at = now;
  const clock: Clock = { now: () => at };
  const ctx = { config, clock, vault, timeZone: config.timeZone };
  // The services take a repository bound to their caller.
  const as = (a: Actor) => data.forUser(a);
  const actors = new Map<string, Actor>();
  const actor = async (userId: string): Promise<Actor> => {
    if (!actors.has(userId)) {
      const user = await loadAuthUser(db, userId);
      if (!user) throw new Error('demo referrals: a seeded user is missing');
      actors.set(userId, { user, requestId: null, clientAddress: null, system: 'demo-seed' });
    }
    return actors.get(userId)!;
  };
  const careline = await usersWith(db, 'careline_worker', ['CARELINE']);
  const demoWorker = careline.find((u) => u.username === 'demo.careline-worker') ?? careline[0]!;
  const [carelineSupervisor] = (await usersWith(db, 'careline_supervisor', ['CARELINE'])).filter((u) => u.username === 'demo.careline-supervisor');
  const [director] = (await usersWith(db, 'hart_director')).filter((u) => u.username === 'demo.hart-director');
  const supervisors = await usersWith(db, 'supervisor');
  const investigators = await usersWith(db, 'investigation_worker');
  if (!carelineSupervisor || !director) throw new Error('demo referrals: the demo agency is not seeded');

  const week = 7 * 24 * hourMs;
  const stories = plans.map((fate, i) => {
    const kind: Story['kind'] = fate === 'not_accepted_approved' || (fate === 'not_accepted_pending' && i % 2 === 1) ? 'adult' : i % 11 === 4 ? 'arrest' : kinds[i % kinds.length]!;
    const receivedAt = new Date(now.getTime() - week + (i / plans.length) * week + Math.floor(rand() * 3 * hourMs));
    // Every other report comes from the demo supervisor's region (Hartford area), so their queue is busy too.
    const town = i % 2 === 1 ? pick(rand, hartfordArea) : pick(rand, towns);
    return { story: { kind, town, fate } satisfies Story, receivedAt };
  });

  let count = 0;
  for (const [i, { story, receivedAt }] of stories.entries()) {
    const author = i % 3 === 0 ? demoWorker : careline[i % careline.length]!;
    const worker = await actor(author.id);
    at = receivedAt;
    let view: Pick<ReferralView, 'id' | 'version' | 'number' | 'assignedOfficeCode'> = await createDraft(as(worker), ctx, draftFor(story, receivedAt, rand));
    count++;
    if (story.fate === 'draft') continue;
    at = new Date(receivedAt.getTime() + (20 + Math.floor(rand() * 30)) * 60_000);
    view = await submitReferral(as(worker), ctx, view.id, view.version, `demo-${view.number}`);
    const recent = now.getTime() - receivedAt.getTime() < 10 * hourMs;
    if (!recent) {
      at = new Date(at.getTime() + 6 * 60_000);
      const n = 1000 + Math.floor(rand() * 8999);
      view = await recordPhoneNotice(as(worker), ctx, view.id, { calledAt: at.toISOString(), officerName: `Officer ${pick(rand, surnames)}`, badgeNumber: String(n), policeCaseNumber: `${story.town.slice(0, 3).toUpperCase()}-26-${String(n * 7).padStart(5, '0')}` });
    }
    if (story.fate === 'submitted') continue;

    at = new Date(at.getTime() + (30 + Math.floor(rand() * 60)) * 60_000);
    let decision: DecideReferralBody;
    if (story.fate === 'accepted') {
      const hours = story.kind === 'sex_evident' || story.kind === 'arrest' ? 2 : story.kind === 'missing' ? 24 : pick(rand, [24, 72]);
      decision = { decision: 'accepted', responsePriority: { answers: answersByHours[hours]! }, version: view.version };
    } else {
      decision = { decision: 'not_accepted', reasonCode: 'age_18_or_older', explanation: 'Confirmed with the caller: the person is 19 and lives independently.', version: view.version };
    }
    view = await decideReferral(as(worker), ctx, view.id, decision);
    if (story.fate === 'not_accepted_approved') {
      at = new Date(at.getTime() + 2 * hourMs);
      view = await approveNonAcceptance(as(await actor(carelineSupervisor.id)), ctx, view.id, { approved: true, version: view.version });
    }

    // CL-5: the older accepted referrals have their investigation worker; the newer ones wait in the queue.
    const ageHours = (now.getTime() - receivedAt.getTime()) / hourMs;
    if (story.fate === 'accepted' && ageHours > 60 && view.assignedOfficeCode) {
      const office = view.assignedOfficeCode;
      const region = office.startsWith('R') ? office.slice(0, 2) : null;
      const inReach = supervisors.filter((s) => (region ? s.region === region && s.office !== 'SIU' : s.office === office));
      const supervisor = inReach.find((s) => s.username === 'demo.supervisor') ?? inReach[0];
      const candidates = investigators.filter((w) => (region ? w.region === region && w.office !== 'SIU' : w.office === office));
      const chosen = candidates.find((w) => w.username === 'demo.investigation-worker' && i % 2 === 0) ?? (candidates.length ? pick(rand, candidates) : undefined);
      if (supervisor && chosen) {
        at = new Date(at.getTime() + (1 + Math.floor(rand() * 3)) * hourMs);
        view = await assignInvestigator(as(await actor(supervisor.id)), ctx, view.id, { userId: chosen.id, version: view.version });
      }
    }
    // DR-2: the HART Director has triaged what came in before the last two days.
    if (ageHours > 48) {
      at = new Date(receivedAt.getTime() + (18 + Math.floor(rand() * 20)) * hourMs);
      const body = story.kind === 'adult' ? { outcomes: ['no_further_action' as const], reason: 'An adult; referred to the state’s adult victim services.', version: view.version } : { outcomes: pick(rand, [['regional_hart'], ['regional_hart', 'mdt'], ['mdt']] as const).slice(), version: view.version };
      view = await triageReferral(as(await actor(director.id)), ctx, view.id, body);
    }
  }
  return count;
}
