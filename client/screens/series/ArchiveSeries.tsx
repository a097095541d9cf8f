import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesView } from '../../../shared/api-types';
import { apiPatch } from '../../api';
import { Button, ButtonGroup } from '../../components/Button';

/** Archive a series: asked once, then it is kept with all its meetings and minutes, read-only. */
export function ArchiveSeries({ series, onArchived }: { series: SeriesView; onArchived(): void }) {
  const { t } = useTranslation('series');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!series.abilities.edit || series.archived) return null;
  const archive = async () => {
    try {
      await apiPatch(`/series/${series.id}`, { archived: true });
      onArchived();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="archive-heading">
      <h2 id="archive-heading" className="govuk-heading-m">
        {t('archive.heading')}
      </h2>
      {error && <p role="alert">{error}</p>}
      {asking ? (
        <div role="alertdialog" aria-labelledby="archive-question">
          <p id="archive-question" className="govuk-body">
            {t('archive.question', { name: series.name })}
          </p>
          <ButtonGroup>
            <Button variant="warning" onClick={() => void archive()}>
              {t('archive.yes')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('archive.keep')}
            </Button>
          </ButtonGroup>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          {t('archive.button')}
        </Button>
      )}
    </section>
  );
}
