import type { NodeRollup } from '@plantwatch/contracts';
import { h, setAttr, setText } from '../core/dom.js';
import { num } from '../core/format.js';
import { t } from '../core/i18n.js';

const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

/**
 * Status counts of a node (online / stale / offline devices, active alarms by priority, output
 * and energy) as a small block that updates in place.
 */
export class RollupBadges {
  readonly el: HTMLElement;
  private readonly parts: Record<string, HTMLElement> = {};

  constructor(private readonly showProduction = true) {
    const chip = (name: string, cls: string): HTMLElement => (this.parts[name] = h('span', { class: `chip ${cls}`, 'data-count': name }, '0'));
    this.el = h(
      'div',
      { class: 'rollup' },
      h('div', { class: 'counts' }, chip('online', 'ok'), chip('stale', 'stale'), chip('offline', 'off')),
      h('div', { class: 'alarm-chips' }, ...PRIORITIES.map((p) => chip(p, `prio-${p}`))),
      showProduction ? (this.parts['prod'] = h('div', { class: 'prod' })) : null,
    );
  }

  update(rollup: NodeRollup | undefined): void {
    for (const name of ['online', 'stale', 'offline'] as const) {
      const el = this.parts[name];
      if (!el) continue;
      setText(el, `${t(name)} ${rollup ? rollup[name] : '—'}`);
      setAttr(el, 'data-value', rollup ? rollup[name] : null);
    }
    for (const p of PRIORITIES) {
      const el = this.parts[p];
      if (!el) continue;
      const n = rollup?.alarms[p] ?? 0;
      setText(el, `${t(p)} ${n}`);
      setAttr(el, 'data-value', n);
      el.hidden = n === 0;
    }
    const prod = this.parts['prod'];
    if (prod && this.showProduction) setText(prod, productionText(rollup));
  }
}

/** "Output 48 t/d · 12 parts/h · Gas 170 Nm³/h · Power 420 kW" from what the node has. */
export function productionText(rollup: NodeRollup | undefined): string {
  if (!rollup) return '';
  const parts: string[] = [];
  if (rollup.outputTpd !== undefined) parts.push(`${t('output')} ${num(rollup.outputTpd)} t/d`);
  if (rollup.partsPerH !== undefined) parts.push(`${num(rollup.partsPerH)} ${t('partsPerH')}`);
  if (rollup.gasNm3h !== undefined) parts.push(`${t('gas')} ${num(rollup.gasNm3h)} Nm³/h`);
  if (rollup.powerKw !== undefined) parts.push(`${t('power')} ${num(rollup.powerKw)} kW`);
  return parts.join(' · ');
}
