import { referralDraft, submitReferralBody } from '@harbor/policy/api';
import { describe, expect, it } from 'vitest';
import { draftFromForm, emptyChild, errorsById, fieldId, formFromDraft, fromLocalInput, toLocalInput, type FormValues } from './draft';

const blank = (): FormValues => formFromDraft({}, null);

function filled(): FormValues {
  const v = blank();
  return {
    ...v,
    receivedAt: toLocalInput('2026-03-02T14:05:00Z'),
    channel: 'phone',
    reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', phone: '860-555-0100', email: '', organization: '' },
    children: [
      {
        ...emptyChild(),
        firstName: 'Ana',
        lastName: 'Example',
        aliases: 'Lulu, , Ana B',
        estimatedAge: '15',
        gender: 'female',
        races: ['unknown'],
        ethnicity: 'unknown',
        primaryLanguage: 'English',
        citizenship: 'us_citizen',
        townName: 'Hartford',
        livingSituation: 'home',
        prostitutedOrCse: true,
        allegations: ['ht_sex'],
        indicators: ['owes_debt'],
      },
    ],
    narrative: 'The school counselor reports an older man collects the child after school and she owes him money.',
  };
}

describe('the intake form and its draft (issue 3)', () => {
  it('an empty form makes a draft the API accepts, with the narrative always sent (CL-3)', () => {
    const draft = draftFromForm(blank());
    expect(referralDraft.safeParse(draft).success).toBe(true);
    expect(draft.narrative).toBe('');
    expect(draft.channel).toBeUndefined();
  });

  it('a filled form makes a draft that passes the submission rules, and reads back the same', () => {
    const form = filled();
    const draft = draftFromForm(form);
    expect(referralDraft.safeParse(draft).success).toBe(true);
    const submitted = submitReferralBody.safeParse(draft);
    expect(submitted.success, JSON.stringify(submitted.error?.issues)).toBe(true);
    expect(draft.children?.[0]?.aliases).toEqual(['Lulu', 'Ana B']);
    const back = formFromDraft(draft, null);
    expect({ ...back.children[0], key: '' }).toEqual({ ...form.children[0], key: '', aliases: 'Lulu, Ana B' });
    expect(back.reporter).toEqual(form.reporter);
    expect(back.receivedAt).toBe(form.receivedAt);
  });

  it('choices not made yet are left out, and an anonymous reporter sends no name or contact', () => {
    const v = filled();
    v.reporter = { ...v.reporter, anonymous: true, mandatedReporterType: 'none' };
    v.children[0] = { ...emptyChild(), firstName: 'Ana', estimatedAge: 'about 15' };
    const draft = draftFromForm(v);
    expect(draft.reporter).toEqual({ anonymous: true, relationship: 'professional', mandatedReporterType: null });
    expect(draft.children?.[0]).not.toHaveProperty('gender');
    expect(draft.children?.[0]?.estimatedAge).toBeNull();
    expect(referralDraft.safeParse(draft).success).toBe(true);
  });

  it('[CL-8] the arrest section is sent only for a law-enforcement report', () => {
    const v = filled();
    v.arrest = { isArrest: true, department: 'Hartford Police Department', officerName: 'Officer Lee', badgeNumber: '', policeCaseNumber: 'HPD-1', arrestTownName: '' };
    expect(draftFromForm(v).arrest).toBeUndefined();
    v.channel = 'law_enforcement';
    expect(draftFromForm(v).arrest).toEqual({ statute: '53a-82', department: 'Hartford Police Department', officerName: 'Officer Lee', policeCaseNumber: 'HPD-1' });
  });

  it('a datetime-local value round-trips, and an incomplete one is not sent', () => {
    expect(fromLocalInput(toLocalInput('2026-03-02T14:05:00.000Z'))).toBe('2026-03-02T14:05:00.000Z');
    expect(fromLocalInput('2026-03-')).toBeUndefined();
  });

  it('the server’s field names land on the form’s controls', () => {
    expect(fieldId('narrative')).toBe('narrative');
    expect(fieldId('children.0.allegations')).toBe('children-0-allegations');
    expect(fieldId('children.1')).toBe('children-1-firstName');
    expect(fieldId('children.0.dcfInvolvement.openCase')).toBe('children-0-openCase');
    expect(fieldId('children.0.aliases.2')).toBe('children-0-aliases');
    expect(fieldId('children')).toBe('add-child');
    expect(fieldId('reporter')).toBe('reporter-anonymous');
    expect(fieldId('reporter.contact.email')).toBe('reporter-contact-email');
    expect(fieldId('exploiters.0.name')).toBe('exploiters-0-name');
    expect(fieldId('arrest.department')).toBe('arrest-department');
    expect(fieldId('arrest')).toBe('arrest-department');
  });

  it('errors are one per control, zod’s generic words replaced by the form’s', () => {
    const errors = errorsById(
      [
        { field: 'channel', message: 'Invalid option: expected one of "phone"|"walk_in"' },
        { field: 'children.0.allegations', message: 'Choose at least one maltreatment category' },
        { field: 'children.0.allegations', message: 'Required: HT (sex)' },
      ],
      { channel: 'Choose how the report came in' },
    );
    expect([...errors]).toEqual([
      ['channel', 'Choose how the report came in'],
      ['children-0-allegations', 'Choose at least one maltreatment category Required: HT (sex)'],
    ]);
  });
});
