import { idParams, noQuery, timelineView } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { readTimeline } from './service.js';

const tags = ['timeline'];

/** The case timeline (issue 4, item 8): reach is checked on the record (404 outside it). */
export function registerTimelineRoutes(app: HarborApp): void {
  app.get(
    '/api/timeline/referral/:id',
    {
      config: { permission: 'work.read', auditAction: 'timeline.read', recordType: 'referral' },
      schema: { summary: 'Every event of a referral in time order: milestones, notices, documents, duties, consults, support', tags, params: idParams, querystring: noQuery, response: { 200: timelineView } },
    },
    async (req) => readTimeline(repoOf(req), 'referral', req.params.id),
  );
  app.get(
    '/api/timeline/case/:id',
    {
      config: { permission: 'work.read', auditAction: 'timeline.read', recordType: 'case' },
      schema: { summary: 'Every event of an open case in time order: its opening, HT concern, notices, documents, duties, consults, support, later referrals', tags, params: idParams, querystring: noQuery, response: { 200: timelineView } },
    },
    async (req) => readTimeline(repoOf(req), 'case', req.params.id),
  );
}
