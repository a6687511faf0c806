/**
 * Chinese (default) and English labels, switchable; the choice is kept in localStorage.
 * Node and device names come from the plant model (`nameZh` / `name`).
 */
export type Lang = 'zh' | 'en';

const STRINGS = {
  title: ['一张图', 'One map'],
  overview: ['总览', 'Overview'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  loginFailed: ['用户名或密码错误', 'Wrong user name or password'],
  tooMany: ['失败次数过多，请稍后再试', 'Too many failed logins; try again later'],
  online: ['在线', 'online'],
  offline: ['离线', 'offline'],
  stale: ['数据陈旧', 'stale'],
  unknown: ['未知', 'unknown'],
  devices: ['设备', 'devices'],
  alarms: ['报警', 'Alarms'],
  unacked: ['未确认', 'unacked'],
  critical: ['紧急', 'critical'],
  high: ['高', 'high'],
  medium: ['中', 'medium'],
  low: ['低', 'low'],
  output: ['产量', 'Output'],
  energy: ['能耗', 'Energy'],
  gas: ['燃气', 'Gas'],
  power: ['电功率', 'Power'],
  partsPerH: ['件/小时', 'parts/h'],
  ago: ['前', 'ago'],
  schematic: ['示意图，非比例', 'schematic, not to scale'],
  kilnProfile: ['窑内温度曲线（按位置）', 'Temperature along the kiln'],
  setpoint: ['设定值', 'Setpoint'],
  measured: ['实测', 'Measured'],
  zone: ['区', 'Zone'],
  pressureO2: ['压力与氧含量', 'Pressure and O₂'],
  combustion: ['燃烧', 'Combustion'],
  flames: ['火焰监视', 'Flame vision'],
  burners: ['烧嘴', 'Burners'],
  pushes: ['推车记录', 'Car pushes'],
  commands: ['指令', 'Commands'],
  history: ['历史曲线', 'History'],
  confirm: ['确认下发', 'Send'],
  cancel: ['取消', 'Cancel'],
  reason: ['原因', 'Reason'],
  ramp: ['升降速率 °C/min', 'Ramp °C/min'],
  newValue: ['新设定值', 'New setpoint'],
  limits: ['限值', 'Limits'],
  setZone: ['修改区段设定值', 'Change zone setpoint'],
  setCurve: ['下发整条曲线', 'Send whole curve'],
  viewerNoCommand: ['只读用户不能下发指令', 'Viewers cannot send commands'],
  ack: ['确认', 'Acknowledge'],
  shelve: ['搁置', 'Shelve'],
  allAreas: ['全部区域', 'All areas'],
  noAlarms: ['无活动报警', 'No active alarms'],
  pending: ['待发送', 'pending'],
  accepted: ['已接受', 'accepted'],
  applied: ['已执行', 'applied'],
  rejected: ['被拒绝', 'rejected'],
  failed: ['执行失败', 'failed'],
  expired: ['已过期', 'expired'],
  timeout: ['超时', 'timed out'],
  range: ['范围', 'Range'],
  close: ['关闭', 'Close'],
  southDevices: ['下挂设备在线', 'south devices online'],
  limit: ['限值', 'limit'],
  noData: ['暂无数据', 'no data yet'],
  oee: ['OEE', 'OEE'],
  fpy: ['一次合格率', 'First-pass yield'],
  costPerPart: ['单件成本', 'Cost per part'],
  lineOutput: ['产出', 'Output'],
  wall: ['大屏', 'Wall'],
  lang: ['EN', '中文'],
  role: ['角色', 'Role'],
} as const;

export type StringKey = keyof typeof STRINGS;

let lang: Lang = (localStorage.getItem('pw.lang') as Lang | null) === 'en' ? 'en' : 'zh';
const listeners: Array<() => void> = [];

export function t(key: StringKey): string {
  return STRINGS[key][lang === 'zh' ? 0 : 1];
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('pw.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener();
}

export function onLangChange(listener: () => void): void {
  listeners.push(listener);
}

/** The display name of a plant node in the current language. */
export function nameOf(node: { readonly name: string; readonly nameZh?: string } | undefined, fallback = ''): string {
  if (!node) return fallback;
  return lang === 'zh' ? (node.nameZh ?? node.name) : node.name;
}
