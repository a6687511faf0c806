import type { LiveView } from '@plantwatch/contracts';
import { h, setClass, setText } from '../core/dom.js';
import { formatAge, num } from '../core/format.js';
import { nameOf, t } from '../core/i18n.js';
import { latest } from '../core/live.js';
import { ValueTile } from '../widgets/value-tile.js';
import { scalar, TYPE_TILES, type TileSpec } from './device-tiles.js';
import type { Screen, ScreenContext } from './screen.js';

/**
 * One device: its status and age, type-specific tiles first (5G gateway health, CEMS against
 * limits, shuttle kiln, holding furnace …), then every other scalar it reports. Any tile opens
 * the signal's history.
 */
export class DeviceScreen implements Screen {
  readonly liveView: LiveView;
  private readonly type: string;
  private readonly tiles = new Map<string, { tile: ValueTile; spec: TileSpec }>();
  private readonly grid = h('div', { class: 'tile-grid' });
  private readonly status = h('p', { class: 'device-status' });

  constructor(
    private readonly ctx: ScreenContext,
    readonly nodeKey: string,
  ) {
    this.liveView = { kind: 'detail', node: nodeKey };
    this.type = ctx.plant.deviceType(nodeKey) ?? '';
  }

  mount(root: HTMLElement): void {
    for (const spec of TYPE_TILES[this.type] ?? []) this.addTile(spec);
    root.append(h('section', { class: 'device-screen', 'data-device-type': this.type }, h('h2', null, nameOf(this.ctx.plant.node(this.nodeKey)), ' ', h('small', null, this.type)), this.status, this.grid));
  }

  render(now: number): void {
    for (const [key, entry] of this.ctx.live.values) {
      if (!key.startsWith(`${this.nodeKey}|`) || !entry.value.series.startsWith('telemetry')) continue;
      for (const [field, value] of Object.entries(entry.value.v)) if (scalar(value) !== undefined) this.addTile([entry.value.series, field, '']);
    }
    for (const { tile, spec } of this.tiles.values()) {
      const value = latest(this.ctx.live, this.nodeKey, spec[0], now);
      const v = scalar(value?.v[spec[1]]);
      tile.update(v, value?.ageMs);
      setClass(tile.el, 'over-limit', spec[3] !== undefined && typeof v === 'number' && v > spec[3]);
    }
    const status = this.ctx.live.devices.get(this.nodeKey)?.value;
    const state = latest(this.ctx.live, this.nodeKey, 'state', now);
    setText(this.status, `${t(status?.status ?? 'unknown')} · ${formatAge(state?.ageMs ?? status?.ageMs)}${state?.v['mode'] ? ` · ${String(state.v['mode'])}` : ''}`);
    this.status.dataset['state'] = status?.status ?? 'unknown';
  }

  private addTile(spec: TileSpec): void {
    const key = `${spec[0]}|${spec[1]}`;
    if (this.tiles.has(key)) return;
    const label = spec[3] === undefined ? spec[1] : `${spec[1]} (${t('limit')} ${num(spec[3])})`;
    const tile = new ValueTile(label, spec[2], () => this.ctx.openHistory({ device: this.nodeKey, series: spec[0], field: spec[1], label: spec[1], unit: spec[2] }), 1, spec[1]);
    this.tiles.set(key, { tile, spec });
    this.grid.append(tile.el);
  }
}
