import type { AlarmSummary, Operator } from '@plantwatch/contracts';
import { api, ApiError } from '../core/api.js';
import { h, setAttr, setText } from '../core/dom.js';
import { clock } from '../core/format.js';
import { currentLang, t, type StringKey } from '../core/i18n.js';
import type { PlantTree } from '../core/plant.js';
import { canAcknowledge } from './roles.js';

/** One alarm as the alarms api lists it (ISA-18.2 states, domain.md §3.4). */
export interface AlarmItem {
  readonly id: string;
  readonly device: string;
  readonly code?: string;
  readonly sev: 'critical' | 'high' | 'medium' | 'low';
  readonly state: string;
  readonly msg?: string;
  readonly msgZh?: string;
  readonly ts: number;
}

const PRIORITY = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Endpoints of the alarms api (apps/api/src/alarms). */
export const ALARM_API = {
  list: '/api/alarms',
  ack: (id: string) => `/api/alarms/${encodeURIComponent(id)}/ack`,
  shelve: (id: string) => `/api/alarms/${encodeURIComponent(id)}/shelve`,
};

/**
 * The alarm list: priority-sorted, filterable by area, with acknowledge and shelve (operator or
 * higher). Refetched when the plant-wide alarm summary changes, so it stays current.
 */
export class AlarmsPanel {
  readonly el: HTMLElement;
  private readonly list = h('ol', { class: 'alarm-list' });
  private readonly filter = h('select', { 'aria-label': t('allAreas'), id: 'alarm-area' });
  private readonly error = h('p', { class: 'error', role: 'alert' });
  private items: AlarmItem[] = [];
  private lastSummary = '';
  /** Only the newest request's answer counts (an older, slower one must not overwrite it). */
  private requestNo = 0;

  constructor(private readonly plant: PlantTree, private readonly operator: Operator) {
    this.filter.append(h('option', { value: '' }, t('allAreas')));
    for (const site of plant.sites()) for (const area of site.children) this.filter.append(h('option', { value: area.key }, `${site.nameZh ?? site.name} / ${currentLang() === 'zh' ? (area.nameZh ?? area.name) : area.name}`));
    this.filter.addEventListener('change', () => this.draw());
    this.el = h('aside', { class: 'alarms-panel', 'aria-label': t('alarms') }, h('h2', null, t('alarms')), this.filter, this.error, this.list);
  }

  /** Refetches when the live summary changed (new, cleared or acknowledged alarms). */
  sync(summary: AlarmSummary): void {
    const sig = JSON.stringify(summary);
    if (sig === this.lastSummary) return;
    this.lastSummary = sig;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const no = ++this.requestNo;
    try {
      const answer = await api.get<AlarmItem[] | { alarms: AlarmItem[] }>(ALARM_API.list);
      if (no !== this.requestNo) return;
      this.items = Array.isArray(answer) ? answer : answer.alarms;
    } catch (error) {
      if (no === this.requestNo) setText(this.error, error instanceof ApiError ? `${error.status}: ${error.message}` : String(error));
    }
    if (no === this.requestNo) this.draw();
  }

  private draw(): void {
    const area = this.filter.value;
    const shown = this.items.filter((a) => !area || a.device.startsWith(`${area}/`)).sort((a, b) => PRIORITY[a.sev] - PRIORITY[b.sev] || b.ts - a.ts);
    if (shown.length === 0) return this.list.replaceChildren(h('li', { class: 'empty' }, t('noAlarms')));
    this.list.replaceChildren(...shown.map((a) => this.row(a)));
  }

  private row(alarm: AlarmItem): HTMLElement {
    const may = canAcknowledge(this.operator);
    const unacked = alarm.state === 'active_unack' || alarm.state === 'rtn_unack';
    const text = currentLang() === 'zh' ? (alarm.msgZh ?? alarm.msg ?? alarm.code ?? '') : (alarm.msg ?? alarm.code ?? '');
    const row = h('li', { class: `alarm prio-${alarm.sev}`, 'data-alarm': alarm.id, 'data-state': alarm.state },
      h('span', { class: 'prio' }, t(alarm.sev as StringKey)), h('span', { class: 'msg' }, text), h('span', { class: 'where' }, this.plant.path(alarm.device).map((n) => n.slug).join('/')), h('span', { class: 'when' }, clock(alarm.ts)),
      may && unacked ? h('button', { type: 'button', 'data-action': 'ack', onClick: () => void this.act(ALARM_API.ack(alarm.id), {}) }, t('ack')) : null,
      may ? h('button', { type: 'button', 'data-action': 'shelve', onClick: () => void this.act(ALARM_API.shelve(alarm.id), { minutes: 60, reason: 'shelved from the one-map' }) }, t('shelve')) : null);
    setAttr(row, 'data-unacked', unacked ? 'true' : 'false');
    return row;
  }

  private async act(path: string, body: object): Promise<void> {
    setText(this.error, '');
    try {
      await api.post(path, body);
    } catch (error) {
      setText(this.error, error instanceof ApiError ? `${error.status}: ${error.message}` : String(error));
    }
    // Show the alarm's real state either way (a failed answer may still have changed it).
    await this.refresh();
  }
}
