/**
 * How a duty is named to people (work queues, reminders): a short label per completing action,
 * with no child data. Unknown actions (rules added later) get their code in words.
 */
const labels: Readonly<Record<string, string>> = {
  child_seen: 'See the child within the response time',
  eligibility_coordinator_consulted: 'Consult the Eligibility Certification Coordinator',
  missing_child_alert_verified: 'Verify the Silver Alert / NCMEC notification',
  consult_held: 'Hold the HART consult',
  consult_entered: 'Enter the HART consult',
};

export function dutyLabel(completes: string): string {
  const known = labels[completes];
  if (known) return known;
  const words = completes.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Actions whose own workflow completes the duty (the consult is held or entered on the consult's
 * page, HL-1 and HL-5): a checklist tick cannot complete them.
 */
export const flowCompletedActions: readonly string[] = ['consult_held', 'consult_entered', 'consult_requested', 'dcf737_sent', 'referral_made'];

export const completedByFlow = (completes: string): boolean => flowCompletedActions.includes(completes);
