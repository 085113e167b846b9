import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { useT } from '../../i18n';

export function ForbiddenPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t.errors.forbiddenHeading}</PageHeading>
      <p className="usa-intro">{t.errors.forbiddenBody}</p>
      <p>
        <Link to="/" className="usa-link">
          {t.errors.goHome}
        </Link>
      </p>
    </>
  );
}
