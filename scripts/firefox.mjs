// How the widget's browser suite starts Firefox ESR (统信 UOS and 麒麟 desktops ship it beside
// Chromium-based browsers): the system one (Debian's firefox-esr; nothing is downloaded), driven
// by puppeteer-core over WebDriver BiDi. FIREFOX_PATH overrides where it is looked for.
import { existsSync } from 'node:fs';

const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean);
/** The Firefox to test in, or undefined when this machine has none. */
export const FIREFOX = candidates.find((path) => existsSync(path));
/** Preferences that keep it off this machine's closed network (updates, telemetry, captive portal checks). */
export const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.update.enabled': false,
};
