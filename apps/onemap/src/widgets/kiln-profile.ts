import { s, setAttr, setClass } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { chartSvg, polylinePoints, type Scale } from './chart.js';

/** Geometry of one kiln for the chart (from its retained meta, or domain.md §2.1 defaults). */
export interface KilnGeometry {
  readonly lengthM: number;
  readonly tcPos: readonly number[];
  /** Centre of each firing control zone [m]. */
  readonly zoneCentres: readonly number[];
  readonly zoneWidthM: number;
}

/** Default geometry: 120 m, firing zone 40–60 % of the length in 8 zones (§2.1.1, §2.1.8). */
export function kilnGeometry(meta: Readonly<Record<string, unknown>> | undefined, tcCount: number): KilnGeometry {
  const tcPos = Array.isArray(meta?.['tcPos']) ? (meta['tcPos'] as number[]) : Array.from({ length: tcCount }, (_, i) => (i + 0.5) * (120 / Math.max(1, tcCount)));
  const lengthM = typeof meta?.['lengthM'] === 'number' ? meta['lengthM'] : Math.max(120, Math.ceil((tcPos[tcPos.length - 1] ?? 118) / 10) * 10);
  const zoneWidthM = (lengthM * 0.2) / 8;
  const zoneCentres = Array.isArray(meta?.['zonePos']) ? (meta['zonePos'] as number[]) : Array.from({ length: 8 }, (_, z) => lengthM * 0.4 + (z + 0.5) * zoneWidthM);
  return { lengthM, tcPos, zoneCentres, zoneWidthM };
}

export interface ProfileHandlers {
  /** A zone was picked for a new setpoint (drag end or click), value in °C. */
  pick(zone: number, value: number): void;
  /** A thermocouple was clicked (history). */
  tc(index: number): void;
}

const Y_MAX = 1_700;

/**
 * Temperature along the kiln (one point per TC at its position) against the zone setpoint
 * curve; setpoint handles can be dragged or a zone clicked to propose a new setpoint. Built once,
 * updated in place.
 */
export class KilnProfileChart {
  readonly svg: SVGSVGElement;
  private readonly scale: Scale;
  private readonly pv = s('polyline', { class: 'pv-line' });
  private readonly sp = s('polyline', { class: 'sp-line' });
  private readonly tcDots: SVGCircleElement[] = [];
  private readonly handles: SVGCircleElement[] = [];
  private readonly draft = s('line', { class: 'draft', visibility: 'hidden' });
  private dragging: number | undefined;
  /** The click that follows a drag's pointerup must not pick again. */
  private suppressClick = false;

  constructor(private readonly geo: KilnGeometry, private readonly handlers: ProfileHandlers, private readonly editable: boolean) {
    const xt = Array.from({ length: Math.floor(geo.lengthM / 20) + 1 }, (_, i) => i * 20);
    const chart = chartSvg({ width: 900, height: 320, x: [0, geo.lengthM], y: [0, Y_MAX] }, [0, 400, 800, 1200, 1600], xt, t('kilnProfile'));
    this.svg = chart.svg;
    this.scale = chart.scale;
    this.svg.classList.add('kiln-profile');
    geo.zoneCentres.forEach((c, z) => {
      const band = s('rect', { x: this.scale.px(c - geo.zoneWidthM / 2), y: this.scale.py(Y_MAX), width: this.scale.px(geo.zoneWidthM) - this.scale.px(0), height: this.scale.py(0) - this.scale.py(Y_MAX), class: 'zone-band', 'data-zone-band': z + 1 });
      band.addEventListener('click', (e) => this.bandClick(z, e as MouseEvent));
      this.svg.append(band, s('text', { x: this.scale.px(c), y: this.scale.py(Y_MAX) + 12, class: 'zone-label', 'text-anchor': 'middle' }, `Z${z + 1}`));
    });
    this.svg.append(this.sp, this.pv, this.draft);
    geo.tcPos.forEach((m, i) => {
      const dot = s('circle', { cx: this.scale.px(m), cy: this.scale.py(0), r: 3.2, class: 'tc', 'data-tc': i, tabindex: -1 }, s('title', null, `TC ${i + 1} @ ${m} m`));
      dot.addEventListener('click', () => this.handlers.tc(i));
      this.tcDots.push(dot);
      this.svg.append(dot);
    });
    geo.zoneCentres.forEach((c, z) => this.svg.append(this.handle(c, z)));
    this.svg.addEventListener('pointermove', (e) => this.move(e));
    this.svg.addEventListener('pointerup', (e) => this.drop(e));
  }

  update(t: readonly (number | null)[] | undefined, sp: readonly number[] | undefined, stale: boolean): void {
    setClass(this.svg, 'stale', stale);
    if (t) {
      setAttr(this.pv, 'points', polylinePoints(this.scale, this.geo.tcPos, t));
      t.forEach((v, i) => {
        const dot = this.tcDots[i];
        if (!dot) return;
        setAttr(dot, 'cy', typeof v === 'number' ? this.scale.py(v).toFixed(1) : this.scale.py(0));
        setAttr(dot, 'data-value', typeof v === 'number' ? v : null);
      });
    }
    if (sp && this.dragging === undefined) {
      setAttr(this.sp, 'points', polylinePoints(this.scale, this.geo.zoneCentres, sp));
      sp.forEach((v, z) => {
        const handle = this.handles[z];
        if (!handle) return;
        setAttr(handle, 'cy', this.scale.py(v).toFixed(1));
        setAttr(handle, 'data-sp', v);
      });
    }
  }

  private handle(centre: number, zone: number): SVGCircleElement {
    const handle = s('circle', { cx: this.scale.px(centre), cy: this.scale.py(0), r: 8, class: `sp-handle${this.editable ? ' editable' : ''}`, 'data-zone': zone + 1, tabindex: 0, role: 'button', 'aria-label': `${t('zone')} ${zone + 1} ${t('setpoint')}` });
    handle.addEventListener('pointerdown', (e) => {
      if (!this.editable) return;
      this.dragging = zone;
      handle.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    handle.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') this.handlers.pick(zone + 1, Number(handle.getAttribute('data-sp') ?? 0));
    });
    handle.addEventListener('click', () => {
      if (this.suppressClick) this.suppressClick = false;
      else this.handlers.pick(zone + 1, Number(handle.getAttribute('data-sp') ?? 0));
    });
    this.handles.push(handle);
    return handle;
  }

  private svgY(event: MouseEvent): number {
    const rect = this.svg.getBoundingClientRect();
    return ((event.clientY - rect.top) / rect.height) * 320;
  }

  private move(event: PointerEvent): void {
    if (this.dragging === undefined) return;
    const y = Math.min(this.scale.py(0), Math.max(this.scale.py(Y_MAX), this.svgY(event)));
    const handle = this.handles[this.dragging];
    if (handle) setAttr(handle, 'cy', y.toFixed(1));
  }

  private drop(event: PointerEvent): void {
    const zone = this.dragging;
    if (zone === undefined) return;
    this.dragging = undefined;
    this.suppressClick = true;
    const value = Math.round(this.scale.dy(this.svgY(event)));
    this.handlers.pick(zone + 1, Math.max(0, Math.min(Y_MAX, value)));
  }

  private bandClick(zone: number, event: MouseEvent): void {
    if (!this.editable) return this.handlers.pick(zone + 1, NaN);
    this.handlers.pick(zone + 1, Math.max(0, Math.min(Y_MAX, Math.round(this.scale.dy(this.svgY(event))))));
  }
}
