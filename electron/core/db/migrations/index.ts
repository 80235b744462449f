import type { WritableDB } from '../types';
import { up as up0001 } from './0001-initial';
import { up as up0002 } from './0002-attention-index';
import { up as up0003 } from './0003-schedule-sources';
import { up as up0004 } from './0004-reports';
import { up as up0008 } from './0008-staff';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: WritableDB): void;
}

/** Listed explicitly (no directory scans) so it works inside asar and bundles. Never edit a merged one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: up0001 },
  { version: 2, name: 'attention-index', up: up0002 },
  { version: 3, name: 'schedule-sources', up: up0003 },
  { version: 4, name: 'reports', up: up0004 },
  // 0008 in the wave plan; listed as 5 until the migrations of 0005-0007 are merged before it (the list is 1..n).
  { version: 5, name: 'staff', up: up0008 },
];
