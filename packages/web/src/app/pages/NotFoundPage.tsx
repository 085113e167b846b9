import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { useT } from '../../i18n';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t.errors.notFoundHeading}</PageHeading>
      <p className="usa-intro">{t.errors.notFoundBody}</p>
      <p>
        <Link to="/" className="usa-link">
          {t.errors.goHome}
        </Link>
      </p>
    </>
  );
}
