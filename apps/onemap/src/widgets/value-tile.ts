import { h, setAttr, setClass, setText } from '../core/dom.js';
import { formatAge, num, STALE_AFTER_MS } from '../core/format.js';

/**
 * One live value with its unit and age; stale values look stale (dimmed, dashed, age in
 * amber). Click opens the history of the signal.
 */
export class ValueTile {
  readonly el: HTMLElement;
  private readonly value = h('span', { class: 'value' });
  private readonly age = h('span', { class: 'age' });

  constructor(label: string, private readonly unit: string, onClick?: () => void, private readonly digits = 1, testId?: string) {
    this.el = h('button', { class: 'tile value-tile', type: 'button', 'data-field': testId, onClick }, h('span', { class: 'label' }, label), this.value, this.age);
  }

  update(value: unknown, ageMs: number | undefined, staleAfterMs = STALE_AFTER_MS): void {
    const text = typeof value === 'number' ? `${num(value, this.digits)} ${this.unit}` : typeof value === 'string' || typeof value === 'boolean' ? String(value) : '—';
    setText(this.value, text);
    setAttr(this.el, 'data-value', typeof value === 'number' || typeof value === 'string' ? value : null);
    setText(this.age, formatAge(ageMs));
    setClass(this.el, 'stale', ageMs === undefined || ageMs > staleAfterMs);
  }
}
