import type { CommandRecord } from '@plantwatch/contracts';
import { h, setAttr, setText } from '../core/dom.js';
import { clock } from '../core/format.js';
import { t, type StringKey } from '../core/i18n.js';

/**
 * Commands to the devices on screen, newest first, each with its lifecycle: pending → accepted
 * → applied, or rejected / failed / expired / timed out, with the time of each step.
 */
export class CommandLog {
  readonly el = h('ol', { class: 'command-log', 'aria-label': t('commands') });
  private readonly rows = new Map<string, { row: HTMLElement; status: HTMLElement; steps: HTMLElement; sig: string }>();

  update(records: Iterable<CommandRecord>): void {
    const sorted = [...records].sort((a, b) => b.createdAt - a.createdAt).slice(0, 12);
    for (const record of sorted) {
      let row = this.rows.get(record.cmdId);
      if (!row) {
        row = this.create(record);
        this.rows.set(record.cmdId, row);
      }
      const sig = `${record.status}|${record.steps.length}`;
      if (row.sig === sig) continue;
      row.sig = sig;
      setText(row.status, t(record.status as StringKey));
      setAttr(row.row, 'data-cmd-status', record.status);
      row.steps.replaceChildren(...record.steps.map((s) => h('li', { 'data-step': s.status }, `${t(s.status as StringKey)} ${clock(s.at)}${s.code ? ` (${s.code})` : ''}${s.message ? ` — ${s.message}` : ''}`)));
    }
    const wanted = sorted.map((r) => this.rows.get(r.cmdId)?.row).filter((r): r is HTMLElement => r !== undefined);
    if (wanted.some((row, i) => this.el.children[i] !== row) || this.el.children.length !== wanted.length) this.el.replaceChildren(...wanted);
  }

  private create(record: CommandRecord): { row: HTMLElement; status: HTMLElement; steps: HTMLElement; sig: string } {
    const status = h('span', { class: 'cmd-status' });
    const steps = h('ol', { class: 'cmd-steps' });
    const what = `${record.name} ${record.target ?? ''} = ${Array.isArray(record.value) ? record.value.join(', ') : String(record.value)}${record.rampPerMin ? ` @ ${record.rampPerMin}/min` : ''}`;
    const row = h('li', { class: 'command', 'data-cmd': record.cmdId }, h('div', null, h('strong', null, what), ' ', status), h('div', { class: 'who' }, `${clock(record.createdAt)} · ${record.user} · ${record.reason}`), steps);
    return { row, status, steps, sig: '' };
  }
}
