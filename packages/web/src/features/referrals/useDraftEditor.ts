import type { ReferralView } from '@harbor/policy/api';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { getReferral, saveDraft, submitReferral } from './api';
import { draftFromForm, errorsById, formFromDraft, type FormValues } from './draft';

/** How long after the last keystroke the draft is saved. */
export const autosaveDelayMs = 1500;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed' }
  | { kind: 'conflict'; message: string };

export type SubmitOutcome = { ok: true; referral: ReferralView } | { ok: false };

/** The submission's idempotency key: made once per draft, kept for this tab, reused on a retry. */
function submitKeyFor(id: string): string {
  const storageKey = `harbor.submitKey.${id}`;
  try {
    const kept = window.sessionStorage.getItem(storageKey);
    if (kept) return kept;
  } catch {
    // storage refused: the key lasts for this page
  }
  const key =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    window.sessionStorage.setItem(storageKey, key);
  } catch {
    // as above
  }
  return key;
}

/**
 * The intake form's state: the values as typed, autosaved about 1.5 s after typing stops and at
 * once when a field loses focus, with the draft's version. A save refused because someone else
 * saved first (409) stops autosaving and keeps what was typed; nothing is overwritten silently.
 */
export function useDraftEditor(initial: ReferralView, friendly: Readonly<Record<string, string>>, notSavedMessage: string) {
  const id = initial.id;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => formFromDraft(initial.draft, initial.receivedAt));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [saveErrors, setSaveErrors] = useState<Map<string, string>>(new Map());
  const [submitErrors, setSubmitErrors] = useState<Map<string, string>>(new Map());
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [submitKey] = useState(() => submitKeyFor(id));

  const valuesRef = useRef(values);
  const versionRef = useRef(initial.version);
  const dirtyRef = useRef(false);
  const conflictRef = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const lastSaveErrors = useRef<Map<string, string>>(new Map());

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onFailure = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      conflictRef.current = true;
      setSave({ kind: 'conflict', message: err.message });
    } else {
      lastSaveErrors.current = err instanceof ApiError && err.status === 400 ? errorsById(err.fields, friendly) : new Map<string, string>();
      setSaveErrors(lastSaveErrors.current);
      setSave({ kind: 'failed' });
    }
  };

  async function send(): Promise<boolean> {
    dirtyRef.current = false;
    setSave({ kind: 'saving' });
    try {
      const view = await saveDraft(id, { ...draftFromForm(valuesRef.current), version: versionRef.current });
      versionRef.current = view.version;
      // The saved draft is the referral now: a worker who leaves and comes back opens this, not the first load.
      queryClient.setQueryData(['referrals', id], view);
      setSaveErrors(new Map());
      setSave(dirtyRef.current ? { kind: 'dirty' } : { kind: 'saved', at: new Date() });
      return true;
    } catch (err) {
      onFailure(err);
      return false;
    }
  }

  /** Saves what is typed now; resolves true once everything typed is saved. */
  async function flush(): Promise<boolean> {
    window.clearTimeout(timer.current);
    for (;;) {
      if (conflictRef.current) return false;
      if (inFlight.current) {
        await inFlight.current;
        continue;
      }
      if (!dirtyRef.current) return true;
      const sending = send();
      inFlight.current = sending;
      const ok = await sending;
      inFlight.current = null;
      if (!ok) return false;
    }
  }

  const update = (change: (v: FormValues) => FormValues) => {
    const next = change(valuesRef.current);
    valuesRef.current = next;
    setValues(next);
    dirtyRef.current = true;
    if (conflictRef.current) return;
    setSave((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), autosaveDelayMs);
  };

  /** After a conflict: the other person's saved draft replaces what is on the page. */
  async function loadTheirs(): Promise<void> {
    const view = await getReferral(id);
    const next = formFromDraft(view.draft, view.receivedAt);
    valuesRef.current = next;
    versionRef.current = view.version;
    dirtyRef.current = false;
    conflictRef.current = false;
    setValues(next);
    setSaveErrors(new Map());
    setSave({ kind: 'idle' });
  }

  async function submit(): Promise<SubmitOutcome> {
    setSubmitting(true);
    setSubmitMessage(null);
    try {
      // Never submit an older saved draft than what is on the screen.
      dirtyRef.current = true;
      const saved = await flush();
      if (!saved) {
        if (!conflictRef.current) {
          setSubmitErrors(lastSaveErrors.current);
          setSubmitMessage(lastSaveErrors.current.size > 0 ? null : notSavedMessage);
          setAttempt((n) => n + 1);
        }
        return { ok: false };
      }
      const referral = await submitReferral(id, versionRef.current, submitKey);
      return { ok: true, referral };
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
        setSubmitErrors(errorsById(err.fields, friendly));
      } else if (err instanceof ApiError && err.status === 409) {
        onFailure(err);
      } else {
        setSubmitErrors(new Map());
        setSubmitMessage(err instanceof ApiError ? err.message : null);
        if (!(err instanceof ApiError)) setSave({ kind: 'failed' });
      }
      setAttempt((n) => n + 1);
      return { ok: false };
    } finally {
      setSubmitting(false);
    }
  }

  /** Inline errors: those of the last submission, else those of the last save. */
  const errors = submitErrors.size > 0 ? submitErrors : saveErrors;
  return { values, update, flush, save, errors, submitErrors, submitMessage, attempt, submit, submitting, loadTheirs };
}
