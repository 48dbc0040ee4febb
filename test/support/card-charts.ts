import { z } from 'zod';

/**
 * The chart elements Teams renders in Adaptive Cards, as Microsoft documents them ("Charts in
 * Adaptive Cards"): not part of the 1.5 schema, so checked here against their documented shape.
 */
const point = z.object({ x: z.union([z.string(), z.number()]), y: z.number(), color: z.string().optional() }).strict();
const common = {
  title: z.string().optional(),
  xAxisTitle: z.string().optional(),
  yAxisTitle: z.string().optional(),
  colorSet: z.string().optional(),
  color: z.string().optional(),
  showBarValues: z.boolean().optional(),
  id: z.string().optional(),
  separator: z.boolean().optional(),
  spacing: z.string().optional(),
  height: z.enum(['auto', 'stretch']).optional(),
  /** Required here: a client without charts must show something. */
  fallback: z.union([z.literal('drop'), z.object({ type: z.string() }).passthrough()]),
};
const series = z.object({ legend: z.string(), values: z.array(point).min(1), color: z.string().optional() }).strict();

export const chartSchemas: Record<string, z.ZodType> = {
  'Chart.VerticalBar': z.object({ type: z.literal('Chart.VerticalBar'), data: z.array(point).min(1), ...common }).strict(),
  'Chart.VerticalBar.Grouped': z.object({ type: z.literal('Chart.VerticalBar.Grouped'), data: z.array(series).min(1), stacked: z.boolean().optional(), ...common }).strict(),
  'Chart.Line': z.object({ type: z.literal('Chart.Line'), data: z.array(series).min(1), ...common }).strict(),
};

type Element = Record<string, unknown>;

/** Every chart element in a card, however deep. */
export function chartsIn(value: unknown): Element[] {
  if (Array.isArray(value)) return value.flatMap(chartsIn);
  if (value === null || typeof value !== 'object') return [];
  const element = value as Element;
  const own = typeof element.type === 'string' && element.type.startsWith('Chart.') ? [element] : [];
  return [...own, ...Object.values(element).flatMap(chartsIn)];
}

/** The card as a client without charts sees it: every chart replaced by its fallback (or dropped). */
export function withoutCharts(value: unknown): unknown {
  if (Array.isArray(value)) return value.flatMap((item) => (isChart(item) && (item as Element).fallback === 'drop' ? [] : [withoutCharts(item)]));
  if (value === null || typeof value !== 'object') return value;
  if (isChart(value)) return withoutCharts((value as Element).fallback);
  return Object.fromEntries(Object.entries(value as Element).map(([key, inner]) => [key, withoutCharts(inner)]));
}

const isChart = (value: unknown): boolean => value !== null && typeof value === 'object' && typeof (value as Element).type === 'string' && String((value as Element).type).startsWith('Chart.');
