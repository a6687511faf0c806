import type { Operator } from '@plantwatch/contracts';
import './styles.css';
import { api, whenUnauthorised } from './core/api.js';
import { h } from './core/dom.js';
import { LiveClient, paintLatency } from './core/live.js';
import { PlantTree, type HierarchyNode } from './core/plant.js';
import { parseRoute, type Route } from './core/router.js';
import { RenderLoop } from './core/scheduler.js';
import { AlarmsPanel } from './views/alarms.panel.js';
import { DeviceScreen } from './views/device.screen.js';
import { FloorPlanScreen } from './views/floorplan.screen.js';
import { openHistory } from './views/history.panel.js';
import { KilnScreen } from './views/kiln.screen.js';
import { LineScreen } from './views/line.screen.js';
import { showLogin } from './views/login.screen.js';
import { NodeScreen } from './views/node.screen.js';
import { OverviewScreen } from './views/overview.screen.js';
import type { Screen, ScreenContext } from './views/screen.js';
import { Shell } from './views/shell.js';

/**
 * The one-map (一张图): login, then overview → site → area floor plan → kiln or device detail,
 * hash-routed; one socket whose view follows the screen; rendering batched per animation frame.
 * Layouts: phone (narrow screens), desktop, and wall (`?layout=wall`).
 */
const root = document.getElementById('app') as HTMLElement;
let live: LiveClient | undefined;
const loop = new RenderLoop(() => live);
if (new URLSearchParams(location.search).get('layout') === 'wall') document.body.classList.add('wall');
/** For the benchmark and tests: latency samples and the live state (read-only use). */
(window as unknown as { __plantwatch: unknown }).__plantwatch = { paintLatency, loop, live: () => live };

function createScreen(route: Route, ctx: ScreenContext): Screen {
  switch (route.screen) {
    case 'overview':
      return new OverviewScreen(ctx);
    case 'floorplan':
      return new FloorPlanScreen(ctx, route.key);
    case 'kiln':
      return new KilnScreen(ctx, route.key);
    case 'line':
      return new LineScreen(ctx, route.key);
    case 'device':
      return new DeviceScreen(ctx, route.key);
    default:
      return new NodeScreen(ctx, route.key);
  }
}

async function start(): Promise<void> {
  const me = await api.get<{ operator?: Operator }>('/api/auth/me').catch(() => undefined);
  const operator = me?.operator ?? (await showLogin(root));
  const plantAnswer = await api.get<{ name: string; hierarchy: HierarchyNode[] }>('/api/plant');
  run(new PlantTree(plantAnswer.name, plantAnswer.hierarchy), operator);
}

function run(plant: PlantTree, operator: Operator): void {
  let screen: Screen | undefined;
  let alarmsOpen = document.body.classList.contains('wall');
  const alarms = new AlarmsPanel(plant, operator);
  const shell = new Shell(plant, operator, {
    logout: () => void api.post('/api/auth/logout').finally(() => location.reload()),
    toggleAlarms: () => {
      alarmsOpen = !alarmsOpen;
      shell.side.replaceChildren(...(alarmsOpen ? [alarms.el] : []));
      if (alarmsOpen) void alarms.refresh();
    },
    // Every label is built in the current language: reload the page (the session cookie stays).
    relabel: () => location.reload(),
  });
  live = new LiveClient(() => loop.invalidate(), () => location.reload());
  const ctx: ScreenContext = { plant, live, operator, navigate: (r) => (location.hash = r), openHistory };
  const show = (): void => {
    screen?.unmount?.();
    shell.main.replaceChildren();
    screen = createScreen(parseRoute(location.hash, plant), ctx);
    shell.breadcrumbs(screen.nodeKey);
    screen.mount(shell.main);
    void live?.setView(screen.liveView);
    loop.invalidate();
  };
  whenUnauthorised(() => location.reload());
  root.replaceChildren(shell.el);
  if (alarmsOpen) shell.side.replaceChildren(alarms.el);
  window.addEventListener('hashchange', show);
  loop.use((now) => {
    if (!live || !screen) return;
    shell.update(live.connected, live.alarms);
    if (alarmsOpen) alarms.sync(live.alarms);
    screen.render(now);
  });
  show();
}

start().catch((error: unknown) => root.replaceChildren(h('p', { class: 'error' }, String(error))));
