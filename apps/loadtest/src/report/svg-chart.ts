import { coord, escapeXml, formatNumber, linearScale, logScale, type Scale } from './svg-axes.js';

/**
 * Two dependency-free chart kinds for the load report — lines over a numeric x axis and grouped
 * bars — as standalone SVG documents: white background, title, ticked and labelled axes, legend.
 * All text is escaped; all coordinates go through {@link coord}, so no `NaN` reaches the output.
 */

const WIDTH = 820;
const HEIGHT = 460;
const PLOT = { left: 80, right: WIDTH - 210, top: 50, bottom: HEIGHT - 70 } as const;
const LEGEND_X = WIDTH - 195;
/** Longer legend names are cut (the full name is in the report's tables). */
const LEGEND_CHARS = 26;

export interface LinePoint {
  readonly x: number;
  readonly y: number;
  /** Ramp step outcome: filled dot when held, a cross when not; plain dot when unknown. */
  readonly held?: boolean;
}

export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  readonly dashed?: boolean;
  readonly points: readonly LinePoint[];
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yLog?: boolean;
  readonly series: readonly LineSeries[];
}

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
  /** One value per group; undefined leaves a gap. */
  readonly values: readonly (number | undefined)[];
}

export interface BarChartSpec {
  readonly title: string;
  readonly yLabel: string;
  readonly yLog?: boolean;
  readonly groups: readonly string[];
  readonly series: readonly BarSeries[];
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${coord(x)}" y="${coord(y)}"${attrs === '' ? '' : ` ${attrs}`}>${escapeXml(content)}</text>`;
}

function frame(title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(WIDTH / 2, 28, title, 'text-anchor="middle" font-size="16" font-weight="600" fill="#222222"'),
    ...body,
    '</svg>',
  ].join('\n');
}

/** Horizontal grid lines and y tick labels, the y axis line and its (rotated) label. */
function yAxis(scale: Scale, label: string): string[] {
  const out: string[] = [];
  for (const tick of scale.ticks) {
    const y = scale.map(tick);
    const major = !scale.log || Math.abs(Math.log10(tick) - Math.round(Math.log10(tick))) < 1e-9;
    out.push(`<line x1="${PLOT.left}" y1="${coord(y)}" x2="${PLOT.right}" y2="${coord(y)}" stroke="${major ? '#d0d0d0' : '#ececec'}" stroke-width="1"/>`);
    out.push(text(PLOT.left - 8, y + 4, formatNumber(tick), 'text-anchor="end" fill="#444444"'));
  }
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="#333333" stroke-width="1"/>`);
  const midY = (PLOT.top + PLOT.bottom) / 2;
  out.push(text(22, midY, label, `text-anchor="middle" transform="rotate(-90 22 ${coord(midY)})" fill="#222222"`));
  return out;
}

function xAxisLine(label: string): string[] {
  return [
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#333333" stroke-width="1"/>`,
    text((PLOT.left + PLOT.right) / 2, HEIGHT - 22, label, 'text-anchor="middle" fill="#222222"'),
  ];
}

function legendEntry(index: number, name: string, swatch: (x: number, y: number) => string): string[] {
  const y = PLOT.top + 8 + index * 20;
  const label = name.length > LEGEND_CHARS ? `${name.slice(0, LEGEND_CHARS - 1)}…` : name;
  return [swatch(LEGEND_X, y), text(LEGEND_X + 30, y + 4, label, 'fill="#222222"')];
}

function marker(x: number, y: number, colour: string, held: boolean | undefined): string {
  if (held === false) {
    const d = 4.5;
    return `<path d="M${coord(x - d)} ${coord(y - d)}L${coord(x + d)} ${coord(y + d)}M${coord(x - d)} ${coord(y + d)}L${coord(x + d)} ${coord(y - d)}" stroke="${colour}" stroke-width="2" fill="none"/>`;
  }
  return `<circle cx="${coord(x)}" cy="${coord(y)}" r="${held === true ? 4 : 3}" fill="${colour}"/>`;
}

/** Lines (one per series, with a marker per point) over a linear x axis; y linear or log10. */
export function renderLineChart(spec: LineChartSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  const x = linearScale(
    points.map((p) => p.x),
    PLOT.left,
    PLOT.right,
  );
  const ys = points.map((p) => p.y);
  const y = spec.yLog === true ? logScale(ys, PLOT.bottom, PLOT.top) : linearScale(ys, PLOT.bottom, PLOT.top);
  const body: string[] = [...yAxis(y, spec.yLabel)];
  for (const tick of x.ticks) {
    const px = x.map(tick);
    body.push(`<line x1="${coord(px)}" y1="${PLOT.bottom}" x2="${coord(px)}" y2="${PLOT.bottom + 5}" stroke="#333333" stroke-width="1"/>`);
    body.push(text(px, PLOT.bottom + 18, formatNumber(tick), 'text-anchor="middle" fill="#444444"'));
  }
  body.push(...xAxisLine(spec.xLabel));
  spec.series.forEach((series, index) => {
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const dash = series.dashed === true ? ' stroke-dasharray="6 4"' : '';
    if (sorted.length > 1) {
      const path = sorted.map((p) => `${coord(x.map(p.x))},${coord(y.map(p.y))}`).join(' ');
      body.push(`<polyline points="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${dash}/>`);
    }
    for (const p of sorted) body.push(marker(x.map(p.x), y.map(p.y), series.colour, p.held));
    body.push(...legendEntry(index, series.name, (lx, ly) => `<line x1="${lx}" y1="${coord(ly)}" x2="${lx + 24}" y2="${coord(ly)}" stroke="${series.colour}" stroke-width="2"${dash}/>`));
  });
  if (points.some((p) => p.held !== undefined)) {
    const at = spec.series.length + 1;
    body.push(...legendEntry(at, 'step held', (lx, ly) => marker(lx + 12, ly, '#555555', true)));
    body.push(...legendEntry(at + 1, 'step not held', (lx, ly) => marker(lx + 12, ly, '#555555', false)));
  }
  return frame(spec.title, body);
}

/** Grouped vertical bars (one group per label, one bar per series) with their values on top. */
export function renderBarChart(spec: BarChartSpec): string {
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== undefined);
  const y = spec.yLog === true ? logScale(values, PLOT.bottom, PLOT.top) : linearScale(values, PLOT.bottom, PLOT.top);
  const body: string[] = [...yAxis(y, spec.yLabel), ...xAxisLine('')];
  const groupWidth = (PLOT.right - PLOT.left) / Math.max(1, spec.groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, spec.series.length);
  spec.groups.forEach((group, g) => {
    const groupLeft = PLOT.left + g * groupWidth + groupWidth * 0.1;
    body.push(text(groupLeft + groupWidth * 0.4, PLOT.bottom + 18, group, 'text-anchor="middle" fill="#222222"'));
    spec.series.forEach((series, s) => {
      const value = series.values[g];
      if (value === undefined || !Number.isFinite(value)) return;
      const top = Math.min(PLOT.bottom, y.map(value));
      const left = groupLeft + s * barWidth;
      body.push(`<rect x="${coord(left + 1)}" y="${coord(top)}" width="${coord(Math.max(1, barWidth - 2))}" height="${coord(PLOT.bottom - top)}" fill="${series.colour}"/>`);
      body.push(text(left + barWidth / 2, top - 4, formatNumber(value), 'text-anchor="middle" font-size="9" fill="#333333"'));
    });
  });
  spec.series.forEach((series, index) => {
    body.push(...legendEntry(index, series.name, (lx, ly) => `<rect x="${lx}" y="${coord(ly - 6)}" width="24" height="12" fill="${series.colour}"/>`));
  });
  return frame(spec.title, body);
}
