import { describe, expect, it } from 'vitest';
import { checkTriage, entersStatewideQueue, triageTargets } from './triage.js';

describe('HART Director triage (DR-1, DR-2)', () => {
  it('[DR-1] every referral with a DCF-737 sent or with HT characteristics enters the statewide queue', () => {
    expect(entersStatewideQueue({ dcf737Sent: true, htCharacteristics: false })).toEqual({ enters: true, reasons: ['A DCF-737 was sent'] });
    expect(entersStatewideQueue({ dcf737Sent: false, htCharacteristics: true }).enters).toBe(true);
    expect(entersStatewideQueue({ dcf737Sent: true, htCharacteristics: true }).reasons).toHaveLength(2);
    expect(entersStatewideQueue({ dcf737Sent: false, htCharacteristics: false })).toEqual({ enters: false, reasons: [] });
  });

  it('[DR-2] non-accepted referrals enter the queue like accepted ones', () => {
    for (const decision of ['accepted', 'not_accepted', null] as const) {
      expect(entersStatewideQueue({ dcf737Sent: false, htCharacteristics: true, decision }).enters).toBe(true);
    }
  });

  it('[DR-2] triage sends a referral to the regional HART team, the MDT, or both', () => {
    expect(checkTriage({ outcomes: ['regional_hart'] })).toEqual([]);
    expect(checkTriage({ outcomes: ['regional_hart', 'mdt'] })).toEqual([]);
    expect(triageTargets(['regional_hart', 'mdt'], 'Norwich')).toEqual([
      { outcome: 'regional_hart', resolveBy: 'region', resolveKey: 'R3' },
      { outcome: 'mdt', resolveBy: 'judicial_district', resolveKey: 'JD-NLD' },
    ]);
    expect(triageTargets(['no_further_action'], 'Norwich')).toEqual([]);
  });

  it('[DR-2] no further action needs a reason and stands alone', () => {
    expect(checkTriage({ outcomes: ['no_further_action'] })).toEqual([{ field: 'reason', message: 'Give the reason no further action is needed' }]);
    expect(checkTriage({ outcomes: ['no_further_action'], reason: '  ' })).toHaveLength(1);
    expect(checkTriage({ outcomes: ['no_further_action'], reason: 'Adult victim; referred to the hotline' })).toEqual([]);
    expect(checkTriage({ outcomes: ['no_further_action', 'mdt'], reason: 'x' })[0]?.message).toMatch(/cannot be combined/);
    expect(checkTriage({ outcomes: [] })[0]?.field).toBe('outcomes');
    expect(checkTriage({ outcomes: ['mdt', 'mdt'] })[0]?.message).toMatch(/once/);
    expect(checkTriage({ outcomes: ['police'] })[0]?.message).toMatch(/Unknown/);
  });
});
