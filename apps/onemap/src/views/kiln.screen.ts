import type { CommandRecord, LiveView } from '@plantwatch/contracts';
import { api } from '../core/api.js';
import { h, setText } from '../core/dom.js';
import { formatAge, num, STALE_AFTER_MS } from '../core/format.js';
import { t } from '../core/i18n.js';
import { latest } from '../core/live.js';
import type { HierarchyNode } from '../core/plant.js';
import { CommandLog } from '../widgets/command-log.js';
import { kilnGeometry, KilnProfileChart } from '../widgets/kiln-profile.js';
import { BurnerGrid, FlameTiles, PressureChart, PushList } from '../widgets/kiln-panels.js';
import { limitsFrom, openSetpointDialog } from '../widgets/setpoint-dialog.js';
import { ValueTile } from '../widgets/value-tile.js';
import { canCommand } from './roles.js';
import type { Screen, ScreenContext } from './screen.js';

const COMBUSTION = [['gas', 'Nm³/h', 1], ['air', 'Nm³/h', 0], ['lambda', 'λ', 2], ['pGasHdr', 'kPa', 1], ['burnersOn', '', 0]] as const;

/**
 * Tunnel-kiln detail (domain.md §3.8 kiln HMI): temperature along the kiln against the zone
 * setpoint curve, live; pressure and O₂; combustion; zone setpoints editable on the curve (drag
 * or click, limits, confirmation) with the command's lifecycle; flame-vision tiles, burners and
 * car pushes. Any value opens its history.
 */
export class KilnScreen implements Screen {
  readonly liveView: LiveView;
  private readonly devices: HierarchyNode[];
  private readonly plc: string;
  private profile: KilnProfileChart | undefined;
  private pressure: PressureChart | undefined;
  private flames: FlameTiles | undefined;
  private burners: BurnerGrid | undefined;
  private pushes: PushList | undefined;
  private readonly combustion = new Map<string, ValueTile>();
  private readonly commandLog = new CommandLog();
  private readonly status = h('p', { class: 'kiln-status' });
  private readonly zoneTable = h('table', { class: 'zones' });

  constructor(
    private readonly ctx: ScreenContext,
    readonly nodeKey: string,
  ) {
    this.liveView = { kind: 'detail', node: nodeKey };
    this.devices = ctx.plant.devicesUnder(nodeKey);
    this.plc = this.devices.find((d) => d.device?.type === 'tunnel-kiln')?.key ?? '';
  }

  mount(root: HTMLElement): void {
    const byType = (type: string): HierarchyNode[] => this.devices.filter((d) => d.device?.type === type);
    this.flames = new FlameTiles(byType('flame-camera'), (cam) => this.ctx.openHistory({ device: cam, series: 'telemetry', field: 'brightPct', label: 'brightPct', unit: '%' }));
    this.burners = new BurnerGrid(byType('kiln-burner'));
    this.pushes = new PushList(byType('kiln-pusher').map((d) => d.key));
    for (const [field, unit, digits] of COMBUSTION) {
      this.combustion.set(field, new ValueTile(field, unit, () => this.ctx.openHistory({ device: this.plc, series: 'telemetry/combustion', field, label: field, unit }), digits, `combustion.${field}`));
    }
    const curveButton = h('button', { type: 'button', class: 'secondary', 'data-action': 'set-curve', onClick: () => this.proposeCurve() }, t('setCurve'));
    curveButton.hidden = !canCommand(this.ctx.operator);
    root.append(
      h('section', { class: 'kiln-screen', 'data-kiln-screen': this.nodeKey },
        this.status,
        h('div', { class: 'panel wide', id: 'profile-panel' }, h('h2', null, t('kilnProfile')), h('div', { class: 'chart-slot', id: 'profile-slot' }), h('div', { class: 'zone-row' }, h('div', { class: 'zones-scroll' }, this.zoneTable), curveButton)),
        h('div', { class: 'panel' }, h('h2', null, t('commands')), this.commandLog.el),
        h('div', { class: 'panel wide' }, h('h2', null, t('pressureO2')), h('div', { class: 'chart-slot', id: 'pressure-slot' })),
        h('div', { class: 'panel' }, h('h2', null, t('combustion')), h('div', { class: 'tile-row' }, ...[...this.combustion.values()].map((v) => v.el))),
        h('div', { class: 'panel' }, h('h2', null, t('flames')), this.flames.el, h('h3', null, t('burners')), this.burners.el),
        h('div', { class: 'panel' }, h('h2', null, t('pushes')), this.pushes.el),
      ),
    );
    api.get<CommandRecord[]>(`/api/commands?device=${encodeURIComponent(this.nodeKey)}&limit=20`).then(
      (records) => records.forEach((r) => this.ctx.live.commands.set(r.cmdId, r)),
      () => undefined,
    );
  }

  render(now: number): void {
    const profile = latest(this.ctx.live, this.plc, 'telemetry/profile', now);
    const meta = latest(this.ctx.live, this.plc, 'meta', now)?.v;
    const t36 = Array.isArray(profile?.v['t']) ? (profile.v['t'] as (number | null)[]) : undefined;
    if (!this.profile && t36) this.buildCharts(meta, t36.length);
    const sp = Array.isArray(profile?.v['sp']) ? (profile.v['sp'] as number[]) : undefined;
    const stale = !profile || profile.ageMs > STALE_AFTER_MS;
    this.profile?.update(t36, sp, stale);
    this.pressure?.update(profile?.v, stale);
    this.renderZones(t36, sp, stale);
    const combustion = latest(this.ctx.live, this.plc, 'telemetry/combustion', now);
    for (const [field, tile] of this.combustion) tile.update(combustion?.v[field], combustion?.ageMs);
    this.flames?.update(this.ctx.live, now);
    this.burners?.update(this.ctx.live, now);
    this.pushes?.update(this.ctx.live, now);
    this.commandLog.update([...this.ctx.live.commands.values()].filter((c) => c.device.startsWith(`${this.nodeKey}/`)));
    const state = this.ctx.live.devices.get(this.plc)?.value.status ?? 'unknown';
    setText(this.status, `${t(state)} · ${formatAge(profile?.ageMs)}`);
    this.status.dataset['state'] = state;
  }

  private buildCharts(meta: Readonly<Record<string, unknown>> | undefined, tcCount: number): void {
    const geo = kilnGeometry(meta, tcCount);
    this.profile = new KilnProfileChart(geo, { pick: (zone, value) => this.proposeZone(zone, value), tc: (i) => this.ctx.openHistory({ device: this.plc, series: 'telemetry/profile', field: `t.${i}`, label: `TC ${i + 1}`, unit: '°C' }) }, canCommand(this.ctx.operator));
    const pPos = Array.isArray(meta?.['pPos']) ? (meta['pPos'] as number[]) : [];
    this.pressure = new PressureChart(geo.lengthM, pPos);
    document.getElementById('profile-slot')?.append(this.profile.svg);
    document.getElementById('pressure-slot')?.append(this.pressure.svg);
  }

  /** Zone table: SP and the zone's PV (its nearest TC) — what the e2e test and operators read. */
  private renderZones(t36: readonly (number | null)[] | undefined, sp: readonly number[] | undefined, stale: boolean): void {
    if (!sp) return;
    const meta = latest(this.ctx.live, this.plc, 'meta')?.v;
    const geo = kilnGeometry(meta, t36?.length ?? 36);
    if (this.zoneTable.rows.length === 0) {
      this.zoneTable.append(h('tr', null, h('th', null, t('zone')), ...sp.map((_, z) => h('th', null, `Z${z + 1}`))));
      this.zoneTable.append(h('tr', { class: 'sp-row' }, h('th', null, t('setpoint')), ...sp.map((_, z) => h('td', { 'data-zone-sp': z + 1 }))));
      this.zoneTable.append(h('tr', { class: 'pv-row' }, h('th', null, t('measured')), ...sp.map((_, z) => h('td', { 'data-zone-pv': z + 1 }))));
    }
    this.zoneTable.classList.toggle('stale', stale);
    sp.forEach((v, z) => {
      const spCell = this.zoneTable.querySelector(`[data-zone-sp="${z + 1}"]`);
      const pvCell = this.zoneTable.querySelector(`[data-zone-pv="${z + 1}"]`);
      const pv = nearestTc(geo.tcPos, geo.zoneCentres[z] ?? 0, t36);
      if (spCell) setText(spCell, num(v));
      if (pvCell) {
        setText(pvCell, num(pv, 1));
        pvCell.setAttribute('data-value', pv === undefined ? '' : String(pv));
      }
    });
  }

  private proposeZone(zone: number, value: number): void {
    if (!canCommand(this.ctx.operator)) return this.denied();
    const current = Number(this.zoneTable.querySelector(`[data-zone-sp="${zone}"]`)?.textContent?.replace(/[^\d.-]/g, '') ?? NaN);
    const meta = latest(this.ctx.live, this.plc, 'meta')?.v;
    openSetpointDialog(this.plc, { kind: 'zone', zone, current, value: Number.isFinite(value) ? value : current }, limitsFrom(meta, 'set-zone-sp'), (r) => this.sent(r));
  }

  private proposeCurve(): void {
    if (!canCommand(this.ctx.operator)) return this.denied();
    const sp = latest(this.ctx.live, this.plc, 'telemetry/profile')?.v['sp'];
    if (!Array.isArray(sp)) return;
    openSetpointDialog(this.plc, { kind: 'curve', current: sp as number[] }, limitsFrom(latest(this.ctx.live, this.plc, 'meta')?.v, 'set-curve'), (r) => this.sent(r));
  }

  private sent(record: CommandRecord): void {
    this.ctx.live.commands.set(record.cmdId, record);
    this.ctx.live.version++;
  }

  private denied(): void {
    setText(this.status, t('viewerNoCommand'));
  }
}

function nearestTc(tcPos: readonly number[], m: number, t36: readonly (number | null)[] | undefined): number | undefined {
  if (!t36) return undefined;
  let best = 0;
  tcPos.forEach((p, i) => {
    if (Math.abs(p - m) < Math.abs((tcPos[best] ?? 0) - m)) best = i;
  });
  const v = t36[best];
  return typeof v === 'number' ? v : undefined;
}
