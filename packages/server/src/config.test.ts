import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database, port 3000, a 30-minute idle lock and the demo agency', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeNull();
    expect(c.port).toBe(3000);
    expect(c.idleTimeoutMs).toBe(30 * 60_000);
    expect(c.demo).toBe(true);
    expect(c.secureCookies).toBe(true);
  });

  it('never seeds the demo agency in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', HARBOR_DEMO: 'on' }).demo).toBe(false);
    expect(loadConfig({ HARBOR_DEMO: 'off' }).demo).toBe(false);
  });

  it('uses insecure cookies only in development', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).secureCookies).toBe(true);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HARBOR_IDLE_MINUTES: '0' })).toThrow(/HARBOR_IDLE_MINUTES/);
  });
});

describe('the data key (encryption at rest)', () => {
  it('refuses to start in production on PostgreSQL without HARBOR_DATA_KEY, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://harbor_app@db/harbor' })).toThrow(/HARBOR_DATA_KEY/);
    const key = 'k'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://harbor_app@db/harbor', HARBOR_DATA_KEY: key }).dataKey).toBe(key);
  });

  it('keeps a key in the data folder otherwise (the embedded database, or outside production)', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).dataKey).toBeNull();
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://harbor_app@db/harbor' }).dataKey).toBeNull();
  });

  it('refuses a short key, naming HARBOR_DATA_KEY', () => {
    expect(() => loadConfig({ HARBOR_DATA_KEY: 'too-short' })).toThrow(/HARBOR_DATA_KEY: Give at least 32 characters/);
  });
});
