import { api, ApiError } from '../core/api.js';
import { h, s, setText } from '../core/dom.js';
import { clock, num } from '../core/format.js';
import { t } from '../core/i18n.js';
import { chartSvg, polylinePoints } from '../widgets/chart.js';
import type { HistorySignal } from './screen.js';

const RANGES = [['15m', 900_000], ['1h', 3_600_000], ['6h', 21_600_000], ['24h', 86_400_000], ['7d', 604_800_000]] as const;
/** Points per chart: the server downsamples to about this many (`every` = range / 300). */
const POINTS = 300;

interface HistoryAnswer {
  readonly points: ReadonlyArray<{ ts: number; value: number | string | boolean | null }>;
  readonly everyMs: number | null;
}

/** History of any signal over any range, downsampled by the server (`/api/history?every=…`). */
export function openHistory(signal: HistorySignal): void {
  const chartSlot = h('div', { class: 'chart-slot history-chart' });
  const info = h('p', { class: 'history-info' });
  const buttons = RANGES.map(([label, ms]) => h('button', { type: 'button', 'data-range': label, onClick: () => void load(ms) }, label));
  const dialog = h('dialog', { class: 'history-dialog' }, h('h2', null, `${t('history')} · ${signal.label}`), h('p', { class: 'signal' }, `${signal.device} · ${signal.series} · ${signal.field}`), h('div', { class: 'ranges' }, `${t('range')}: `, ...buttons), chartSlot, info, h('button', { type: 'button', onClick: () => dialog.close() }, t('close')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();

  async function load(rangeMs: number): Promise<void> {
    const every = `${Math.max(1, Math.round(rangeMs / POINTS / 1000))}s`;
    const query = new URLSearchParams({ device: signal.device, series: signal.series, field: signal.field, from: `-${Math.round(rangeMs / 1000)}s`, every, agg: 'mean' });
    setText(info, '…');
    try {
      const answer = await api.get<HistoryAnswer>(`/api/history?${query.toString()}`);
      draw(answer, rangeMs);
    } catch (error) {
      setText(info, error instanceof ApiError ? `${error.status}: ${error.message}` : String(error));
    }
  }

  function draw(answer: HistoryAnswer, rangeMs: number): void {
    const points = answer.points.filter((p): p is { ts: number; value: number } => typeof p.value === 'number');
    const now = Date.now();
    const ys = points.map((p) => p.value);
    const lo = ys.length ? Math.min(...ys) : 0;
    const hi = ys.length ? Math.max(...ys) : 1;
    const pad = (hi - lo) * 0.1 || 1;
    const y0 = Math.floor(lo - pad);
    const y1 = Math.ceil(hi + pad);
    const { svg, scale } = chartSvg({ width: 800, height: 260, x: [now - rangeMs, now], y: [y0, y1] }, [y0, Math.round((y0 + y1) / 2), y1], [], signal.label);
    svg.append(s('polyline', { class: 'history-line', points: polylinePoints(scale, points.map((p) => p.ts), ys) }));
    svg.append(s('text', { x: scale.pad.left, y: 254, class: 'tick' }, clock(now - rangeMs)), s('text', { x: 790, y: 254, class: 'tick', 'text-anchor': 'end' }, clock(now)));
    chartSlot.replaceChildren(svg);
    const last = ys[ys.length - 1];
    setText(info, `${points.length} · min ${num(lo, 1)} · max ${num(hi, 1)} · ${num(last, 1)} ${signal.unit ?? ''} · every ${answer.everyMs === null ? '—' : `${answer.everyMs / 1000} s`}`);
  }

  void load(RANGES[1][1]);
}
