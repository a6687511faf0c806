import type { LiveView, Operator } from '@plantwatch/contracts';
import type { LiveClient } from '../core/live.js';
import type { PlantTree } from '../core/plant.js';

/** What every screen gets from the app shell. */
export interface ScreenContext {
  readonly plant: PlantTree;
  readonly live: LiveClient;
  readonly operator: Operator;
  /** Go to a hash route (`#/n/<key>`). */
  navigate(route: string): void;
  /** Opens the history panel for one signal. */
  openHistory(signal: HistorySignal): void;
}

/** One signal whose history can be shown. */
export interface HistorySignal {
  readonly device: string;
  readonly series: string;
  readonly field: string;
  readonly label: string;
  readonly unit?: string;
}

/**
 * A screen of the one-map: tells the server what it shows (`liveView`), builds its DOM once on
 * mount and updates it in place on each render (called at most once per animation frame).
 */
export interface Screen {
  readonly liveView: LiveView;
  /** The hierarchy key the breadcrumbs show ('' = overview). */
  readonly nodeKey: string;
  mount(root: HTMLElement): void;
  render(now: number): void;
  unmount?(): void;
}

/** Route to a node's screen. */
export function nodeRoute(key: string): string {
  return `#/n/${key.split('/').map(encodeURIComponent).join('/')}`;
}
