import { useEffect, useState } from 'react';
import { apiDelete, apiGet, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';

/** A private calendar feed of all the person's series' meetings: its address is shown once; a new one revokes the old. */
export function CalendarFeed() {
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
        Your calendar feed
      </h2>
      <p className="govuk-body">Subscribe in Outlook or another calendar to see every meeting of your series. Keep the address private: anyone with it sees your meetings’ dates and venues.</p>
      {error && <p role="alert">{error}</p>}
      {url && (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="feed-url">
            Your feed address (shown once)
          </label>
          <input id="feed-url" className="govuk-input" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <ButtonGroup>
        <Button variant="secondary" onClick={() => void create()}>
          {active ? 'Make a new address (the old one stops working)' : 'Make a feed address'}
        </Button>
        {active && (
          <Button variant="warning" onClick={() => void revoke()}>
            Stop the feed
          </Button>
        )}
      </ButtonGroup>
    </section>
  );
}
