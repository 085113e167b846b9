import { describe, expect, it } from 'vitest';
import { dutyPageActions } from './duties.js';

describe('what a duty’s own page may do with it', () => {
  it('[IN-3] [IN-6] [OG-4] a duty the policy asks for "as needed" or "if warranted" may be ticked or marked not needed', () => {
    for (const completes of ['legal_consulted', 'rrg_consulted', 'treatment_before_placement_decided', 'mdt_legal_rrg_consulted']) {
      expect(dutyPageActions(completes), completes).toEqual({ done: true, notNeeded: true });
    }
  });

  it('[CL-6] [IN-7] [IN-8] [IN-2] [HL-5] a duty the policy requires can only be done', () => {
    for (const completes of ['child_seen', 'eligibility_coordinator_consulted', 'missing_child_alert_verified', 'consult_outcome_shared_with_mdt', 'monthly_data_entered']) {
      expect(dutyPageActions(completes), completes).toEqual({ done: true, notNeeded: false });
    }
  });

  it('[IN-5] [IN-6] the joint response and the hospital assessment record more than a tick: closed on the checklist only', () => {
    expect(dutyPageActions('joint_response_recorded')).toEqual({ done: false, notNeeded: false });
    expect(dutyPageActions('hospital_assessment_decided')).toEqual({ done: false, notNeeded: false });
  });

  it('[HL-1] [HL-5] [IN-1] [OG-1] [OG-2] [OG-3] [IN-4] a duty its own workflow completes is neither ticked nor waived on its page', () => {
    for (const completes of ['consult_held', 'consult_entered', 'consult_requested', 'red_flags_assessed', 'dcf737_sent', 'careline_referral_made', 'ht_referral_made']) {
      expect(dutyPageActions(completes), completes).toEqual({ done: false, notNeeded: false });
    }
  });
});
