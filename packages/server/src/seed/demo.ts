import { roleDefs, roles, type Role } from '@harbor/policy';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { DataLayer } from '../data/index.js';
import type { Db } from '../db/client.js';
import { seedDemoDuties } from './demo-duties.js';
import { seedDemoHart } from './demo-hart.js';
import { seedDemoReferrals } from './demo-referrals.js';
import { seedDemoCasework } from './demo-casework.js';
import { countUsers } from './agency.js';
import type { Vault } from '../crypto/index.js';
import { assignments, offices, people, personMatchKeys, towns, userRoles, users } from '../db/schema.js';
import { matchKeyRows, sealIdentity, type Identity } from '../people/index.js';
import { hashPassword } from '../auth/index.js';
import { givenNames, pick, seededRandom, surnames } from './names.js';

/** The demo password of every demo account. Demo seeding never runs in production. */
export const demoPassword = 'harbor-demo-2026';

export interface DemoSignIn {
  role: Role;
  label: string;
  username: string;
  office: string;
}

/** One demo user per role, each in the office where that role works in the demo agency. */
const demoHome: Readonly<Record<Role, string>> = {
  careline_worker: 'CARELINE',
  careline_supervisor: 'CARELINE',
  investigation_worker: 'HFD',
  ongoing_worker: 'HFD',
  supervisor: 'HFD',
  hart_liaison: 'HFD',
  hart_lead: 'R4-RO',
  hart_director: 'HART',
  mdt_coordinator: 'HFD',
  eligibility_coordinator: 'CO',
  training_coordinator: 'CO',
  administrator: 'CO',
  auditor: 'CO',
};

export const demoUsername = (role: Role): string => `demo.${role.replace(/_/g, '-')}`;
/** CF-1: the demo agency's second administrator (same demo password). */
export const demoSecondAdministrator = 'demo.administrator-2';

export function demoSignIns(): DemoSignIn[] {
  return roles.map((role) => ({ role, label: roleDefs[role].label, username: demoUsername(role), office: demoHome[role] }));
}

type UserRow = typeof users.$inferInsert & { id: string; roles: Role[] };

/**
 * A synthetic agency's staff and people: the demo sign-ins, a realistic roster in every office,
 * and synthetic children and adults with records in the area offices. Runs once, on an empty
 * database; every name is made up.
 */
export async function seedDemo(db: Db, vault: Vault): Promise<DemoSignIn[]> {
  const rand = seededRandom(20261123);
  const passwordHash = await hashPassword(demoPassword);
  const officeRows = await db.select({ id: offices.id, code: offices.code, kind: offices.kind, regionCode: offices.regionCode }).from(offices);
  const byCode = new Map(officeRows.map((o) => [o.code, o]));
  const officeId = (code: string) => {
    const o = byCode.get(code);
    if (!o) throw new Error(`demo seed: no office ${code}`);
    return o.id;
  };
  const townRows = await db.select({ name: towns.name, office: towns.areaOfficeCode }).from(towns);

  const staff: UserRow[] = [];
  const usedNames = new Set<string>();
  const name = () => {
    for (;;) {
      const n = `${pick(rand, givenNames)} ${pick(rand, surnames)}`;
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const add = (username: string, role: Role, code: string, displayName = name()) => {
    staff.push({ id: crypto.randomUUID(), username, displayName, email: `${username}@dcf.example.gov`, passwordHash, officeId: officeId(code), roles: [role] });
  };
  for (const s of demoSignIns()) add(s.username, s.role, s.office, `${name()} (demo ${s.label.toLowerCase()})`);

  // A roster in every office, so the administration pages look like an agency's.
  const areaOffices = officeRows.filter((o) => o.kind === 'area_office');
  let n = 0;
  const next = (prefix: string) => `${prefix}${String(++n).padStart(3, '0')}`;
  for (const o of areaOffices) {
    add(next('sup'), 'supervisor', o.code);
    add(next('inv'), 'investigation_worker', o.code);
    add(next('inv'), 'investigation_worker', o.code);
    add(next('ong'), 'ongoing_worker', o.code);
    add(next('ong'), 'ongoing_worker', o.code);
    add(next('hl'), 'hart_liaison', o.code);
  }
  for (const o of officeRows.filter((x) => x.kind === 'regional_office')) add(next('lead'), 'hart_lead', o.code);
  for (let i = 0; i < 6; i++) add(next('cl'), 'careline_worker', 'CARELINE');
  add(next('cls'), 'careline_supervisor', 'CARELINE');
  for (let i = 0; i < 3; i++) add(next('siu'), 'investigation_worker', 'SIU');
  // CL-5: the SIU's own supervisor assigns the referrals the SIU rules send there.
  add(next('siusup'), 'supervisor', 'SIU');
  // CF-1: a second administrator, to approve what the first asks for (wide reach, child-document addresses).
  add(demoSecondAdministrator, 'administrator', 'CO', 'Second administrator (demo administrator)');

  await db.transaction(async (tx) => {
    await tx.insert(users).values(staff.map(({ roles: _r, ...u }) => u));
    await tx.insert(userRoles).values(staff.flatMap((u) => u.roles.map((role) => ({ userId: u.id, role }))));
  });

  // People: children with records in each area office, with a caregiver each.
  const demoWorker = staff.find((s) => s.username === demoUsername('investigation_worker'));
  const demoOngoing = staff.find((s) => s.username === demoUsername('ongoing_worker'));
  const personRows: (Omit<typeof people.$inferInsert, 'identity'> & Identity & { id: string })[] = [];
  const assignmentRows: (typeof assignments.$inferInsert)[] = [];
  const today = new Date();
  for (const o of areaOffices) {
    const officeTowns = townRows.filter((t) => t.office === o.code);
    const workers = staff.filter((s) => s.officeId === o.id && (s.roles.includes('investigation_worker') || s.roles.includes('ongoing_worker')));
    for (let i = 0; i < 5; i++) {
      const lastName = pick(rand, surnames);
      const age = 11 + Math.floor(rand() * 7);
      const dob = new Date(Date.UTC(today.getUTCFullYear() - age, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
      const town = pick(rand, officeTowns).name;
      const childId = crypto.randomUUID();
      personRows.push({
        id: childId,
        kind: 'child',
        firstName: pick(rand, givenNames),
        lastName,
        aliases: rand() < 0.3 ? [pick(rand, givenNames)] : [],
        dateOfBirth: dob.toISOString().slice(0, 10),
        gender: pick(rand, ['female', 'female', 'female', 'male', 'transgender_female', 'nonbinary'] as const),
        townName: town,
        officeId: o.id,
      });
      personRows.push({
        id: crypto.randomUUID(),
        kind: 'caregiver',
        firstName: pick(rand, givenNames),
        lastName,
        aliases: [],
        dateOfBirth: null,
        gender: pick(rand, ['female', 'male'] as const),
        townName: town,
        officeId: o.id,
      });
      const worker = workers.length > 0 ? pick(rand, workers) : undefined;
      if (worker) assignmentRows.push({ recordType: 'person', recordId: childId, userId: worker.id });
      if (o.code === 'HFD' && i < 3 && demoWorker) assignmentRows.push({ recordType: 'person', recordId: childId, userId: demoWorker.id });
      if (o.code === 'HFD' && i >= 3 && demoOngoing) assignmentRows.push({ recordType: 'person', recordId: childId, userId: demoOngoing.id });
    }
  }
  await db.transaction(async (tx) => {
    // Sealed and indexed as every person is (people/identity.ts): no plaintext name reaches the database.
    await tx.insert(people).values(
      personRows.map(({ firstName, lastName, aliases, dateOfBirth, ...p }) => ({ ...p, identity: sealIdentity(vault, p.id, { firstName, lastName, aliases, dateOfBirth }) })),
    );
    await tx.insert(personMatchKeys).values(personRows.flatMap((p) => matchKeyRows(vault, p.id, p, p.townName ?? null)));
    if (assignmentRows.length > 0) await tx.insert(assignments).values(assignmentRows);
  });
  return demoSignIns();
}

/** The steps of the demo seed, in order (a test may fail one to prove the seed is all or nothing). */
export type DemoSeedStep = 'staff and people' | 'referrals' | 'hart' | 'casework' | 'duties';

export interface DemoSeedHooks {
  /** Called after each step, inside the seed's transaction; what it throws undoes the whole seed. */
  afterStep?: (step: DemoSeedStep) => void | Promise<void>;
}

/**
 * Seeds the demo agency on an empty database when the demo is on; answers the demo sign-ins, or
 * null when off. All or nothing: one transaction, so a crash or a failure halfway leaves the
 * database as empty as it was, and the next start (which seeds when there are no users) seeds it
 * again; never a half-seeded agency that reports success. Instances starting together take turns
 * (an advisory lock), and the one that comes second finds the users there.
 */
export async function ensureDemoSeeded(data: DataLayer, vault: Vault, demoOn: boolean, config?: Config, hooks: DemoSeedHooks = {}): Promise<DemoSignIn[] | null> {
  if (!demoOn) return null;
  if ((await data.forSystem('demo-seed').unit((u) => countUsers(u.db))) > 0) return demoSignIns();
  // One transaction; the services' units (each demo user's, scoped and audited) run inside it.
  return data.atomically(async (tx, seed) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727010)`);
    if ((await countUsers(tx)) > 0) return demoSignIns();
    const step = async (name: DemoSeedStep, work: () => Promise<unknown>) => {
      await work();
      await hooks.afterStep?.(name);
    };
    let signIns: DemoSignIn[] = [];
    await step('staff and people', async () => (signIns = await seedDemo(tx, vault)));
    // The week's referrals go through the referral services, so they need the configuration (mail, recipients).
    if (config) {
      await step('referrals', () => seedDemoReferrals(tx, seed, vault, config));
      await step('hart', () => seedDemoHart(tx, seed, vault, config));
      await step('casework', () => seedDemoCasework(tx, seed, vault, config));
      // Last: the scheduler's passes over the week, once every duty of the story exists.
      await step('duties', () => seedDemoDuties(seed, vault, config));
    }
    return signIns;
  });
}
