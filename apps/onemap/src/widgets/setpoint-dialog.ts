import type { CommandCreateRequest, CommandRecord } from '@plantwatch/contracts';
import { api, ApiError } from '../core/api.js';
import { h, setText } from '../core/dom.js';
import { num } from '../core/format.js';
import { t } from '../core/i18n.js';

/** Limits of a setpoint command from the device's `meta.cmds` (or domain defaults). */
export interface SetpointLimits {
  readonly min: number;
  readonly max: number;
  /** Largest change per command [°C], when the device says. */
  readonly maxStep?: number;
  readonly maxRampPerMin: number;
  readonly defaultRampPerMin: number;
}

/** Limits of `name` from a kiln's retained meta. */
export function limitsFrom(meta: Readonly<Record<string, unknown>> | undefined, name: string): SetpointLimits {
  const spec = ((meta?.['cmds'] as Record<string, Record<string, unknown>> | undefined) ?? {})[name] ?? {};
  const n = (key: string, fallback?: number): number | undefined => (typeof spec[key] === 'number' ? spec[key] : fallback);
  const maxStep = n('maxStep') ?? n('maxDelta');
  // The simulator publishes `rampPerMin: {default, max}`; others may say `maxRampPerMin`.
  const ramp = typeof spec['rampPerMin'] === 'object' && spec['rampPerMin'] !== null ? (spec['rampPerMin'] as Record<string, unknown>) : {};
  const maxRamp = typeof ramp['max'] === 'number' ? ramp['max'] : (n('maxRampPerMin', 10) ?? 10);
  const defaultRamp = typeof ramp['default'] === 'number' ? ramp['default'] : Math.min(2, maxRamp);
  return { min: n('min', 0) ?? 0, max: n('max', 1_800) ?? 1_800, maxRampPerMin: maxRamp, defaultRampPerMin: defaultRamp, ...(maxStep === undefined ? {} : { maxStep }) };
}

/** What the dialog proposes: one zone (set-zone-sp) or the whole curve (set-curve). */
export type Proposal = { readonly kind: 'zone'; readonly zone: number; readonly current: number; readonly value: number } | { readonly kind: 'curve'; readonly current: readonly number[] };

/**
 * The confirmation step of a setpoint change: shows old → new with the limits, asks for a ramp
 * and a reason (audit log), and only then sends the command. Errors stay in the dialog.
 */
export function openSetpointDialog(device: string, proposal: Proposal, limits: SetpointLimits, sent: (record: CommandRecord) => void): HTMLDialogElement {
  const inputs = proposal.kind === 'zone' ? [numberInput(proposal.value, limits, 'sp-value')] : proposal.current.map((v, i) => numberInput(v, limits, `sp-curve-${i + 1}`));
  const ramp = h('input', { type: 'number', min: 0.1, max: limits.maxRampPerMin, step: 0.1, value: limits.defaultRampPerMin, name: 'ramp', id: 'sp-ramp' });
  const reason = h('input', { type: 'text', required: true, maxlength: 200, name: 'reason', id: 'sp-reason', autocomplete: 'off' });
  const error = h('p', { class: 'error', role: 'alert' });
  const title = proposal.kind === 'zone' ? `${t('setZone')} · ${t('zone')} ${proposal.zone}` : t('setCurve');
  const limitText = `${t('limits')}: ${num(limits.min)}–${num(limits.max)} °C${limits.maxStep === undefined ? '' : ` · Δ ≤ ${num(limits.maxStep)} °C`}`;
  const fields = proposal.kind === 'zone'
    ? [h('p', null, `${num(proposal.current)} °C → `), h('label', null, t('newValue'), inputs[0] ?? null)]
    : inputs.map((input, i) => h('label', { class: 'curve-field' }, `Z${i + 1} (${num(proposal.current[i])})`, input));
  const send = h('button', { type: 'submit', class: 'primary', id: 'sp-confirm' }, t('confirm'));
  const form = h('form', { method: 'dialog' }, h('h2', null, title), ...fields, h('p', { class: 'limits' }, limitText), h('label', null, t('ramp'), ramp), h('label', null, t('reason'), reason), error,
    h('div', { class: 'buttons' }, h('button', { type: 'button', value: 'cancel', onClick: () => dialog.close() }, t('cancel')), send));
  const dialog = h('dialog', { class: 'setpoint-dialog' }, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = inputs.map((i) => Number(i.value));
    const problem = check(values, proposal, limits) ?? (reason.value.trim() === '' ? t('reason') : undefined);
    if (problem) return setText(error, problem);
    send.disabled = true;
    const body: CommandCreateRequest = proposal.kind === 'zone'
      ? { device, name: 'set-zone-sp', target: `zone.${proposal.zone}.sp`, value: values[0] ?? 0, unit: 'degC', rampPerMin: Number(ramp.value), reason: reason.value.trim() }
      : { device, name: 'set-curve', target: 'zones', value: values, unit: 'degC', rampPerMin: Number(ramp.value), reason: reason.value.trim() };
    api.post<CommandRecord>('/api/commands', body).then(
      (record) => {
        sent(record);
        dialog.close();
      },
      (e: unknown) => {
        send.disabled = false;
        setText(error, e instanceof ApiError ? `${e.status}: ${e.message}` : String(e));
      },
    );
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  (proposal.kind === 'zone' ? reason : inputs[0])?.focus();
  return dialog;
}

function numberInput(value: number, limits: SetpointLimits, id: string): HTMLInputElement {
  return h('input', { type: 'number', min: limits.min, max: limits.max, step: 1, value: Math.round(value), id, name: id, required: true });
}

/** Why the values are not allowed (limits, step), or undefined. */
function check(values: readonly number[], proposal: Proposal, limits: SetpointLimits): string | undefined {
  const current = proposal.kind === 'zone' ? [proposal.current] : proposal.current;
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v) || v < limits.min || v > limits.max) return `${t('limits')}: ${limits.min}–${limits.max} °C`;
    const was = current[i];
    if (limits.maxStep !== undefined && was !== undefined && Math.abs(v - was) > limits.maxStep) return `Δ ≤ ${limits.maxStep} °C`;
  }
  return undefined;
}
