import { describe, expect, it } from 'vitest';
import { commandProblem } from './command-limits.js';

const request = { device: 'd', name: 'set-zone-sp', target: 'zone.3.sp', value: 1_400, reason: 'r' };

describe('commandProblem', () => {
  it('uses the limits the device published in meta.cmds (the simulator’s rampPerMin {max} form too)', () => {
    const cmds = { 'set-zone-sp': { min: 600, max: 1_750, rampPerMin: { default: 2, max: 10 } } };
    expect(commandProblem(request, cmds)).toBeUndefined();
    expect(commandProblem({ ...request, value: 1_800 }, cmds)).toContain('above the limit 1750');
    expect(commandProblem({ ...request, value: 500 }, cmds)).toContain('below the limit 600');
    expect(commandProblem({ ...request, rampPerMin: 20 }, cmds)).toContain('ramp 20/min');
    expect(commandProblem({ ...request, name: 'tilt-to' }, cmds)).toContain('does not accept tilt-to');
  });

  it('falls back to built-in sanity limits when the device said nothing', () => {
    expect(commandProblem({ ...request, value: 2_000 }, undefined)).toContain('above the limit 1800');
    expect(commandProblem({ ...request, name: 'set-curve', value: [1_400, 1_900] }, undefined)).toContain('1900');
  });
});
