import type { ConsultView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../../components/fields';
import { useT } from '../../../i18n';
import { useHold } from '../api';
import { fromLocalInput, localInput, useFormErrors } from './form';

/** HL-1, HL-4, HL-6: the liaison records the consult held. */
export function HoldForm({ consult, onDone }: { consult: ConsultView; onDone: (text: string) => void }) {
  const t = useT();
  const h = t.hart.hold;
  const hold = useHold(consult.id);
  // A list without participants is reported at the first participant's name.
  const form = useFormErrors(t.common.network, { participants: 'participants-0-name' });
  const [heldAt, setHeldAt] = useState(() => localInput(new Date()));
  const [participants, setParticipants] = useState([{ name: '', role: '' }]);
  const [informationReviewed, setInformation] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [mdtCollaborated, setMdt] = useState(false);
  const [lawEnforcement, setLawEnforcement] = useState('');
  const setParticipant = (i: number, key: 'name' | 'role', value: string) => setParticipants((list) => list.map((p, j) => (j === i ? { ...p, [key]: value } : p)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await hold.mutateAsync({
        heldAt: fromLocalInput(heldAt),
        participants: participants.filter((p) => p.name.trim() || p.role.trim()),
        informationReviewed,
        recommendations,
        mdtCollaborated,
        ...(lawEnforcement.trim() ? { lawEnforcementAssistance: lawEnforcement } : {}),
        version: consult.version,
      });
      form.clear();
      onDone(h.done);
    } catch (err) {
      form.failWith(err);
    }
  }

  return (
    <section aria-labelledby="hold-heading" className="margin-top-4">
      <h2 id="hold-heading">{h.heading}</h2>
      <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary items={form.summary} attempt={form.attempt} />
        {form.message ? <Alert kind="error">{form.message}</Alert> : null}
        <TextField id="heldAt" type="datetime-local" label={h.heldAt} required value={heldAt} onChange={(e) => setHeldAt(e.target.value)} error={form.errors.get('heldAt')} />
        <fieldset className="usa-fieldset" aria-describedby="participants-hint">
          <legend className="usa-legend usa-legend--large">{h.participantsLegend}</legend>
          <div className="usa-hint" id="participants-hint">
            {h.participantsHint}
          </div>
          {participants.map((p, i) => (
            <div key={i} className="harbor-repeat">
              <TextField id={`participants-${i}-name`} label={h.name(i + 1)} required value={p.name} onChange={(e) => setParticipant(i, 'name', e.target.value)} error={form.errors.get(`participants-${i}-name`)} />
              <TextField id={`participants-${i}-role`} label={h.role(i + 1)} required value={p.role} onChange={(e) => setParticipant(i, 'role', e.target.value)} error={form.errors.get(`participants-${i}-role`)} />
              {participants.length > 1 ? (
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => setParticipants((list) => list.filter((_, j) => j !== i))}>
                  {h.remove(i + 1)}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            id="add-participant"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => {
              setParticipants((list) => [...list, { name: '', role: '' }]);
              // The new participant's name takes focus once it is on the page.
              window.setTimeout(() => document.getElementById(`participants-${participants.length}-name`)?.focus(), 0);
            }}
          >
            {h.add}
          </button>
        </fieldset>
        <TextAreaField id="informationReviewed" label={h.informationReviewed} required rows={4} value={informationReviewed} onChange={(e) => setInformation(e.target.value)} error={form.errors.get('informationReviewed')} />
        <TextAreaField id="recommendations" label={h.recommendations} required rows={4} value={recommendations} onChange={(e) => setRecommendations(e.target.value)} error={form.errors.get('recommendations')} />
        <div className="usa-checkbox margin-top-3">
          <input className="usa-checkbox__input" id="mdtCollaborated" type="checkbox" checked={mdtCollaborated} onChange={(e) => setMdt(e.target.checked)} />
          <label className="usa-checkbox__label" htmlFor="mdtCollaborated">
            {h.mdtCollaborated}
          </label>
        </div>
        <TextAreaField id="lawEnforcementAssistance" label={h.lawEnforcement} rows={3} value={lawEnforcement} onChange={(e) => setLawEnforcement(e.target.value)} error={form.errors.get('lawEnforcementAssistance')} />
        <button type="submit" id="hold-submit" className="usa-button margin-top-2" disabled={hold.isPending}>
          {h.submit}
        </button>
      </form>
    </section>
  );
}
