import { SelectField, TextField } from '../../../components/fields';
import type { FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { useAgency } from '../api';

export interface PlaceValues {
  name: string;
  regionCode: string;
  townName: string;
  phone: string;
}
export type PlaceField = keyof PlaceValues;

/** Name, region, town and phone: the fields shared by "Create office" and the office page. */
export function OfficeFields({ values, errors, onChange }: { values: PlaceValues; errors: FieldErrors<string>; onChange: (next: PlaceValues) => void }) {
  const t = useT();
  const agency = useAgency().data;
  const set = (key: PlaceField) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  return (
    <>
      <TextField id="name" label={t.offices.name} required autoComplete="off" value={values.name} onChange={set('name')} error={errors['name']} />
      <SelectField id="regionCode" label={t.offices.region} value={values.regionCode} onChange={set('regionCode')} error={errors['regionCode']}>
        <option value="">{t.offices.noRegion}</option>
        {(agency?.regions ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {r.name} ({r.code})
          </option>
        ))}
      </SelectField>
      <SelectField id="townName" label={t.offices.town} value={values.townName} onChange={set('townName')} error={errors['townName']}>
        <option value="">{t.offices.noTown}</option>
        {(agency?.towns ?? []).map((town) => (
          <option key={town.name} value={town.name}>
            {town.name}
          </option>
        ))}
      </SelectField>
      <TextField id="phone" label={t.offices.phone} hint={t.offices.phoneHint} type="tel" autoComplete="off" value={values.phone} onChange={set('phone')} error={errors['phone']} />
    </>
  );
}
