import { h, s, setAttr, setClass, setText } from '../core/dom.js';
import { clock, formatAge, num, STALE_AFTER_MS } from '../core/format.js';
import { nameOf, t } from '../core/i18n.js';
import { latest, type LiveClient } from '../core/live.js';
import type { HierarchyNode } from '../core/plant.js';
import { chartSvg, polylinePoints, type Scale } from './chart.js';

/** Flame-vision tiles (domain.md §2.1.5): colour, length, brightness, stability, status, age. */
export class FlameTiles {
  readonly el = h('div', { class: 'flame-tiles' });
  private readonly tiles: Array<{ key: string; swatch: HTMLElement; text: HTMLElement; age: HTMLElement; tile: HTMLElement }> = [];

  constructor(cameras: readonly HierarchyNode[], onClick: (device: string) => void) {
    for (const cam of cameras) {
      const swatch = h('span', { class: 'swatch' });
      const text = h('span', { class: 'flame-text' });
      const age = h('span', { class: 'age' });
      const tile = h('button', { class: 'tile flame', type: 'button', 'data-camera': cam.key, onClick: () => onClick(cam.key) }, h('span', { class: 'label' }, nameOf(cam)), swatch, text, age);
      this.tiles.push({ key: cam.key, swatch, text, age, tile });
      this.el.append(tile);
    }
  }

  update(live: LiveClient, now: number): void {
    for (const tile of this.tiles) {
      const value = latest(live, tile.key, 'telemetry', now);
      const v = value?.v;
      setAttr(tile.swatch, 'data-colour', typeof v?.['colour'] === 'string' ? v['colour'] : 'none');
      tile.swatch.style.backgroundColor = typeof v?.['hueDeg'] === 'number' ? `hsl(${v['hueDeg']} 80% 55%)` : '';
      setText(tile.text, v ? `${String(v['burner'] ?? '')} ${String(v['colour'] ?? '')} · ${num(v['lenM'], 2)} m · ${num(v['brightPct'])} % · ${num(v['stab'], 2)} · ${String(v['status'] ?? '')}` : t('noData'));
      setAttr(tile.tile, 'data-status', typeof v?.['status'] === 'string' ? v['status'] : null);
      setText(tile.age, formatAge(value?.ageMs));
      setClass(tile.tile, 'stale', !value || value.ageMs > STALE_AFTER_MS);
    }
  }
}

/** One square per burner: flame proven (green), out (red), unknown (grey). */
export class BurnerGrid {
  readonly el = h('div', { class: 'burner-grid', role: 'list', 'aria-label': t('burners') });
  private readonly cells: Array<{ key: string; cell: HTMLElement }> = [];

  constructor(burners: readonly HierarchyNode[]) {
    for (const b of burners) {
      const cell = h('span', { class: 'burner', role: 'listitem', title: nameOf(b), 'data-burner': b.key });
      this.cells.push({ key: b.key, cell });
      this.el.append(cell);
    }
  }

  update(live: LiveClient, now: number): void {
    for (const { key, cell } of this.cells) {
      const state = latest(live, key, 'state', now)?.v;
      setAttr(cell, 'data-flame', state?.['flame'] === true ? 'on' : state?.['flame'] === false ? 'off' : 'unknown');
      setAttr(cell, 'data-mode', typeof state?.['mode'] === 'string' ? state['mode'] : null);
    }
  }
}

/** Recent car pushes of the kiln's pusher (live events), with the next push due. */
export class PushList {
  readonly el = h('div', { class: 'pushes' });
  private readonly next = h('p', { class: 'next-push' });
  private readonly list = h('ol', { class: 'push-list' });
  private lastSig = '';

  constructor(private readonly pushers: readonly string[]) {
    this.el.append(this.next, this.list);
  }

  update(live: LiveClient, now: number): void {
    const state = this.pushers.map((p) => latest(live, p, 'state', now)).find((x) => x !== undefined);
    const due = state?.v['nextPushInMin'];
    setText(this.next, typeof due === 'number' ? `${t('pushes')}: ${num(due, 1)} min · ${String(state?.v['mode'] ?? '')}` : '');
    const pushes = live.events.filter((e) => e.value.v['type'] === 'car_pushed' || e.value.v['type'] === 'push_fail').slice(0, 8);
    const sig = pushes.map((p) => `${p.value.device}${p.value.ts}`).join();
    if (sig === this.lastSig) return;
    this.lastSig = sig;
    this.list.replaceChildren(...pushes.map((p) => h('li', { 'data-event': String(p.value.v['type']) }, `${clock(p.value.ts)} · ${String(p.value.v['type'])} · #${String(p.value.v['carNo'] ?? '—')} · ${num(p.value.v['intervalMin'], 1)} min · ${num(p.value.v['durS'])} s`)));
  }
}

/** Static pressure along the kiln (Pa, by `meta.pPos`) and the three O₂ readings. */
export class PressureChart {
  readonly svg: SVGSVGElement;
  private readonly scale: Scale;
  private readonly line = s('polyline', { class: 'p-line' });
  private readonly zero: SVGLineElement;
  private readonly o2 = s('text', { class: 'o2-text', x: 60, y: 20 });

  constructor(private readonly lengthM: number, private readonly pPos: readonly number[]) {
    const chart = chartSvg({ width: 900, height: 200, x: [0, lengthM], y: [-150, 60] }, [-150, -100, -50, 0, 50], [0, 20, 40, 60, 80, 100, 120].filter((x) => x <= lengthM), t('pressureO2'));
    this.svg = chart.svg;
    this.scale = chart.scale;
    this.zero = s('line', { class: 'zero-point', y1: this.scale.py(60), y2: this.scale.py(-150) });
    this.svg.append(s('line', { class: 'axis-zero', x1: this.scale.px(0), x2: this.scale.px(lengthM), y1: this.scale.py(0), y2: this.scale.py(0) }), this.line, this.zero, this.o2);
  }

  update(v: Readonly<Record<string, unknown>> | undefined, stale: boolean): void {
    setClass(this.svg, 'stale', stale);
    if (!v) return;
    const p = Array.isArray(v['p']) ? (v['p'] as (number | null)[]) : [];
    const pos = this.pPos.length === p.length ? this.pPos : p.map((_, i) => ((i + 0.5) * this.lengthM) / p.length);
    setAttr(this.line, 'points', polylinePoints(this.scale, pos, p));
    const zp = typeof v['zeroPointM'] === 'number' ? this.scale.px(v['zeroPointM']).toFixed(1) : null;
    setAttr(this.zero, 'x1', zp);
    setAttr(this.zero, 'x2', zp);
    const o2 = Array.isArray(v['o2']) ? (v['o2'] as unknown[]) : [];
    setText(this.o2, `O₂ ${o2.map((x) => num(x, 1)).join(' / ')} %  ·  CO ${num(v['co'])} ppm  ·  0 Pa @ ${num(v['zeroPointM'], 1)} m`);
  }
}
