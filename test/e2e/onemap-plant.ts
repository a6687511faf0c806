import { PlantIndex, type PlantDevice, type PlantModel } from '@plantwatch/domain';
import { hashSecret, type Secrets } from '@plantwatch/platform';

/**
 * A small plant for the one-map tests, independent of the simulator's scenarios: one tunnel
 * kiln with its PLC, burners, a flame camera and a pusher at Yangquan, and a 5G gateway with one
 * CNC at Huaxiang (two sites, so the overview has something to roll up).
 */
export const KILN_LINE = 'jytd/yq-baiquan/firing/tk01';
export const KILN_PLC = `${KILN_LINE}/controller/plc`;
export const CAMERA = `${KILN_LINE}/vision/cam01`;
export const BURNERS = ['b01', 'b02', 'b03', 'b04'].map((b) => `${KILN_LINE}/burners/${b}`);
export const GATEWAY = 'huaxiang/hongtong-qinbi/network/5g/_/gw5g-001';
export const CNC = 'huaxiang/hongtong-qinbi/machining/crank-l3/op20/cnc-0317';

const NODES: PlantModel['nodes'] = {
  jytd: { name: 'Jinyu Tongda', nameZh: '金隅通达' },
  'jytd/yq-baiquan': { name: 'Yangquan Baiquan', nameZh: '阳泉白泉' },
  'jytd/yq-baiquan/firing': { name: 'Firing', nameZh: '烧成车间' },
  [KILN_LINE]: { name: 'Tunnel kiln 1', nameZh: '1号隧道窑' },
  huaxiang: { name: 'Huaxiang', nameZh: '华翔' },
  'huaxiang/hongtong-qinbi': { name: 'Hongtong Qinbi', nameZh: '洪洞秦壁' },
  'huaxiang/hongtong-qinbi/network': { name: 'Network', nameZh: '网络' },
  'huaxiang/hongtong-qinbi/machining': { name: 'Machining', nameZh: '机加工车间' },
};

/** The model, its secrets (device key → MQTT password) and an index. */
export function onemapPlant(): { model: PlantModel; secrets: Secrets; plant: PlantIndex } {
  const devices: Array<Omit<PlantDevice, 'secretSha256'>> = [
    { key: KILN_PLC, type: 'tunnel-kiln', name: 'Tunnel kiln 1 PLC', nameZh: '1号隧道窑 PLC' },
    ...BURNERS.map((key, i) => ({ key, type: 'kiln-burner' as const, name: `Burner ${i + 1}`, nameZh: `${i + 1}号烧嘴` })),
    { key: CAMERA, type: 'flame-camera', name: 'Flame camera 1', nameZh: '1号火焰摄像机' },
    { key: GATEWAY, type: 'gateway-5g', name: '5G gateway 001', nameZh: '5G网关001' },
    // A hostile name: it must show as text, never as markup.
    { key: CNC, type: 'cnc', name: 'CNC 0317 <img src=x onerror="globalThis.__xss=1">', nameZh: '0317号加工中心<img src=x onerror="globalThis.__xss=1">', via: GATEWAY },
  ];
  const secrets: Secrets = { devices: {}, services: { api: 'api-secret-0123456789abcdef', ingest: 'ingest-secret-0123456789abcd', alarms: 'alarms-secret-0123456789abcd' } };
  const withSecrets = devices.map((d) => {
    const secret = `secret-${d.key.replaceAll('/', '-')}`;
    secrets.devices[d.key] = secret;
    return { ...d, secretSha256: hashSecret(secret) };
  });
  const model: PlantModel = {
    version: 1,
    name: 'one-map test plant',
    nodes: NODES,
    devices: withSecrets,
    services: Object.entries(secrets.services).map(([name, secret]) => ({ name, secretSha256: hashSecret(secret) })),
  };
  return { model, secrets, plant: new PlantIndex(model) };
}
