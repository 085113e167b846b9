import type { Role } from '@harbor/policy';
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentReach, scopeFor, type AuthUser } from '../access/index.js';
import { loadAuthUser } from '../auth/index.js';
import { queryRows } from './client.js';
import { outboxMessages, partnerAgencies, referralNotices, referrals, users } from './schema.js';
import { demoUsername } from '../seed/index.js';
import { onPostgres, startTestServer, type TestServer } from '../test/harness.js';

/**
 * Issue 11, migration 0015: the indexes written in SQL only (partial and expression indexes
 * drizzle-kit does not keep), and the statistics object beside them. Each must exist, and the
 * read it was made for must be planned through it: the assignment queue's page of ids, the
 * "Notices not delivered" page, and the start-up look for plain-text values (sealPlainFields).
 * The queries are the services' own shapes (referrals/assignment.ts, referrals/notice-problems.ts,
 * referrals/sealed-fields.ts), built from the same schema and access predicates. The tables here
 * are small, so sequential scans are switched off for the plan (SET LOCAL enable_seqscan = off):
 * what is asked is whether the index can serve the query, which it cannot once it is dropped or
 * its predicate no longer covers the query's.
 *
 * PostgreSQL only: vitest.config.ts collects this file only when TEST_DATABASE_URL is set.
 */
let server: TestServer;
const db = () => server.db.database.db;

beforeAll(async () => {
  if (!onPostgres) throw new Error('indexes.postgres.int.test.ts runs on PostgreSQL only (set TEST_DATABASE_URL)');
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function demoUser(role: Role): Promise<AuthUser> {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.username, demoUsername(role)));
  const user = await loadAuthUser(db(), row!.id);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const indexesIn = (node: PlanNode): string[] => [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesIn)];

/** The indexes the plan of `query` reads, sequential scans off (the tables are small here). */
async function indexesUsedBy(query: SQL | { getSQL(): SQL }): Promise<string[]> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(tx, sql`explain (format json) ${'getSQL' in query ? query.getSQL() : query}`);
    const plan = (typeof row!['QUERY PLAN'] === 'string' ? JSON.parse(row!['QUERY PLAN']) : row!['QUERY PLAN']) as { Plan: PlanNode }[];
    return indexesIn(plan[0]!.Plan);
  });
}

const sqlIndexes = ['referrals_assignment_queue_idx', 'referrals_plain_fields_idx', 'referral_notices_plain_fields_idx', 'outbox_notice_problems_idx'];

describe('the SQL-only indexes of migration 0015 (PostgreSQL)', () => {
  it('exist, each partial with the predicate its read needs, beside the override reason statistics', async () => {
    const rows = await queryRows<{ indexname: string; indexdef: string }>(
      db(),
      sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() and indexname in (${sql.join(sqlIndexes.map((n) => sql`${n}`), sql`, `)})`,
    );
    const def = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    expect(Object.keys(def).sort()).toEqual([...sqlIndexes].sort());
    expect(def['referrals_assignment_queue_idx']).toMatch(/\(assigned_office_code, response_due_at, id\) WHERE .*status = 'accepted'.*investigator_id IS NULL/);
    expect(def['outbox_notice_problems_idx']).toMatch(/COALESCE\(escalated_at, 'infinity'::timestamp with time zone\), created_at\) WHERE/);
    expect(def['referrals_plain_fields_idx']).toMatch(/WHERE .*decision_explanation IS NOT NULL/);
    expect(def['referral_notices_plain_fields_idx']).toMatch(/WHERE .*officer_name IS NOT NULL/);
    const stats = await queryRows<{ stxname: string }>(db(), sql`select stxname from pg_statistic_ext where stxname = 'referrals_override_reason_stats'`);
    expect(stats).toHaveLength(1);
  });

  it('[CL-5] the assignment queue reads its page of ids from referrals_assignment_queue_idx', async () => {
    const supervisor = await demoUser('supervisor');
    // referrals/assignment.ts, assignmentQueue: the ids of the page, soonest due first, then by id.
    const ids = db()
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.status, 'accepted'), assignmentReach(supervisor, referrals.assignedOfficeCode), isNull(referrals.investigatorId)))
      .orderBy(asc(sql`${referrals.responseDueAt}`), asc(referrals.id))
      .limit(51);
    expect(await indexesUsedBy(ids)).toContain('referrals_assignment_queue_idx');
  });

  it('[CL-4] the "Notices not delivered" page reads the unsent failures and escalations from outbox_notice_problems_idx', async () => {
    const careline = await demoUser('careline_supervisor');
    const m = outboxMessages;
    // referrals/notice-problems.ts, noticeProblems: escalated first, then the oldest message, then the notice.
    const escalatedOrder = sql`coalesce(${m.escalatedAt}, 'infinity'::timestamptz)`;
    const page = db()
      .select({ noticeId: referralNotices.id, referralId: referrals.id, status: m.status, escalatedKey: sql<string>`${escalatedOrder}::text`, createdKey: sql<string>`${m.createdAt}::text` })
      .from(referralNotices)
      .innerJoin(referrals, eq(referrals.id, referralNotices.referralId))
      .innerJoin(partnerAgencies, eq(partnerAgencies.id, referralNotices.partnerAgencyId))
      .innerJoin(m, eq(m.id, referralNotices.outboxMessageId))
      .where(and(scopeFor(careline, 'referral'), inArray(m.status, ['queued', 'sending', 'failed_retrying', 'failed', 'held_no_transport']), or(isNotNull(m.escalatedAt), eq(m.status, 'failed'))))
      .orderBy(asc(escalatedOrder), asc(m.createdAt), asc(referralNotices.id))
      .limit(51);
    expect(await indexesUsedBy(page)).toContain('outbox_notice_problems_idx');
  });

  it('the start-up look for plain-text values reads referrals_plain_fields_idx and referral_notices_plain_fields_idx', async () => {
    // referrals/sealed-fields.ts, sealPlainFields.
    const plainReferrals = sql`select id, decision_explanation as explanation, triage_reason as triage, response_priority as priority from referrals
           where decision_explanation is not null or triage_reason is not null
              or (response_priority -> 'override' -> 'reason') is not null for update`;
    const plainNotices = sql`select id, officer_name as officer, badge_number as badge, police_case_number as "caseNumber" from ${referralNotices}
           where officer_name is not null or badge_number is not null or police_case_number is not null for update`;
    expect(await indexesUsedBy(plainReferrals)).toContain('referrals_plain_fields_idx');
    expect(await indexesUsedBy(plainNotices)).toContain('referral_notices_plain_fields_idx');
  });
});
