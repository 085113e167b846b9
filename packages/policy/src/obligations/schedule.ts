import type { Role } from '../access/roles.js';

/**
 * What the scheduler owes a duty at an instant (issue 4, item 2): pure, so the server's pass only
 * stores what this says. A duty is reminded once before it is due, marked overdue when due, and
 * escalated one step per `escalateEveryMs` after that, up a chain of levels:
 * 1 the supervisors of the duty's office, 2 the HART Lead(s) of its region, 3 the HART Director.
 * A duty owned by a HART liaison starts its chain at the Lead, one owned by a Lead at the Director.
 */
export const escalationLevels = [1, 2, 3] as const;
export type EscalationLevel = (typeof escalationLevels)[number];
export const topEscalationLevel: EscalationLevel = 3;

/** The role each level of the chain goes to. */
export const escalationRole: Readonly<Record<EscalationLevel, Role>> = { 1: 'supervisor', 2: 'hart_lead', 3: 'hart_director' };

/**
 * Who "the office's supervisors" of the first escalation step are: its supervisors, and in the
 * Careline office its Careline supervisors (CL-4's phone call is a Careline worker's duty).
 */
export const officeSupervisorRoles: readonly Role[] = ['supervisor', 'careline_supervisor'];

/** Where the chain starts for a duty whose owner holds `ownerRoles`; null: nobody above (the Director's own duty). */
export function escalationStart(ownerRoles: readonly string[]): EscalationLevel | null {
  if (ownerRoles.includes('hart_director')) return null;
  if (ownerRoles.includes('hart_lead')) return 3;
  if (ownerRoles.includes('hart_liaison')) return 2;
  return 1;
}

export interface ScheduleSettings {
  /** How long before the due time the owner is reminded. */
  readonly remindBeforeMs: number;
  /** Time between one escalation step and the next, the first counted from the due time. */
  readonly escalateEveryMs: number;
}

export interface DutyClock {
  readonly dueAt: Date;
  readonly state: 'open' | 'overdue';
  readonly remindedAt: Date | null;
  readonly escalationLevel: number;
  /** An 'immediately' duty is due when it arises: it is never reminded, it is due. */
  readonly immediate: boolean;
  /** `escalationStart` of its owner. */
  readonly start: EscalationLevel | null;
}

export type ScheduleStep = { readonly kind: 'remind' } | { readonly kind: 'overdue' } | { readonly kind: 'escalate'; readonly level: EscalationLevel };

export interface ScheduleDecision {
  /** In order; empty when nothing is owed at `now`. */
  readonly steps: readonly ScheduleStep[];
  /** When the duty next needs the scheduler (always after `now`), or null: never again. */
  readonly nextCheckAt: Date | null;
}

/** The instant the escalation to `level` is due (the first step one interval after the due time). */
export function escalationDueAt(dueAt: Date, start: EscalationLevel, level: EscalationLevel, escalateEveryMs: number): Date {
  return new Date(dueAt.getTime() + (level - start + 1) * escalateEveryMs);
}

/**
 * Every step owed at `now` (a pass that ran late catches up in one go, so running it again at
 * the same instant owes nothing), and when to look again.
 */
export function scheduleAt(duty: DutyClock, now: Date, s: ScheduleSettings): ScheduleDecision {
  const steps: ScheduleStep[] = [];
  const due = duty.dueAt.getTime();
  const t = now.getTime();
  const remindAt = due - s.remindBeforeMs;
  let reminded = duty.remindedAt !== null || duty.immediate;
  let state = duty.state;
  let level = duty.escalationLevel;
  if (!reminded && state === 'open' && t < due && t >= remindAt) {
    steps.push({ kind: 'remind' });
    reminded = true;
  }
  if (state === 'open' && t >= due) {
    steps.push({ kind: 'overdue' });
    state = 'overdue';
  }
  const nextLevel = (): EscalationLevel | null => {
    if (duty.start === null) return null;
    const n = level < duty.start ? duty.start : level + 1;
    return n <= topEscalationLevel ? (n as EscalationLevel) : null;
  };
  if (state === 'overdue') {
    for (let n = nextLevel(); n !== null && t >= escalationDueAt(duty.dueAt, duty.start!, n, s.escalateEveryMs).getTime(); n = nextLevel()) {
      steps.push({ kind: 'escalate', level: n });
      level = n;
    }
  }
  let next: number | null = null;
  if (state === 'open') next = !reminded && t < remindAt ? remindAt : due;
  else {
    const n = nextLevel();
    if (n !== null) next = escalationDueAt(duty.dueAt, duty.start!, n, s.escalateEveryMs).getTime();
  }
  return { steps, nextCheckAt: next === null ? null : new Date(next) };
}
