// One row of the bench table. A figure is measured in the same run as its reference; a part of
// the product that is missing yields value null and status 'n/a' with the reason, never a number.
import type { Direction } from '../stats';

export interface Target {
  value: number;
  direction: Direction;
}

export interface Row {
  /** Stable id, e.g. `index.django.ratio`. */
  id: string;
  /** Which numbered item of the bench plan it belongs to. */
  section: string;
  label: string;
  value: number | null;
  unit: string;
  target?: Target;
  /** The reference it is compared to, measured in the same run. */
  reference?: string;
  /** 'met' / 'missed' when there is a target, 'info' otherwise, 'n/a' when it could not be measured. */
  status: 'met' | 'missed' | 'info' | 'n/a';
  note?: string;
  /** Raw data behind the figure (sample counts, medians, ...). */
  detail?: Record<string, unknown>;
}

export interface BenchContext {
  root: string;
  work: string;
  quick: boolean;
  log(message: string): void;
}

export interface Measure {
  name: string;
  /** Included in `--quick` runs. */
  quick: boolean;
  run(ctx: BenchContext): Promise<Row[]>;
}
