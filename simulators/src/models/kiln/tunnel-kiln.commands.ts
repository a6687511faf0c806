import type { CommandRequest } from '@plantwatch/contracts';
import type { CommandDecision, CommandHandler, CommandOutcome } from '../sim-device.js';
import { accepted, acceptedApplied, notRemote, rejected } from './kiln-device.kit.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';

/**
 * Commands of the tunnel-kiln PLC (domain.md §3.5), checked against the limits it publishes in
 * `meta.cmds`: `set-curve` (8 zone setpoints), `set-zone-sp` (`zone.N.sp`), both ramping at
 * `rampPerMin` and applied with `reachedAt` once the zone PV is within tolerance;
 * `set-push-interval` [min]; `hold-mode` (boolean). Rejections: OUT_OF_RANGE, NOT_REMOTE (manual or
 * maintenance), INTERLOCK (burners held off by the SSOV, air, exhaust or power interlock),
 * UNKNOWN_TARGET, BAD_REQUEST.
 */
export function tunnelKilnCommands(model: TunnelKilnModel): Record<string, CommandHandler> {
  return {
    'set-curve': (request, nowMs) => setCurve(model, request, nowMs),
    'set-zone-sp': (request, nowMs) => setZoneSp(model, request, nowMs),
    'set-push-interval': (request, nowMs) => setPushInterval(model, request, nowMs),
    'hold-mode': (request, nowMs) => holdMode(model, request, nowMs),
  };
}

/** `meta.cmds`: every command with its limits (§3.2 birth certificate). */
export function tunnelKilnCommandLimits(model: TunnelKilnModel): Record<string, Record<string, unknown>> {
  const c = model.params.control;
  const sp = { unit: 'degC', min: c.spMinC, max: c.spMaxC, maxStep: c.maxStepC, rampPerMin: { default: c.rampPerMin, max: c.maxRampPerMin }, tolC: c.tolC };
  return {
    'set-curve': { ...sp, target: 'zones', length: model.zones.zones },
    'set-zone-sp': { ...sp, target: `zone.{1..${model.zones.zones}}.sp` },
    'set-push-interval': { unit: 'min', min: c.pushMinMin, max: c.pushMaxMin },
    'hold-mode': { type: 'boolean' },
  };
}

function setZoneSp(model: TunnelKilnModel, request: CommandRequest, nowMs: number): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model) ?? interlocked(model);
  if (denied) return denied;
  const match = /^zone\.(\d+)\.sp$/.exec(request.target ?? '');
  const zone = match ? Number(match[1]) - 1 : -1;
  if (zone < 0 || zone >= model.zones.zones) return rejected('UNKNOWN_TARGET', `target must be zone.1.sp … zone.${model.zones.zones}.sp`);
  if (typeof request.value !== 'number') return rejected('BAD_REQUEST', 'value must be a temperature in °C');
  const invalid = checkSetpoint(model, zone, request.value) ?? checkRamp(model, request.rampPerMin);
  if (invalid) return invalid;
  const prev = model.zones.spTarget[zone] ?? null;
  return startRamp(model, [zone], [request.value], request.rampPerMin, nowMs, prev);
}

function setCurve(model: TunnelKilnModel, request: CommandRequest, nowMs: number): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model) ?? interlocked(model);
  if (denied) return denied;
  if (request.target !== undefined && request.target !== 'zones') return rejected('UNKNOWN_TARGET', 'target must be "zones"');
  const values = request.value;
  const zones = model.zones.zones;
  if (!Array.isArray(values) || values.length !== zones) return rejected('BAD_REQUEST', `value must be ${zones} zone setpoints in °C`);
  for (let j = 0; j < zones; j++) {
    const invalid = checkSetpoint(model, j, values[j] ?? NaN);
    if (invalid) return invalid;
  }
  const invalidRamp = checkRamp(model, request.rampPerMin);
  if (invalidRamp) return invalidRamp;
  const prev = Array.from(model.zones.spTarget);
  return startRamp(model, Array.from({ length: zones }, (_, j) => j), values, request.rampPerMin, nowMs, prev);
}

function setPushInterval(model: TunnelKilnModel, request: CommandRequest, nowMs: number): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model);
  if (denied) return denied;
  const { pushMinMin, pushMaxMin } = model.params.control;
  if (typeof request.value !== 'number') return rejected('BAD_REQUEST', 'value must be minutes');
  if (request.value < pushMinMin || request.value > pushMaxMin) return rejected('OUT_OF_RANGE', `push interval must be ${pushMinMin}–${pushMaxMin} min`);
  const prev = Math.round(model.pusher.intervalMs / 6_000) / 10;
  model.pusher.setInterval(Math.round(request.value * 60_000));
  return acceptedApplied(prev, request.value);
}

function holdMode(model: TunnelKilnModel, request: CommandRequest, nowMs: number): CommandDecision {
  model.advance(nowMs);
  const denied = notRemote(model);
  if (denied) return denied;
  if (typeof request.value !== 'boolean') return rejected('BAD_REQUEST', 'value must be true or false');
  if (model.mode === 'cooldown') return rejected('INTERLOCK', `burners are held off (${model.interlock})`);
  const prev = model.mode === 'hold';
  model.setMode(request.value ? 'hold' : 'auto', nowMs);
  return acceptedApplied(prev, request.value);
}

function interlocked(model: TunnelKilnModel): CommandDecision | undefined {
  return model.interlock === 'none' ? undefined : rejected('INTERLOCK', `burners are held off by the ${model.interlock} interlock`);
}

function checkSetpoint(model: TunnelKilnModel, zone: number, value: number): CommandDecision | undefined {
  const { spMinC, spMaxC, maxStepC } = model.params.control;
  if (!Number.isFinite(value) || value < spMinC || value > spMaxC) return rejected('OUT_OF_RANGE', `zone ${zone + 1}: setpoint must be ${spMinC}–${spMaxC} °C`);
  const step = Math.abs(value - (model.zones.spTarget[zone] ?? value));
  return step > maxStepC ? rejected('OUT_OF_RANGE', `zone ${zone + 1}: step ${step} °C exceeds ${maxStepC} °C`) : undefined;
}

function checkRamp(model: TunnelKilnModel, rampPerMin: number | undefined): CommandDecision | undefined {
  const max = model.params.control.maxRampPerMin;
  return rampPerMin !== undefined && rampPerMin > max ? rejected('OUT_OF_RANGE', `rampPerMin must be at most ${max} °C/min`) : undefined;
}

/**
 * Writes the targets, then reports `applied` with `reachedAt` once every ramp has ended and each
 * zone PV is within `tolC`; `failed` when superseded, tripped by an interlock, or not reached
 * `reachTimeoutMs` after the ramp should have ended.
 */
function startRamp(model: TunnelKilnModel, zones: readonly number[], values: readonly number[], rampPerMin: number | undefined, nowMs: number, prev: number | number[] | null): CommandDecision {
  const rate = rampPerMin ?? model.params.control.rampPerMin;
  let longestMin = 0;
  zones.forEach((j, i) => {
    const value = values[i] ?? 0;
    longestMin = Math.max(longestMin, Math.abs(value - (model.zones.sp[j] ?? value)) / rate);
    model.zones.setTarget(j, value, rate);
  });
  const deadline = nowMs + longestMin * 60_000 + model.params.control.reachTimeoutMs;
  const value = zones.length === 1 ? (values[0] ?? 0) : [...values];
  return accepted(prev, (now): CommandOutcome | undefined => {
    model.advance(now);
    if (zones.some((j, i) => model.zones.spTarget[j] !== values[i])) return { status: 'failed', code: 'PLC_WRITE_ERROR', message: 'superseded by a newer setpoint' };
    if (model.interlock !== 'none') return { status: 'failed', code: 'INTERLOCK', message: `burners tripped by the ${model.interlock} interlock` };
    const reached = zones.every((j) => model.zones.rampDone(j) && Math.abs(model.zones.pvOf(j) - model.zones.effectiveTarget(j)) <= model.params.control.tolC);
    if (reached) return { status: 'applied', value, reachedAt: now };
    return now > deadline ? { status: 'failed', code: 'TIMEOUT', message: `PV not within ±${model.params.control.tolC} °C` } : undefined;
  });
}
