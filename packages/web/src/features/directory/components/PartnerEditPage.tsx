import { updatePartnerAgencyBody, type PartnerAgencyView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { serverFieldErrors, summaryItems, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { isPartyKind, useDirectory, useUpdatePartner } from '../api';

type Field = 'email' | 'phone';
const order: readonly Field[] = ['email', 'phone'];

/** Change a partner agency's address or phone (CF-1: a child-document party's address waits for a second administrator). */
export function PartnerEditPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const raw = params.get('kind') ?? '';
  const kind = isPartyKind(raw) ? raw : 'hart_director';
  const query = useDirectory(kind);
  return (
    <>
      <BackLink to={`/directory?kind=${kind}`}>{t.directoryAdmin.back}</BackLink>
      <PageHeading>{query.data?.find((p) => p.id === id)?.name ?? t.directoryAdmin.editTitle}</PageHeading>
      <QueryState query={query}>
        {(rows) => {
          const party = rows.find((p) => p.id === id);
          return party ? <PartnerForm key={party.version} party={party} /> : <Alert kind="error">{t.directoryAdmin.notFound}</Alert>;
        }}
      </QueryState>
    </>
  );
}

function PartnerForm({ party }: { party: PartnerAgencyView }) {
  const t = useT();
  const d = t.directoryAdmin;
  const update = useUpdatePartner(party.id);
  const [email, setEmail] = useState(party.email);
  const [phone, setPhone] = useState(party.phone);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ kind: 'saved' | 'pending' } | { kind: 'error'; message: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    const body = { version: party.version, ...(email.trim() !== party.email ? { email: email.trim() } : {}), ...(phone.trim() !== party.phone ? { phone: phone.trim() } : {}) };
    const parsed = updatePartnerAgencyBody.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, d.errors));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      const r = await update.mutateAsync(parsed.data);
      setOutcome({ kind: 'pending' in r ? 'pending' : 'saved' });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setOutcome({ kind: 'error', message: server.message });
    }
  }

  return (
    <>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {outcome?.kind === 'saved' ? <Alert kind="success">{d.saved}</Alert> : null}
      {outcome?.kind === 'pending' ? (
        <Alert kind="info">
          {t.pendingChanges.awaiting}{' '}
          <Link to="/pending-changes" className="usa-link">
            {t.pendingChanges.showLink}
          </Link>
        </Alert>
      ) : null}
      {outcome?.kind === 'error' ? <Alert kind="error">{outcome.message}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="email" label={d.email} hint={d.emailHint} required type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField id="phone" label={d.phone} required value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.phone} />
        <button type="submit" className="usa-button margin-top-3" disabled={update.isPending}>
          {d.save}
        </button>
      </form>
    </>
  );
}
