import type { AlarmSummary, Operator } from '@plantwatch/contracts';
import { h, setAttr, setText } from '../core/dom.js';
import { clock } from '../core/format.js';
import { currentLang, nameOf, setLang, t, type StringKey } from '../core/i18n.js';
import type { PlantTree } from '../core/plant.js';
import { nodeRoute } from './screen.js';

/**
 * The frame around every screen: brand, breadcrumbs, connection state, language switch, alarm
 * banner (highest-priority unacknowledged alarm), user and logout.
 */
export class Shell {
  readonly main = h('main', { id: 'screen' });
  readonly side = h('div', { class: 'side' });
  readonly el: HTMLElement;
  private readonly crumbs = h('nav', { class: 'crumbs', 'aria-label': 'breadcrumbs' });
  private readonly conn = h('span', { class: 'conn' });
  private readonly banner = h('button', { class: 'banner', type: 'button', hidden: true, id: 'alarm-banner' });
  private readonly alarmCount = h('span', { class: 'alarm-count' });

  constructor(private readonly plant: PlantTree, operator: Operator, handlers: { logout(): void; toggleAlarms(): void; relabel(): void }) {
    const lang = h('button', { type: 'button', class: 'lang', id: 'lang-toggle', onClick: () => { setLang(currentLang() === 'zh' ? 'en' : 'zh'); handlers.relabel(); } }, t('lang'));
    const alarms = h('button', { type: 'button', id: 'alarms-toggle', onClick: handlers.toggleAlarms }, t('alarms'), ' ', this.alarmCount);
    this.banner.addEventListener('click', handlers.toggleAlarms);
    const user = h('span', { class: 'user', 'data-role': operator.role }, `${operator.displayName ?? operator.username} · ${operator.role}`);
    const header = h('header', { class: 'topbar' }, h('a', { href: '#/', class: 'brand' }, `plantwatch · ${t('title')}`), this.crumbs, this.conn, alarms, lang, user, h('button', { type: 'button', id: 'logout', onClick: handlers.logout }, t('logout')));
    this.el = h('div', { class: 'shell' }, header, this.banner, h('div', { class: 'body' }, this.main, this.side));
  }

  breadcrumbs(key: string): void {
    const items: Node[] = [h('a', { href: '#/' }, t('overview'))];
    for (const node of key ? this.plant.path(key) : []) items.push(document.createTextNode(' › '), h('a', { href: nodeRoute(node.key) }, nameOf(node)));
    this.crumbs.replaceChildren(...items);
  }

  update(connected: boolean, alarms: AlarmSummary): void {
    setText(this.conn, connected ? '●' : '○');
    setAttr(this.conn, 'data-connected', connected ? 'true' : 'false');
    setText(this.alarmCount, String(alarms.unacked));
    setAttr(this.alarmCount, 'data-value', alarms.unacked);
    const top = alarms.top;
    this.banner.hidden = !top;
    if (!top) return;
    const message = currentLang() === 'zh' ? (top.msgZh ?? top.msg ?? top.code) : (top.msg ?? top.code);
    setText(this.banner, `${t(top.sev as StringKey)} · ${message} · ${nameOf(this.plant.node(top.device), top.device)} · ${clock(top.ts)}`);
    setAttr(this.banner, 'data-prio', top.sev);
  }
}
