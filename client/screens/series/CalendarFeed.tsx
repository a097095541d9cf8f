import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDelete, apiGet, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';

/** A private calendar feed of all the person's series' meetings: its address is shown once; a new one revokes the old. */
export function CalendarFeed() {
  const { t } = useTranslation('series');
  const [active, setActive] = useState<boolean | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet<{ feed: { active: boolean } }>('/calendar-feed').then((b) => setActive(b.feed.active), (e: Error) => setError(e.message));
  }, []);
  const create = async () => {
    try {
      const b = await apiPost<{ feed: { url: string } }>('/calendar-feed', {});
      setUrl(b.feed.url);
      setActive(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const revoke = async () => {
    try {
      await apiDelete('/calendar-feed');
      setUrl(null);
      setActive(false);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading" className="govuk-heading-m">
        {t('feed.heading')}
      </h2>
      <p className="govuk-body">{t('feed.intro')}</p>
      {error && <p role="alert">{error}</p>}
      {url && (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="feed-url">
            {t('feed.address')}
          </label>
          <input id="feed-url" className="govuk-input" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <ButtonGroup>
        <Button variant="secondary" onClick={() => void create()}>
          {active ? t('feed.renew') : t('feed.make')}
        </Button>
        {active && (
          <Button variant="warning" onClick={() => void revoke()}>
            {t('feed.stop')}
          </Button>
        )}
      </ButtonGroup>
    </section>
  );
}
