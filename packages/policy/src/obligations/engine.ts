import type { Role } from '../access/roles.js';
import type { HolidayCalendar } from '../time/calendar.js';
import { dueAfter, type DueRule } from '../time/due.js';
import { defaultTimeZone } from '../time/zone.js';

/**
 * The obligation engine: an event yields the duties the policy puts on someone, each with its
 * clause, owner, deadline and what completes it. Generic and pure: the rules are data (the
 * Connecticut ones are in `ct/obligations.ts`), the clock is the event's own instant.
 */

/** The records an obligation can be about ('user': a duty on a person as such, HL-5's monthly data). */
export type SubjectType = 'referral' | 'case' | 'consult' | 'child' | 'user';

export type FactValue = string | number | boolean | null;

/** What happened, when, to which records, with the facts the rules may test. */
export interface ObligationEvent {
  readonly kind: string;
  /** The instant it happened; deadlines count from here. */
  readonly at: Date;
  /** The ids of the records the event concerns, by type. */
  readonly subjects: Readonly<Partial<Record<SubjectType, string>>>;
  /** The office the subject belongs to (an owner `{ role, office: 'subject' }` is in it). */
  readonly officeId?: string;
  /** The person assigned to the subject (an owner `{ person: 'assignee' }`). */
  readonly assigneeId?: string;
  readonly facts?: Readonly<Record<string, FactValue>>;
}

/** A test of the event's facts; a missing fact is `undefined`, which equals nothing. */
export type FactPredicate =
  | { readonly fact: string; readonly equals: FactValue }
  | { readonly not: FactPredicate }
  | { readonly all: readonly FactPredicate[] }
  | { readonly atLeastOne: readonly FactPredicate[] };

export interface RoleOwnerSpec {
  readonly role: Role;
  /** 'subject': holders of the role in the subject's office; absent: holders anywhere. */
  readonly office?: 'subject';
}
export interface PersonOwnerSpec {
  /**
   * 'assignee': the event's assignee. `{ fact }`: the user id the event carries in that fact, for
   * an event whose assignee is someone else (a consult held by a liaison, whose outcome the
   * investigation worker shares: IN-2).
   */
  readonly person: 'assignee' | { readonly fact: string };
  /** Who owns it while nobody is assigned; without it an unassigned subject is an error. */
  readonly otherwise?: RoleOwnerSpec;
}
export type OwnerSpec = RoleOwnerSpec | PersonOwnerSpec;

/** A due rule, or a deadline the event already carries as an ISO instant (CL-6's response time). */
export type ObligationDue = DueRule | { readonly kind: 'fact'; readonly fact: string };

export interface ObligationRule {
  /** Unique within a rule set; stored with each obligation. */
  readonly code: string;
  /** The clause of `shared/policy/clauses.md` the duty comes from. */
  readonly clause: string;
  readonly on: string;
  readonly subject: SubjectType;
  readonly owner: OwnerSpec;
  readonly due: ObligationDue;
  /** The event or record that completes the duty (e.g. 'consult_held'). */
  readonly completes: string;
  readonly when?: FactPredicate;
  /**
   * Tell the owner(s) by e-mail as soon as the duty exists (HL-1: the liaisons learn of a consult
   * request at once, not from the reminder a day before it is due).
   */
  readonly announce?: boolean;
}

export type ObligationOwner =
  | { readonly kind: 'role'; readonly role: Role; readonly officeId: string | null }
  | { readonly kind: 'person'; readonly personId: string };

export interface Obligation {
  readonly clause: string;
  readonly ruleCode: string;
  readonly subject: { readonly type: SubjectType; readonly id: string };
  readonly owner: ObligationOwner;
  readonly dueAt: Date;
  readonly completes: string;
}

export class ObligationRuleError extends Error {
  override readonly name = 'ObligationRuleError';
}

export function matches(predicate: FactPredicate, facts: Readonly<Record<string, FactValue>>): boolean {
  if ('fact' in predicate) return Object.hasOwn(facts, predicate.fact) && facts[predicate.fact] === predicate.equals;
  if ('not' in predicate) return !matches(predicate.not, facts);
  if ('all' in predicate) return predicate.all.every((p) => matches(p, facts));
  return predicate.atLeastOne.some((p) => matches(p, facts));
}

function resolveOwner(rule: ObligationRule, event: ObligationEvent): ObligationOwner {
  let spec: OwnerSpec = rule.owner;
  if ('person' in spec) {
    const personId = spec.person === 'assignee' ? event.assigneeId : event.facts?.[spec.person.fact];
    if (typeof personId === 'string' && personId !== '') return { kind: 'person', personId };
    if (!spec.otherwise) throw new ObligationRuleError(`${rule.code}: the ${rule.subject} has nobody assigned`);
    spec = spec.otherwise;
  }
  if (spec.office === 'subject') {
    if (!event.officeId) throw new ObligationRuleError(`${rule.code}: the ${rule.subject} has no office`);
    return { kind: 'role', role: spec.role, officeId: event.officeId };
  }
  return { kind: 'role', role: spec.role, officeId: null };
}

function resolveDue(rule: ObligationRule, event: ObligationEvent, calendar: HolidayCalendar, timeZone: string): Date {
  if (rule.due.kind !== 'fact') return dueAfter(event.at, rule.due, calendar, timeZone);
  const value = event.facts?.[rule.due.fact];
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!at || !Number.isFinite(at.getTime())) throw new ObligationRuleError(`${rule.code}: the event has no instant ${rule.due.fact}`);
  return at;
}

/**
 * The obligations `event` creates under `rules`, in rule order. Throws ObligationRuleError when
 * the event lacks what a matching rule needs (its subject, office, assignee or deadline fact):
 * a duty must never be dropped silently.
 */
export function obligationsFor(
  event: ObligationEvent,
  rules: readonly ObligationRule[],
  calendar: HolidayCalendar,
  timeZone: string = defaultTimeZone,
): Obligation[] {
  const facts = event.facts ?? {};
  const out: Obligation[] = [];
  for (const rule of rules) {
    if (rule.on !== event.kind) continue;
    if (rule.when && !matches(rule.when, facts)) continue;
    const id = event.subjects[rule.subject];
    if (!id) throw new ObligationRuleError(`${rule.code}: the event names no ${rule.subject}`);
    out.push({
      clause: rule.clause,
      ruleCode: rule.code,
      subject: { type: rule.subject, id },
      owner: resolveOwner(rule, event),
      dueAt: resolveDue(rule, event, calendar, timeZone),
      completes: rule.completes,
    });
  }
  return out;
}

/** Problems in a rule set: duplicate codes, clause IDs not of the form AB-1. */
export function checkRules(rules: readonly ObligationRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.code)) problems.push(`Duplicate rule code ${r.code}`);
    seen.add(r.code);
    if (!/^[A-Z]{2}-\d+$/.test(r.clause)) problems.push(`${r.code}: clause ${r.clause} is not a clause ID`);
  }
  return problems;
}
