import { describe, expect, it } from 'vitest';
import { buildTopic, classFilter, deviceKey, parseDeviceKey, parseTopic, TopicError } from './topic.js';

const kiln = { enterprise: 'jytd', site: 'yq-baiquan', area: 'firing', line: 'tk03', cell: 'controller', device: 'plc' };

describe('UNS topic builder/parser', () => {
  it('round-trips every example class, with and without sub-levels', () => {
    const cases = [
      { ...kiln, cls: 'telemetry' as const, sub: ['profile'] },
      { ...kiln, cls: 'state' as const, sub: [] },
      { ...kiln, cls: 'cmd' as const, sub: ['set-curve', 'res'] },
      { enterprise: 'huaxiang', site: 'hongtong-qinbi', area: 'network', line: '5g', cell: '_', device: 'gw5g-042', cls: 'telemetry' as const, sub: ['link'] },
    ];
    for (const c of cases) {
      const topic = buildTopic(c);
      expect(parseTopic(topic)).toEqual({ ...c, deviceKey: deviceKey(c), series: [c.cls, ...c.sub].join('/') });
      expect(buildTopic(parseTopic(topic))).toBe(topic);
    }
    expect(buildTopic({ ...kiln, cls: 'telemetry', sub: ['profile'] })).toBe('uns/v1/jytd/yq-baiquan/firing/tk03/controller/plc/telemetry/profile');
  });

  it('round-trips device keys', () => {
    expect(parseDeviceKey(deviceKey(kiln))).toEqual(kiln);
  });

  it('builds class-wide subscription filters', () => {
    expect(classFilter('telemetry')).toBe('uns/v1/+/+/+/+/+/+/telemetry/#');
    expect(classFilter('state', 'none')).toBe('uns/v1/+/+/+/+/+/+/state');
    expect(classFilter('cmd', ['+', 'res'])).toBe('uns/v1/+/+/+/+/+/+/cmd/+/res');
  });

  const hostile = ['+', '#', 'a/b', 'a\u0000b', 'a\nb', 'x'.repeat(33), 'UPPER', 'sp ace', '$sys', '-lead', 'trail-', '', '中文', 'a_b', '..'];
  it.each(hostile)('rejects hostile level %j in build with a TopicError naming the rule', (bad) => {
    expect(() => buildTopic({ ...kiln, device: bad, cls: 'telemetry', sub: [] })).toThrow(TopicError);
    expect(() => buildTopic({ ...kiln, cls: 'telemetry', sub: [bad] })).toThrow(TopicError);
  });

  it.each(hostile.filter((h) => !h.includes('/')))('rejects hostile level %j in parse', (bad) => {
    expect(() => parseTopic(`uns/v1/jytd/yq-baiquan/firing/tk03/controller/${bad}/telemetry`)).toThrow(TopicError);
  });

  it('allows `_` only for area, line and cell', () => {
    expect(() => buildTopic({ ...kiln, line: '_', cell: '_', cls: 'state', sub: [] })).not.toThrow();
    expect(() => buildTopic({ ...kiln, device: '_', cls: 'state', sub: [] })).toThrow(/device/);
    expect(() => buildTopic({ ...kiln, enterprise: '_', cls: 'state', sub: [] })).toThrow(/enterprise/);
  });

  it('rejects wrong roots, depths, classes and over-long topics with the reason', () => {
    const bad: Array<[string, RegExp]> = [
      ['uns/v2/jytd/yq-baiquan/firing/tk03/controller/plc/state', /must start with/],
      ['uns/v1/jytd/yq-baiquan/firing/tk03/plc/state', /6 hierarchy levels/],
      ['uns/v1/jytd/yq-baiquan/firing/tk03/controller/plc/bogus', /unknown class/],
      ['uns/v1/jytd/yq-baiquan/firing/tk03/controller/plc/cmd/a/b/c', /sub-levels/],
      ['uns/v1/jytd/yq-baiquan/firing/tk03/controller/plc/telemetry/', /sub: empty level/],
      ['uns/v1/+/+/+/+/+/+/telemetry', /enterprise/],
      [`uns/v1/${'a/'.repeat(300)}`, /512/],
    ];
    for (const [topic, reason] of bad) {
      let caught: unknown;
      try {
        parseTopic(topic);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(TopicError);
      expect((caught as TopicError).reason).toMatch(reason);
      expect((caught as TopicError).code).toBe('TOPIC_INVALID');
    }
  });
});
