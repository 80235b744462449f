import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Screenshots a receptionist would see, kept for review (git-ignored). */
export const ARTIFACTS = resolve(__dirname, '../artifacts');

/** Saves a full-window screenshot as test/artifacts/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}

/** The desk window size the screens are designed for. */
export const DESK_VIEWPORT = { width: 1366, height: 800 } as const;
