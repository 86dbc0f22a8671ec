/**
 * One list of Chromium flags for the e2e tests and the web bench (tools/chromium.ts): the
 * Playwright project launches with exactly that list, and SwiftShader's flags appear only on request.
 */
import { describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumExecutablePath, CHROMIUM_ARGS } from '@/tools/chromium';
import config from '@/playwright.config';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('shared Chromium launch', () => {
  it('uses the documented flags, adding SwiftShader only when E2E_SWIFTSHADER is set', () => {
    expect(chromiumArgs({})).toEqual(FLAGS);
    expect(chromiumArgs({ E2E_SWIFTSHADER: '1' })).toEqual([
      ...FLAGS,
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ]);
  });

  it("is Debian's Chromium unless CHROMIUM_PATH says otherwise", () => {
    expect(chromiumExecutablePath({})).toBe('/usr/bin/chromium');
    expect(chromiumExecutablePath({ CHROMIUM_PATH: '/opt/chrome' })).toBe('/opt/chrome');
  });

  it('is what the Playwright project launches', () => {
    const launch = config.projects?.[0]?.use?.launchOptions;
    expect(launch?.args).toEqual(CHROMIUM_ARGS);
    expect(launch?.executablePath).toBe(chromiumExecutablePath());
  });
});
