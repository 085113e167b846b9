import {
  evaluateResponsePriority,
  nonAcceptanceReasonCodes,
  priorityOverrideRole,
  responsePriorityTree,
  type NonAcceptanceReasonCode,
  type PriorityQuestion,
} from '@harbor/policy';
import type { DecideReferralBody, ReferralView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { useSignedIn } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useDecide } from '../api';
import { errorsById } from '../draft';
import { TextAreaField } from '../../../components/fields';
import { Radios } from '../../../components/Radios';

type Answers = Record<string, string>;

/** CL-6: the questions on the path the answers take through the policy pack's tree, in order. */
export function questionsOnPath(answers: Answers): PriorityQuestion[] {
  const out: PriorityQuestion[] = [];
  let code: string | null = responsePriorityTree.start;
  while (code && out.length <= responsePriorityTree.questions.length) {
    const q = responsePriorityTree.questions.find((x) => x.code === code);
    if (!q) break;
    out.push(q);
    const next = q.answers.find((a) => a.value === answers[q.code])?.next;
    code = next && 'question' in next ? next.question : null;
  }
  return out;
}

/** CL-2 and CL-6: accept with the response priority, or not accept with a reason (pending approval). */
export function DecisionForm({ referral }: { referral: ReferralView }) {
  const t = useT();
  const r = t.referrals;
  const { user } = useSignedIn();
  const decide = useDecide(referral.id);
  const [decision, setDecision] = useState<'accepted' | 'not_accepted' | ''>('');
  const [answers, setAnswers] = useState<Answers>({});
  const [overrideTo, setOverrideTo] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [reasonCode, setReasonCode] = useState<NonAcceptanceReasonCode | ''>('');
  const [explanation, setExplanation] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const evaluation = evaluateResponsePriority(responsePriorityTree, answers);
  // The tree's words in the page's language (the pack's English only for a code it does not know).
  const words = t.policy.priority;
  const mayOverride = user.roles.includes(priorityOverrideRole);
  const fail = (next: Map<string, string>, text: string | null) => {
    setErrors(next);
    setMessage(text);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (decision === '') return fail(new Map([['decision', r.decisionLegend]]), null);
    const body: DecideReferralBody =
      decision === 'accepted'
        ? {
            decision,
            version: referral.version,
            responsePriority: { answers, ...(overrideTo ? { override: { to: overrideTo, reason: overrideReason } } : {}) },
          }
        : { decision, version: referral.version, reasonCode: reasonCode as NonAcceptanceReasonCode, ...(explanation.trim() ? { explanation } : {}) };
    try {
      await decide.mutateAsync(body);
      setErrors(new Map());
      setMessage(null);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        // `responsePriority.answers.missing` is the radio group `answers-missing`.
        fail(errorsById(err.fields.map((f) => ({ ...f, field: f.field.replace(/^responsePriority\./, '') }))), null);
      } else fail(new Map(), err instanceof ApiError ? err.message : t.common.network);
    }
  }

  return (
    <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary items={[...errors].map(([id, m]) => ({ id, message: m }))} attempt={attempt} />
      {message ? <Alert kind="error">{message}</Alert> : null}
      <Radios
        id="decision"
        legend={r.decisionLegend}
        options={[
          { value: 'accepted' as const, label: r.accept },
          { value: 'not_accepted' as const, label: r.notAccept },
        ]}
        value={decision}
        onChange={setDecision}
        error={errors.get('decision')}
      />
      {decision === 'accepted' ? (
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{r.priorityLegend}</legend>
          {questionsOnPath(answers).map((q) => (
            <Radios
              key={q.code}
              id={`answers-${q.code}`}
              legend={policyWord(words.questions, q.code, q.text)}
              hint={q.hint === undefined ? undefined : policyWord(words.hints, q.code, q.hint)}
              options={q.answers.map((a) => ({ value: a.value, label: policyWord(words.answers, a.value, a.label) }))}
              value={answers[q.code] ?? ''}
              onChange={(value) => setAnswers((prev) => ({ ...prev, [q.code]: value }))}
              error={errors.get(`answers-${q.code}`)}
            />
          ))}
          <div role="status">{evaluation.ok ? <p className="usa-alert usa-alert--info usa-alert--slim padding-1 text-bold" id="response-time">{r.seeChild(policyWord(words.outcomes, evaluation.result.outcome, evaluation.result.outcomeLabel))}</p> : null}</div>
          {mayOverride && evaluation.ok ? (
            <fieldset className="usa-fieldset">
              <legend className="usa-legend">{r.overrideLegend}</legend>
              <SelectField id="override-to" label={r.overrideTo} value={overrideTo} onChange={(e) => setOverrideTo(e.target.value)} error={errors.get('override-to')}>
                <option value="">{r.overrideNone}</option>
                {responsePriorityTree.outcomes
                  .filter((o) => o.code !== evaluation.result.outcome)
                  .map((o) => (
                    <option key={o.code} value={o.code}>
                      {policyWord(words.outcomes, o.code, o.label)}
                    </option>
                  ))}
              </SelectField>
              {overrideTo ? <TextAreaField id="override-reason" label={r.overrideReason} required rows={3} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} error={errors.get('override-reason')} /> : null}
            </fieldset>
          ) : null}
        </fieldset>
      ) : null}
      {decision === 'not_accepted' ? (
        <>
          <p className="usa-hint">{r.pendingNote}</p>
          <SelectField id="reasonCode" label={r.reason} required value={reasonCode} onChange={(e) => setReasonCode(e.target.value as NonAcceptanceReasonCode)} error={errors.get('reasonCode')}>
            <option value="">{t.common.select}</option>
            {nonAcceptanceReasonCodes.map((code) => (
              <option key={code} value={code}>
                {t.queues.reasons[code]}
              </option>
            ))}
          </SelectField>
          <TextAreaField id="explanation" label={r.explanation} rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} error={errors.get('explanation')} />
        </>
      ) : null}
      <button type="submit" className="usa-button margin-top-2" disabled={decide.isPending}>
        {r.decide}
      </button>
    </form>
  );
}
