import type { HartTeamView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { DataTable } from '../../../components/DataTable';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { newIdempotencyKey } from '../../../lib/forms';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useAddMember, useRecordMeeting, useRemoveMember, useTeams } from '../api';
import { fromLocalInput, localInput, useFormErrors } from './form';

/** LD-1: the local HART teams within reach: members, latest meetings; managers add members, the team records meetings. */
export function TeamsPage() {
  const { t } = useI18n();
  const query = useTeams();
  return (
    <>
      <PageHeading>{t.hart.teams.heading}</PageHeading>
      <p className="usa-intro">{t.hart.teams.intro}</p>
      <QueryState query={query}>{(teams) => (teams.length === 0 ? <p>{t.hart.teams.empty}</p> : teams.map((team) => <Team key={team.office.id} team={team} />))}</QueryState>
    </>
  );
}

function Team({ team }: { team: HartTeamView }) {
  const { t, lang } = useI18n();
  const h = t.hart.teams;
  const remove = useRemoveMember(team.office.id);
  const [done, setDone] = useState<string | null>(null);
  const slug = team.office.code.toLowerCase();
  return (
    <section aria-labelledby={`team-${slug}`} className="margin-top-5 border-top-1px border-base-lighter padding-top-2">
      <h2 id={`team-${slug}`}>{team.office.name}</h2>
      <div role="status">{done ? <Alert kind="success">{done}</Alert> : null}</div>
      <h3>{h.members}</h3>
      <DataTable
        rows={team.members}
        columns={[
          { id: 'name', header: h.columns.name, sort: { value: (m) => m.name }, cell: (m) => m.name },
          { id: 'role', header: h.columns.role, sort: { value: (m) => m.teamRole }, cell: (m) => m.teamRole },
          { id: 'since', header: h.columns.since, sort: { value: (m) => m.addedAt }, cell: (m) => formatDate(m.addedAt.slice(0, 10), lang) },
          ...(team.can.manage
            ? [
                {
                  id: 'action',
                  header: h.columns.action,
                  cell: (m: HartTeamView['members'][number]) => (
                    <button type="button" className="usa-button usa-button--unstyled" disabled={remove.isPending} onClick={() => void remove.mutateAsync(m.id).then(() => setDone(h.removed))}>
                      {h.remove(m.name)}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
        rowKey={(m) => m.id}
        caption={h.membersCaption(team.office.name)}
        captionHidden
        empty={h.noMembers}
      />
      <h3>{h.lastMeeting}</h3>
      <p>{team.lastMeetingAt ? formatDateTime(team.lastMeetingAt, lang) : h.noMeeting}</p>
      {team.meetings.length > 0 ? (
        <>
          <h3>{h.meetings}</h3>
          <ul className="usa-list">
            {team.meetings.map((m) => (
              <li key={m.id}>
                <strong>{formatDateTime(m.heldAt, lang)}</strong>. {h.attendees(m.attendees.map((a) => a.name).join(', '))}
                {m.notes ? <p className="margin-top-05">{m.notes}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {team.can.manage && team.candidates.length > 0 ? <AddMember team={team} onDone={setDone} /> : null}
      {team.can.recordMeeting && team.members.length > 0 ? <RecordMeeting team={team} onDone={setDone} /> : null}
    </section>
  );
}

function AddMember({ team, onDone }: { team: HartTeamView; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const h = t.hart.teams;
  const add = useAddMember(team.office.id);
  const form = useFormErrors(t.common.network);
  const [userId, setUserId] = useState('');
  const [teamRole, setTeamRole] = useState('');
  const slug = team.office.code.toLowerCase();
  const ids = { userId: `${slug}-userId`, teamRole: `${slug}-teamRole` };
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync({ userId, teamRole });
      form.clear();
      setUserId('');
      setTeamRole('');
      onDone(h.added);
    } catch (err) {
      form.failWith(err);
    }
  }
  return (
    <form className="usa-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${slug}-add-heading`}>
      <h3 id={`${slug}-add-heading`}>{h.addMember}</h3>
      <ErrorSummary items={form.summary.map((i) => ({ ...i, id: `${slug}-${i.id}` }))} attempt={form.attempt} />
      {form.message ? <Alert kind="error">{form.message}</Alert> : null}
      <SelectField id={ids.userId} label={h.person} required value={userId} onChange={(e) => setUserId(e.target.value)} error={form.errors.get('userId')}>
        <option value="">{t.common.select}</option>
        {team.candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField id={ids.teamRole} label={h.teamRole} required value={teamRole} onChange={(e) => setTeamRole(e.target.value)} error={form.errors.get('teamRole')} />
      <button type="submit" id={`${slug}-add-submit`} className="usa-button margin-top-2" disabled={add.isPending}>
        {h.add}
      </button>
    </form>
  );
}

function RecordMeeting({ team, onDone }: { team: HartTeamView; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const h = t.hart.teams;
  const record = useRecordMeeting(team.office.id);
  const form = useFormErrors(t.common.network);
  const [heldAt, setHeldAt] = useState(() => localInput(new Date()));
  const [attendees, setAttendees] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  // One key per meeting: a retried submission (a lost answer, a double press) records it once.
  const [key, setKey] = useState(() => newIdempotencyKey('meeting'));
  const slug = team.office.code.toLowerCase();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await record.mutateAsync({ heldAt: fromLocalInput(heldAt), attendeeIds: attendees, ...(notes.trim() ? { notes } : {}), idempotencyKey: key });
      form.clear();
      setAttendees([]);
      setNotes('');
      setKey(newIdempotencyKey('meeting'));
      onDone(h.recorded);
    } catch (err) {
      form.failWith(err);
    }
  }
  return (
    <form className="usa-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${slug}-meeting-heading`}>
      <h3 id={`${slug}-meeting-heading`}>{h.recordMeeting}</h3>
      <ErrorSummary items={form.summary.map((i) => ({ ...i, id: `${slug}-${i.id}` }))} attempt={form.attempt} />
      {form.message ? <Alert kind="error">{form.message}</Alert> : null}
      <TextField id={`${slug}-heldAt`} type="datetime-local" label={h.heldAt} required value={heldAt} onChange={(e) => setHeldAt(e.target.value)} error={form.errors.get('heldAt')} />
      <CheckboxGroup
        id={`${slug}-attendeeIds`}
        legend={h.attendeesLegend}
        required
        options={team.members.map((m) => ({ value: m.userId, label: m.name }))}
        selected={attendees}
        onChange={setAttendees}
        error={form.errors.get('attendeeIds')}
      />
      <TextAreaField id={`${slug}-notes`} label={h.notes} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} error={form.errors.get('notes')} />
      <button type="submit" id={`${slug}-meeting-submit`} className="usa-button margin-top-2" disabled={record.isPending}>
        {h.record}
      </button>
    </form>
  );
}
