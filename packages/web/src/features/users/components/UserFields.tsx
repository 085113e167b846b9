import { roles, type Role } from '@harbor/policy';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { SelectField, TextField } from '../../../components/fields';
import type { FieldErrors } from '../../../lib/forms';
import { useOffices } from '../../../lib/reference-data';
import { useT } from '../../../i18n';

export interface ProfileValues {
  displayName: string;
  email: string;
  roles: Role[];
  officeId: string;
}
export type ProfileField = keyof ProfileValues;

/** Name, e-mail, roles and office: the fields shared by "Create user" and "Edit details". */
export function UserFields({ values, errors, onChange }: { values: ProfileValues; errors: FieldErrors<string>; onChange: (next: ProfileValues) => void }) {
  const t = useT();
  const offices = (useOffices().data ?? []).filter((o) => o.active || o.id === values.officeId);
  const set = <K extends ProfileField>(key: K, value: ProfileValues[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField id="displayName" label={t.users.displayName} required autoComplete="off" value={values.displayName} onChange={(e) => set('displayName', e.target.value)} error={errors['displayName']} />
      <TextField id="email" label={<>{t.users.email} <span className="harbor-optional">{t.common.optional}</span></>} type="email" autoComplete="off" value={values.email} onChange={(e) => set('email', e.target.value)} error={errors['email']} />
      <CheckboxGroup
        id="roles"
        legend={t.users.rolesLegend}
        hint={t.users.rolesHint}
        required
        options={roles.map((r) => ({ value: r, label: t.roles[r] }))}
        selected={values.roles}
        onChange={(next) => set('roles', next)}
        error={errors['roles']}
      />
      <SelectField id="officeId" label={t.users.office} required value={values.officeId} onChange={(e) => set('officeId', e.target.value)} error={errors['officeId']}>
        <option value="">{t.common.select}</option>
        {offices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.code})
          </option>
        ))}
      </SelectField>
    </>
  );
}
