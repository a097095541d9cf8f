import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesView } from '../../../shared/api-types';
import { apiPatch } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';

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
      {error && <p className="govuk-error-message" role="alert">{error}</p>}
      {asking ? (
        <ConfirmDialog
          question={t('archive.question', { name: series.name })}
          confirmLabel={t('archive.yes')}
          cancelLabel={t('archive.keep')}
          small={false}
          onConfirm={() => void archive()}
          onCancel={() => setAsking(false)}
        >
          <p className="govuk-body">{t('archive.consequence')}</p>
        </ConfirmDialog>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          {t('archive.button')}
        </Button>
      )}
    </section>
  );
}
