import { describe, expect, it } from 'vitest';
import { loadLinksConfig, type ConfigError } from '../../src/config.js';

describe('loadLinksConfig', () => {
  it('defaults to the public Fabric portal and no configured Temporal UI', () => {
    expect(loadLinksConfig({})).toEqual({ fabricPortalUrl: 'https://app.fabric.microsoft.com' });
    expect(loadLinksConfig({ FABRIC_PORTAL_URL: '', TEMPORAL_UI_URL: ' ' })).toEqual({ fabricPortalUrl: 'https://app.fabric.microsoft.com' });
  });

  it('reads both URLs without trailing slashes', () => {
    expect(loadLinksConfig({ FABRIC_PORTAL_URL: 'https://app.fabric.microsoft.us/', TEMPORAL_UI_URL: 'https://temporal.corp.example/' })).toEqual({
      fabricPortalUrl: 'https://app.fabric.microsoft.us',
      temporalUiUrl: 'https://temporal.corp.example',
    });
  });

  it('rejects values that are not http(s) URLs, naming each variable', () => {
    try {
      loadLinksConfig({ FABRIC_PORTAL_URL: 'app.fabric', TEMPORAL_UI_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['FABRIC_PORTAL_URL', 'TEMPORAL_UI_URL']);
    }
  });
});
