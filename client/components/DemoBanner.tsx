import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteConfigView } from '../../shared/api-types';
import { apiGet } from '../api';

/**
 * On every page while the database holds the synthetic demo: says so in words (not colour alone), so nobody mistakes
 * it for a live system or types real information into it.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    apiGet<SiteConfigView>('/config').then(
      (site) => setDemo(site.demo),
      () => setDemo(false),
    );
  }, []);
  if (!demo) return null;
  return (
    // A GOV.UK phase banner, as services in alpha or beta say what they are.
    <section className="govuk-phase-banner app-demo-banner" aria-label={t('demo.label')}>
      <div className="govuk-width-container">
        <p className="govuk-phase-banner__content">
          <strong className="govuk-tag govuk-tag--yellow govuk-phase-banner__content__tag">{t('demo.tag')}</strong>
          <span className="govuk-phase-banner__text">{t('demo.text')}</span>
        </p>
      </div>
    </section>
  );
}
