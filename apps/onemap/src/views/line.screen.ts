import type { LiveView } from '@plantwatch/contracts';
import { h, setAttr, setText } from '../core/dom.js';
import { num } from '../core/format.js';
import { t, type StringKey } from '../core/i18n.js';
import { layoutLine, PLAN_WIDTH, type PlannedLine } from './floorplan.layout.js';
import { s } from '../core/dom.js';
import { nodeRoute, type Screen, type ScreenContext } from './screen.js';

/** Line KPIs from the machines' counters (domain.md §2.5.1, H3 big screens). */
interface LineKpis {
  readonly partsPerH?: number;
  readonly fpy?: number;
  readonly oee?: number;
  readonly costPerPart?: number;
}

/**
 * A production line as a big-screen: output, first-pass yield, OEE and cost per part as large
 * tiles (— where the line does not report them), and the line's station chain below.
 */
export class LineScreen implements Screen {
  readonly liveView: LiveView;
  private readonly kpiEls = new Map<string, HTMLElement>();
  private planned: PlannedLine | undefined;

  constructor(
    private readonly ctx: ScreenContext,
    readonly nodeKey: string,
  ) {
    this.liveView = { kind: 'detail', node: nodeKey };
  }

  mount(root: HTMLElement): void {
    const kpis = h('div', { class: 'kpi-tiles' });
    for (const key of ['lineOutput', 'fpy', 'oee', 'costPerPart'] as const) {
      const value = h('span', { class: 'kpi-value' }, '—');
      this.kpiEls.set(key, value);
      kpis.append(h('div', { class: 'tile kpi', 'data-kpi': key }, h('span', { class: 'label' }, t(key as StringKey)), value));
    }
    const line = this.ctx.plant.node(this.nodeKey);
    const svg = s('svg', { class: 'floorplan' });
    if (line) {
      this.planned = layoutLine(line, 8);
      svg.append(this.planned.group);
      svg.setAttribute('viewBox', `0 0 ${PLAN_WIDTH} ${this.planned.height + 20}`);
    }
    svg.addEventListener('click', (e) => {
      const device = (e.target as Element).closest('[data-device]')?.getAttribute('data-device');
      if (device) this.ctx.navigate(nodeRoute(device));
    });
    root.append(h('section', { class: 'line-screen' }, kpis, h('div', { class: 'plan-scroll' }, svg)));
  }

  render(): void {
    const k = this.kpis();
    setText(this.kpiEls.get('lineOutput') as HTMLElement, k.partsPerH === undefined ? '—' : `${num(k.partsPerH)} ${t('partsPerH')}`);
    setText(this.kpiEls.get('fpy') as HTMLElement, k.fpy === undefined ? '—' : `${num(k.fpy * 100, 1)} %`);
    setText(this.kpiEls.get('oee') as HTMLElement, k.oee === undefined ? '—' : `${num(k.oee, 1)} %`);
    setText(this.kpiEls.get('costPerPart') as HTMLElement, k.costPerPart === undefined ? '—' : `¥ ${num(k.costPerPart, 2)}`);
    for (const [key, mark] of this.planned?.marks ?? []) setAttr(mark, 'data-state', this.ctx.live.devices.get(key)?.value.status ?? 'unknown');
  }

  private kpis(): LineKpis {
    let good = 0;
    let total = 0;
    const oee: number[] = [];
    let cost: number | undefined;
    for (const { value } of this.ctx.live.values.values()) {
      const v = value.v;
      if (value.series === 'state' && typeof v['total'] === 'number') {
        total += v['total'];
        good += typeof v['good'] === 'number' ? v['good'] : 0;
      }
      if (typeof v['oee'] === 'number') oee.push(v['oee']);
      if (value.series.startsWith('kpi') && typeof v['costPerPart'] === 'number') cost = v['costPerPart'];
    }
    const rollup = this.ctx.live.nodes.get(this.nodeKey)?.value;
    return {
      ...(rollup?.partsPerH === undefined ? {} : { partsPerH: rollup.partsPerH }),
      ...(total > 0 ? { fpy: good / total } : {}),
      ...(oee.length > 0 ? { oee: oee.reduce((a, b) => a + b, 0) / oee.length } : {}),
      ...(cost === undefined ? {} : { costPerPart: cost }),
    };
  }
}
