/**
 * Where the links the CLI prints point: the Fabric portal (FABRIC_PORTAL_URL) and the Temporal Web
 * UI (TEMPORAL_UI_URL; when unset, derived from the Temporal connection where it can be, see src/links.ts).
 */
import { z } from 'zod';
import { DEFAULT_FABRIC_PORTAL_URL } from '../links.js';
import { httpUrlVar, parseEnvSection } from './fields.js';
import { unwrapSection, type Env, type SectionResult } from './problems.js';

export interface LinksConfig {
  /** FABRIC_PORTAL_URL, without a trailing slash. @default 'https://app.fabric.microsoft.com' */
  fabricPortalUrl: string;
  /** TEMPORAL_UI_URL, without a trailing slash. @default undefined (derived from the connection where possible) */
  temporalUiUrl?: string;
}

const linksSchema = z.object({
  FABRIC_PORTAL_URL: httpUrlVar(DEFAULT_FABRIC_PORTAL_URL),
  TEMPORAL_UI_URL: httpUrlVar('').optional().transform((url) => (url === '' ? undefined : url)),
});

/** The links section, or every problem in it. */
export function linksSection(env: Env): SectionResult<LinksConfig> {
  return parseEnvSection(env, linksSchema, (p) => ({
    fabricPortalUrl: p.FABRIC_PORTAL_URL,
    ...(p.TEMPORAL_UI_URL !== undefined && { temporalUiUrl: p.TEMPORAL_UI_URL }),
  }));
}

/** Reads the link settings. Throws a ConfigError listing every problem. */
export function loadLinksConfig(env: Env = process.env): LinksConfig {
  return unwrapSection(linksSection(env));
}
