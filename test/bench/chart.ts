/** An SVG grouped bar chart: p50 and p99 per server for each steady rate, on a log scale (ms). */
import type { BenchResults } from './config.js';

const colours = ['#2f6f9f', '#5fa3c9', '#c0692c', '#4d8f4d', '#8a5aa8'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function latencySvg(results: BenchResults): string {
  const servers = results.servers;
  const rates = results.config.rates;
  // Room for every server's name in the legend (170 px each).
  const width = Math.max(760, 60 + servers.length * 170);
  const height = 360;
  const left = 60;
  const top = 40;
  const plotH = 240;
  const plotW = width - left - 20;
  const values = servers.flatMap((s) => s.median.steady.flatMap((r) => [r.p50Ms, r.p99Ms])).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(0.1, ...values))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(10, ...values))));
  const y = (v: number) => top + plotH - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Update latency, send → receipt at every other client (ms, log scale)</text>`);
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v >= 1 ? v : v.toFixed(-Math.log10(v))}</text>`);
  }
  const groupW = plotW / Math.max(1, rates.length);
  const barW = Math.min(28, (groupW - 40) / Math.max(1, servers.length * 2 + servers.length - 1));
  rates.forEach((rate, g) => {
    const gx = left + g * groupW + (groupW - (servers.length * 3 - 1) * barW) / 2;
    parts.push(
      `<text x="${left + g * groupW + groupW / 2}" y="${top + plotH + 36}" text-anchor="middle" font-size="12">` +
        `${results.config.rooms}×${results.config.clientsPerRoom} @ ${rate} upd/s per room</text>`,
    );
    servers.forEach((s, i) => {
      const r = s.median.steady.find((st) => st.rate === rate);
      [r?.p50Ms, r?.p99Ms].forEach((v, k) => {
        const x = gx + i * barW * 3 + k * barW;
        if (v === undefined || !Number.isFinite(v)) return;
        const yy = y(v);
        parts.push(`<rect x="${x}" y="${yy}" width="${barW - 2}" height="${top + plotH - yy}" fill="${colours[i % colours.length]}" opacity="${k ? 1 : 0.55}"/>`);
        parts.push(`<text x="${x + barW / 2 - 1}" y="${yy - 3}" text-anchor="middle" font-size="9">${v < 10 ? v.toFixed(1) : Math.round(v)}</text>`);
        parts.push(`<text x="${x + barW / 2 - 1}" y="${top + plotH + 12}" text-anchor="middle" font-size="9">${k ? 'p99' : 'p50'}</text>`);
      });
    });
  });
  servers.forEach((s, i) => {
    const x = left + i * 170;
    parts.push(`<rect x="${x}" y="${height - 26}" width="12" height="12" fill="${colours[i % colours.length]}"/>`);
    parts.push(`<text x="${x + 18}" y="${height - 16}" font-size="12">${esc(s.name)}</text>`);
  });
  parts.push(`<text x="${left + plotW}" y="${height - 16}" text-anchor="end" font-size="12">light: p50, dark: p99</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" viewBox="0 0 ${width} ${height}">\n<rect width="100%" height="100%" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}
