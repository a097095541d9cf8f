/**
 * Colours for what scripts draw (carets, chart bars), named by slot: the colours themselves come from GOV.UK
 * Frontend's palette as CSS custom properties (`client/styles/_palette.scss`), so no colour is written here.
 */

/** How many presence and chart slots `_palette.scss` defines (a unit test keeps the two in step). */
export const presenceSlots = 8;
export const chartSlots = 10;

/** The same person always gets the same slot, on every screen. */
export function presenceSlot(personId: string): number {
  let hash = 0;
  for (let i = 0; i < personId.length; i++) hash = (hash * 31 + personId.charCodeAt(i)) >>> 0;
  return (hash % presenceSlots) + 1;
}

/** A CSS colour value for a person's caret and name label. */
export const presenceColour = (personId: string): string => `var(--app-presence-${presenceSlot(personId)})`;

/** Chart.js draws on a canvas, which cannot read CSS variables: resolve the chart slots to colours once drawn. */
export function chartColours(root: Element = document.documentElement): string[] {
  const style = getComputedStyle(root);
  return Array.from({ length: chartSlots }, (_, i) => style.getPropertyValue(`--app-chart-${i + 1}`).trim());
}
