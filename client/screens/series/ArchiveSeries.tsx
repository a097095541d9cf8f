import { useState } from 'react';
import type { SeriesView } from '../../../shared/api-types';
import { apiPatch } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Archive a series: asked once, then it is kept with all its meetings and minutes, read-only. */
export function ArchiveSeries({ series, onArchived }: { series: SeriesView; onArchived(): void }) {
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
        Archive
      </h2>
      {error && <p className="govuk-error-message" role="alert">{error}</p>}
      {asking ? (
        <ConfirmDialog
          question={`Archive ${series.name}?`}
          confirmLabel="Yes, archive the series"
          cancelLabel="Keep it running"
          small={false}
          onConfirm={() => void archive()}
          onCancel={() => setAsking(false)}
        >
          <p className="govuk-body">It is kept with its meetings and minutes, but nobody can edit it or schedule meetings.</p>
        </ConfirmDialog>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          Archive the series
        </Button>
      )}
    </section>
  );
}
