import type { FaultHandler } from '../sim-device.js';
import { optNum } from './discrete-params.js';
import { machineFault, microStops } from './machine.faults.js';
import type { CncModel } from './cnc.model.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The faults a CNC cell can suffer, by code (domain.md §2.5.6, §2.5.7 rows for machining):
 * spindle bearing wear, unbalance, tool wear-out, tool breakage, micro-stops, machine fault.
 */
export function cncFaults(model: CncModel): Record<string, FaultHandler> {
  const sync = (now: number): void => model.sync(now);
  return {
    SPINDLE_BEARING_WEAR: bearingWear(model),
    UNBALANCE: unbalance(model),
    TOOL_WEAR: toolWear(model),
    TOOL_BREAK: toolBreak(model),
    MICRO_STOPS: microStops(model.cycle, sync),
    MACHINE_FAULT: machineFault(model.cycle, sync),
  };
}

function bearingWear(model: CncModel): FaultHandler {
  return {
    description: 'Spindle bearing wear: HF acceleration and crest factor up first, then velocity RMS v0·exp(t/τ), spindle temp +5–15 °C → VIB_ZONE_C/D (§2.5.6, §2.5.7). Options: tauH (48), tempRiseC (10)',
    inject(nowMs, options) {
      model.sync(nowMs);
      model.tempRiseC = optNum(options, 'tempRiseC', 10);
      model.vibration.startBearingWear(nowMs, optNum(options, 'tauH', 48) * HOUR);
    },
    clear(nowMs) {
      model.sync(nowMs);
      model.vibration.stopBearingWear();
    },
  };
}

function unbalance(model: CncModel): FaultHandler {
  return {
    description: 'Unbalance: a 1×-rpm component adds to the velocity RMS and the 1× band (§2.5.6). Option: addMmS (2.5)',
    inject(nowMs, options) {
      model.sync(nowMs);
      model.vibration.unbalanceMmS = Math.max(0, optNum(options, 'addMmS', 2.5));
    },
    clear(nowMs) {
      model.sync(nowMs);
      model.vibration.unbalanceMmS = 0;
    },
  };
}

function toolWear(model: CncModel): FaultHandler {
  return {
    description: 'Tool wear-out: the tool stays in past its life; spindle load +10–30 %, bore drifts −2…−5 µm and beyond, scrap up → TOOL_WEAR (§2.5.7). Options: loadRisePct (25), lifePct remaining now (10)',
    inject(nowMs, options) {
      model.sync(nowMs);
      model.toolOverrun = true;
      model.wearRise = optNum(options, 'loadRisePct', 25) / 100;
      model.ageTool(optNum(options, 'lifePct', 10));
    },
    clear(nowMs) {
      model.sync(nowMs);
      model.toolOverrun = false;
      model.wearRise = model.params.wearRise;
      model.changeTool(nowMs, 'wear');
    },
  };
}

function toolBreak(model: CncModel): FaultHandler {
  return {
    description: 'Tool breakage: load spike 150–300 % for < 1 s, air cut (5–10 %), the part in work gauges NOK, machine stops → TOOL_BREAK (§2.5.6, §2.5.7). Options: spikePct (220), airCutS (6), downMin (15)',
    inject(nowMs, options) {
      model.sync(nowMs);
      if (model.cycle.status !== 'RUNNING' || model.breakStopAt !== undefined) return;
      model.breakAt = nowMs;
      model.brokenPart = true;
      model.breakSpikePct = optNum(options, 'spikePct', 220);
      model.breakDownMs = optNum(options, 'downMin', 15) * MINUTE;
      model.breakStopAt = nowMs + Math.round(optNum(options, 'airCutS', 6) * 1000);
    },
    clear(nowMs) {
      model.sync(nowMs);
      model.cycle.resume(nowMs, 'fault', 'TOOL_BREAK');
    },
  };
}
