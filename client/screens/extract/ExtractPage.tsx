/**
 * Where the link in a minutes email leads (`/extract#<token>`): after sign-in, the agency's extract, for the person
 * it was sent to only. The token stays in the fragment, which the browser never sends to the server in a URL; the
 * page posts it in a request body, so no log or history of requests keeps it.
 */
import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import type { MinutesView } from '../../../shared/minutes';
import { ApiError, apiPost } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';
import { MinutesDocument } from '../minutes/MinutesDocument';

async function download(token: string, format: 'docx' | 'pdf'): Promise<void> {
  const res = await fetch('/api/extracts/download', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token, format }),
  });
  if (!res.ok) throw new Error(i18next.t('series:extract.downloadFailed'));
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : `minutes-extract.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

export function ExtractPage() {
  const { t } = useTranslation('series');
  const f = useFormat();
  const token = location.hash.slice(1);
  const [opened, setOpened] = useState<{ minutes: MinutesView; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(token ? null : t('extract.noToken'));

  useEffect(() => {
    if (!token) return;
    apiPost<{ minutes: MinutesView; expiresAt: string }>('/extracts/open', { token }).then(setOpened, (e: Error) =>
      setError(e instanceof ApiError && (e.status === 404 || e.status === 422) ? i18next.t('series:extract.expired') : e.message),
    );
  }, [token]);

  const m = opened?.minutes;
  return (
    <section aria-labelledby="extract-heading">
      <h1 id="extract-heading" className="govuk-heading-l" tabIndex={-1}>
        {m ? t('extract.heading', { agency: m.extractFor }) : t('extract.headingPlain')}
      </h1>
      {error && (
        <div className="govuk-error-summary" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">{error}</p>
        </div>
      )}
      {m && opened && (
        <>
          <p className="govuk-body">
            {t('extract.intro', { series: m.meeting.seriesName, version: m.version.number, date: f.longDay(opened.expiresAt), time: f.time(opened.expiresAt) })}
          </p>
          <ButtonGroup>
            <Button variant="secondary" onClick={() => download(token, 'docx').catch((e: Error) => setError(e.message))}>
              {t('extract.downloadWord')}
            </Button>
            <Button variant="secondary" onClick={() => download(token, 'pdf').catch((e: Error) => setError(e.message))}>
              {t('extract.downloadPdf')}
            </Button>
          </ButtonGroup>
          <MinutesDocument view={m} />
        </>
      )}
    </section>
  );
}
