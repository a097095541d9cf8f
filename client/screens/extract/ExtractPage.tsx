/**
 * Where the link in a minutes email leads (`/extract#<token>`): after sign-in, the agency's extract, for the person
 * it was sent to only. The token stays in the fragment, which the browser never sends to the server in a URL; the
 * page posts it in a request body, so no log or history of requests keeps it.
 */
import { useEffect, useState } from 'react';
import type { MinutesView } from '../../../shared/minutes';
import { ApiError, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { MinutesDocument } from '../minutes/MinutesDocument';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });

async function download(token: string, format: 'docx' | 'pdf'): Promise<void> {
  const res = await fetch('/api/extracts/download', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token, format }),
  });
  if (!res.ok) throw new Error('The download did not work: the link may have expired.');
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : `minutes-extract.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

export function ExtractPage() {
  const token = location.hash.slice(1);
  const [opened, setOpened] = useState<{ minutes: MinutesView; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(token ? null : 'This page opens the minutes from the link in your email. Use the whole link from the email.');

  useEffect(() => {
    if (!token) return;
    apiPost<{ minutes: MinutesView; expiresAt: string }>('/extracts/open', { token }).then(setOpened, (e: Error) =>
      setError(e instanceof ApiError && (e.status === 404 || e.status === 422) ? 'This link has expired or is not for you. Links work only for the person they were sent to, for 7 days. Ask the meeting’s coordinator to send the minutes again.' : e.message),
    );
  }, [token]);

  const m = opened?.minutes;
  return (
    <section aria-labelledby="extract-heading">
      <h1 id="extract-heading" className="govuk-heading-l" tabIndex={-1}>
        {m ? `Minutes: extract for ${m.extractFor}` : 'Minutes extract'}
      </h1>
      {error && (
        <div className="govuk-error-summary" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">{error}</p>
        </div>
      )}
      {m && opened && (
        <>
          <p className="govuk-body">
            {m.meeting.seriesName}, version {m.version.number}. This link works until {when.format(new Date(opened.expiresAt))}.
          </p>
          <ButtonGroup>
            <Button variant="secondary" onClick={() => download(token, 'docx').catch((e: Error) => setError(e.message))}>
              Download as Word
            </Button>
            <Button variant="secondary" onClick={() => download(token, 'pdf').catch((e: Error) => setError(e.message))}>
              Download as PDF
            </Button>
          </ButtonGroup>
          <MinutesDocument view={m} />
        </>
      )}
    </section>
  );
}
