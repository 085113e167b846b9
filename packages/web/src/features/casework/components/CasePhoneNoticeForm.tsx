import { PoliceCallForm } from '../../../components/PoliceCallForm';
import { useI18n } from '../../../i18n';
import { useRecordCasePhoneNotice } from '../api';

/** OG-2: the ongoing worker records the immediate phone call to local police (closes the duty). */
export function CasePhoneNoticeForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const record = useRecordCasePhoneNotice(caseId);
  return <PoliceCallForm idPrefix="case-phone" strings={t.casework.page.phone} record={(call) => record.mutateAsync(call)} pending={record.isPending} clearAfter />;
}
