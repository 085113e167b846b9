import { decisionBranches, decisionMap, evaluateBranch, type DecisionBranch, type MapQuestion } from '@harbor/policy';
import type { ConsultView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { useT } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useDecisionMap } from '../api';
import { useFormErrors } from './form';
import { Radios } from '../../../components/Radios';

type Answers = Record<DecisionBranch, Record<string, string>>;

/** HL-3: the questions on the path the answers take through one branch of the map, in order. */
export function questionsOnPath(branch: DecisionBranch, answers: Record<string, string>): MapQuestion[] {
  const b = decisionMap.branches[branch];
  const out: MapQuestion[] = [];
  let code: string | null = b.start;
  while (code && out.length <= b.questions.length) {
    const q = b.questions.find((x) => x.code === code);
    if (!q) break;
    out.push(q);
    const next = q.answers.find((a) => a.value === answers[q.code])?.next;
    code = next && 'question' in next ? next.question : null;
  }
  return out;
}

/**
 * HL-3: the Decision Map, step by step and by keyboard: each branch is a fieldset of radio
 * groups; answering a question shows the next; the level of each branch shows as soon as its
 * path ends. The server evaluates it again and keeps the answers on the path.
 */
export function DecisionMapForm({ consult, onDone }: { consult: ConsultView; onDone: (text: string) => void }) {
  const t = useT();
  const m = t.hart.map;
  // The map's words in the page's language (the pack's English only for a code it does not know).
  const words = t.policy.map;
  const save = useDecisionMap(consult.id);
  const form = useFormErrors(t.common.network);
  const stored = consult.decisionMap?.answers;
  const [answers, setAnswers] = useState<Answers>({ sex: { ...(stored?.['sex'] ?? {}) }, labor: { ...(stored?.['labor'] ?? {}) } });

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await save.mutateAsync({ answers, version: consult.version });
      form.clear();
      onDone(m.saved);
    } catch (err) {
      form.failWith(err);
    }
  }

  return (
    <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="map-heading">
      <ErrorSummary items={form.summary} attempt={form.attempt} />
      {form.message ? <Alert kind="error">{form.message}</Alert> : null}
      <p>{m.intro}</p>
      {decisionBranches.map((branch) => {
        const result = evaluateBranch(decisionMap, branch, answers[branch]);
        return (
          <fieldset key={branch} className="usa-fieldset margin-top-3">
            <legend className="usa-legend usa-legend--large">{m.branches[branch]}</legend>
            {questionsOnPath(branch, answers[branch]).map((q) => (
              <Radios
                key={q.code}
                id={`answers-${branch}-${q.code}`}
                legend={policyWord(words.questions, q.code, q.text)}
                hint={q.hint === undefined ? undefined : policyWord(words.hints, q.code, q.hint)}
                options={q.answers.map((a) => ({ value: a.value, label: policyWord(words.answers, a.value, a.label) }))}
                value={answers[branch][q.code] ?? ''}
                onChange={(value) => setAnswers((prev) => ({ ...prev, [branch]: { ...prev[branch], [q.code]: value } }))}
                error={form.errors.get(`answers-${branch}-${q.code}`)}
              />
            ))}
            <div role="status">
              {result.ok ? (
                <p className="usa-alert usa-alert--info usa-alert--slim padding-1 text-bold" id={`level-${branch}`}>
                  {m.result(m.branches[branch], t.hart.levels[result.result.level])}
                </p>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      <button type="submit" id="map-submit" className="usa-button margin-top-2" disabled={save.isPending}>
        {m.submit}
      </button>
    </form>
  );
}
