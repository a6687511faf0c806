import type { LiveView } from '@plantwatch/contracts';
import { h, s, setAttr, setText } from '../core/dom.js';
import { formatAge, num } from '../core/format.js';
import { t } from '../core/i18n.js';
import { RollupBadges } from '../widgets/rollup-badges.js';
import { layoutLine, PLAN_WIDTH, type PlannedLine } from './floorplan.layout.js';
import { nodeRoute, type Screen, type ScreenContext } from './screen.js';

/**
 * An area's floor plan, laid out from the plant model: kilns as long bars with their zones,
 * lines as station chains, gateways with their south devices. Each device mark shows liveness
 * and its worst alarm; click a line or a device to drill down.
 */
export class FloorPlanScreen implements Screen {
  readonly liveView: LiveView;
  private lines: PlannedLine[] = [];
  private readonly badges = new RollupBadges();

  constructor(
    private readonly ctx: ScreenContext,
    readonly nodeKey: string,
  ) {
    this.liveView = { kind: 'node', node: nodeKey };
  }

  mount(root: HTMLElement): void {
    const area = this.ctx.plant.node(this.nodeKey);
    const svg = s('svg', { class: 'floorplan', role: 'img', 'aria-label': area?.name ?? '' });
    let y = 8;
    for (const line of area?.children ?? []) {
      const planned = layoutLine(line, y);
      svg.append(planned.group);
      this.lines.push(planned);
      y += planned.height + 14;
    }
    svg.setAttribute('viewBox', `0 0 ${PLAN_WIDTH} ${Math.max(60, y)}`);
    svg.addEventListener('click', (event) => this.click(event));
    root.append(h('section', { class: 'floorplan-screen' }, this.badges.el, h('div', { class: 'plan-scroll' }, svg)));
  }

  render(now: number): void {
    this.badges.update(this.ctx.live.nodes.get(this.nodeKey)?.value);
    for (const line of this.lines) {
      for (const [key, mark] of line.marks) {
        const entry = this.ctx.live.devices.get(key);
        setAttr(mark, 'data-state', entry?.value.status ?? 'unknown');
        setAttr(mark, 'data-alarm', entry?.value.alarm ?? null);
      }
      for (const [slot, text] of line.texts) setText(text, this.badgeText(slot, line, now));
    }
  }

  private badgeText(slot: string, line: PlannedLine, now: number): string {
    if (slot === 'info') {
      const plc = [...line.marks.keys()][0];
      const entry = plc ? this.ctx.live.devices.get(plc) : undefined;
      const b = entry?.value.badge;
      if (!entry || !b) return t('noData');
      return `Tmax ${num(b['tMax'])} °C · ${t('gas')} ${num(b['gas'])} Nm³/h · ${formatAge((entry.value.ageMs ?? 0) + now - entry.receivedAt)}`;
    }
    const b = this.ctx.live.devices.get(slot)?.value.badge;
    return b ? `${num(b['southOn'])}/${num(b['south'])} · ${num(b['rsrp'])} dBm` : '—';
  }

  private click(event: Event): void {
    const target = event.target as Element;
    const device = target.closest('[data-device]')?.getAttribute('data-device');
    const kiln = target.closest('[data-kiln]')?.getAttribute('data-kiln');
    const line = target.closest('[data-line]')?.getAttribute('data-line');
    const key = kiln ?? device ?? line;
    if (key) this.ctx.navigate(nodeRoute(key));
  }
}
