/**
 * One bar chart, drawn by Chart.js. Loaded on demand (React.lazy) so the chart library stays out of every other
 * screen's JavaScript. The canvas is an image with a name; its figures are in the table beside it, which is the
 * accessible form.
 */
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { locales } from '../../../shared/i18n/languages';
import { useFormat } from '../../i18n';
import { useMemo } from 'react';
import { chartColours } from '../../palette';
import type { ChartData } from './chart-data';

Chart.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export default function OutcomeChart({ data, label }: { data: ChartData; label: string }) {
  const { t } = useTranslation(['outcomes']);
  const { lang } = useFormat();
  // GOV.UK Frontend's palette, from the stylesheet (the canvas cannot read CSS variables itself).
  const palette = useMemo(() => chartColours(), []);
  return (
    <div className="app-outcome-chart">
      <Bar
        role="img"
        aria-label={t('outcomes:chartLabel', { title: label })}
        data={{ labels: data.labels, datasets: data.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i % palette.length] })) }}
        options={{
          indexAxis: data.horizontal ? 'y' : 'x',
          // Numbers on the axes and in tooltips as the reader's language writes them.
          locale: locales[lang],
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: data.series.length > 1, position: 'bottom' } },
          scales: {
            x: { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } },
            y: { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } },
          },
        }}
      />
    </div>
  );
}
