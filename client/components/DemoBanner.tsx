import { useEffect, useState } from 'react';
import type { SiteConfigView } from '../../shared/api-types';
import { apiGet } from '../api';

/**
 * On every page while the database holds the synthetic demo: says so in words (not colour alone), so nobody mistakes
 * it for a live system or types real information into it.
 */
export function DemoBanner() {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    apiGet<SiteConfigView>('/config').then(
      (site) => setDemo(site.demo),
      () => setDemo(false),
    );
  }, []);
  if (!demo) return null;
  return (
    <section className="demo-banner" aria-label="Demo data">
      <strong>Demo data</strong> — everything here is synthetic. Do not enter real information about real people.
    </section>
  );
}
