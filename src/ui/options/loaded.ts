/** What the options page holds after `settings.get`: its own module so the tabs and the page that
 * lists them both import it without importing each other. */
import type { SecretsPresence, Settings } from '../../messaging';

export interface Loaded {
  settings: Settings;
  secrets: SecretsPresence;
}

/** How a tab changes what the page holds after it saved something. */
export type LoadedUpdate = (patch: Partial<Loaded>) => void;
