import { describe, expect, it } from 'vitest';
import type { StepResult } from '../report/load-report.js';
import { autoRates, kneeOf, refiningRate } from './ramp-run.js';

const step = (offeredPerS: number, held: boolean): StepResult => ({ offeredPerS, held }) as StepResult;

describe('ramp knee', () => {
  it('is the highest rate held below the lowest rate missed, whatever order the steps ran in', () => {
    expect(kneeOf([step(1000, true), step(1500, true), step(2200, false), step(3400, false)])).toEqual({ knee: 1500, missed: 2200 });
    // a refining step that held moves the knee; one that held above a miss does not count
    expect(kneeOf([step(1000, true), step(1500, true), step(2200, false), step(1800, true), step(3400, true)])).toEqual({ knee: 1800, missed: 2200 });
    expect(kneeOf([step(1000, false), step(1500, true)])).toEqual({ knee: null, missed: 1000 });
    expect(kneeOf([step(1000, true), step(1500, true)])).toEqual({ knee: 1500, missed: null });
  });

  it('is refined halfway (geometrically, 2 significant digits) until the two rates are next to each other', () => {
    const steps = [step(3400, true), step(5100, false)];
    expect(refiningRate(steps)).toBe(4200);
    steps.push(step(4200, true));
    expect(refiningRate(steps)).toBe(4600);
    steps.push(step(4600, false));
    expect(refiningRate(steps)).toBe(4400);
    expect(refiningRate([step(1000, true), step(1010, false)])).toBeUndefined();
    expect(refiningRate([step(1000, true)])).toBeUndefined();
    expect(refiningRate([step(1000, false)])).toBeUndefined();
  });

  it('ramps ×1.5 from 1,000 in 2 significant digits', () => {
    expect(autoRates(1000, 12_000)).toEqual([1000, 1500, 2300, 3400, 5100, 7600, 11_000]);
  });
});
