import { s, setAttr } from '../core/dom.js';

/** Axis ranges and size of a chart in SVG user units. */
export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly pad?: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

const PAD = { left: 44, right: 12, top: 10, bottom: 22 };

/** Maps data to SVG coordinates and back. */
export class Scale {
  readonly pad: NonNullable<ChartFrame['pad']>;
  constructor(readonly frame: ChartFrame) {
    this.pad = frame.pad ?? PAD;
  }
  px(x: number): number {
    const [a, b] = this.frame.x;
    return this.pad.left + ((x - a) / (b - a || 1)) * (this.frame.width - this.pad.left - this.pad.right);
  }
  py(y: number): number {
    const [a, b] = this.frame.y;
    return this.frame.height - this.pad.bottom - ((y - a) / (b - a || 1)) * (this.frame.height - this.pad.top - this.pad.bottom);
  }
  /** Data y of an SVG y. */
  dy(py: number): number {
    const [a, b] = this.frame.y;
    return a + ((this.frame.height - this.pad.bottom - py) / (this.frame.height - this.pad.top - this.pad.bottom)) * (b - a);
  }
}

/** An empty chart: svg, grid with y labels, x labels. */
export function chartSvg(frame: ChartFrame, yTicks: readonly number[], xTicks: readonly number[], label: string): { svg: SVGSVGElement; scale: Scale } {
  const scale = new Scale(frame);
  const svg = s('svg', { viewBox: `0 0 ${frame.width} ${frame.height}`, role: 'img', 'aria-label': label, class: 'chart' });
  for (const y of yTicks) {
    svg.append(s('line', { x1: scale.pad.left, x2: frame.width - scale.pad.right, y1: scale.py(y), y2: scale.py(y), class: 'grid' }));
    svg.append(s('text', { x: scale.pad.left - 4, y: scale.py(y) + 3, class: 'tick', 'text-anchor': 'end' }, String(y)));
  }
  for (const x of xTicks) svg.append(s('text', { x: scale.px(x), y: frame.height - 6, class: 'tick', 'text-anchor': 'middle' }, String(x)));
  return { svg, scale };
}

/** Points of a polyline; gaps (null) split nothing, they are skipped. */
export function polylinePoints(scale: Scale, xs: readonly number[], ys: readonly (number | null | undefined)[]): string {
  const out: string[] = [];
  ys.forEach((y, i) => {
    const x = xs[i];
    if (typeof y === 'number' && Number.isFinite(y) && x !== undefined) out.push(`${scale.px(x).toFixed(1)},${scale.py(y).toFixed(1)}`);
  });
  return out.join(' ');
}

/** Sets a polyline's points only when they changed. */
export function setPoints(line: SVGPolylineElement, points: string): void {
  setAttr(line, 'points', points);
}
