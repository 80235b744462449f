import type { WritableDB } from '../types';
import { up as up0001 } from './0001-initial';
import { up as up0002 } from './0002-attention-index';
import { up as up0003 } from './0003-schedule-sources';
import { up as up0004 } from './0004-reports';
import { up as up0005 } from './0005-send-ahead';
import { up as up0006 } from './0006-heartbeats';
import { up as up0007 } from './0007-conversations';
import { up as up0008 } from './0008-staff';
import { up as up0009 } from './0009-feeds';

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
  { version: 5, name: 'send-ahead', up: up0005 },
  { version: 6, name: 'heartbeats', up: up0006 },
  { version: 7, name: 'conversations', up: up0007 },
  { version: 8, name: 'staff', up: up0008 },
  { version: 9, name: 'feeds', up: up0009 },
];
