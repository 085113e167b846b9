import { describe, expect, it } from 'vitest';
import { loadConfig, requireProductionKeys } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database, port 3000, a 30-minute idle lock and the demo agency in development', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.databaseUrl).toBeNull();
    expect(c.port).toBe(3000);
    expect(c.idleTimeoutMs).toBe(30 * 60_000);
    expect(c.demo).toBe(true);
    expect(loadConfig({}).secureCookies).toBe(true);
  });

  it('[CF-1] never seeds the demo agency (and its demo administrators) in production mode, NODE_ENV unset included', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', HARBOR_DEMO: 'on' }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({ HARBOR_DEMO: 'on' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', HARBOR_DEMO: 'off' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
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

describe('the keys production needs (R2)', () => {
  const key = 'k'.repeat(32);
  const secret = 's'.repeat(32);

  it('refuses production without HARBOR_DATA_KEY, on the embedded database too, naming it and the fix', () => {
    for (const env of [{ NODE_ENV: 'production' }, {}, { NODE_ENV: 'production', DATABASE_URL: 'postgres://harbor_app@db/harbor' }]) {
      const c = loadConfig({ ...env, HARBOR_SECRET_KEY: secret });
      expect(() => requireProductionKeys(c)).toThrow(/HARBOR_DATA_KEY \(seals the records at rest\).*npm start/);
    }
    expect(() => requireProductionKeys(loadConfig({ NODE_ENV: 'production', HARBOR_DATA_KEY: key, HARBOR_SECRET_KEY: secret }))).not.toThrow();
  });

  it('[CF-1] refuses production without HARBOR_SECRET_KEY: the acknowledgment-link key never lives in the database', () => {
    expect(() => requireProductionKeys(loadConfig({ NODE_ENV: 'production', HARBOR_DATA_KEY: key }))).toThrow(/HARBOR_SECRET_KEY \(signs acknowledgment links\)/);
    expect(() => requireProductionKeys(loadConfig({ NODE_ENV: 'production' }))).toThrow(/HARBOR_DATA_KEY .* and HARBOR_SECRET_KEY/);
  });

  it('lets development and test keep a key file in the data folder and a link key in the database', () => {
    expect(() => requireProductionKeys(loadConfig({ NODE_ENV: 'development' }))).not.toThrow();
    expect(() => requireProductionKeys(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://harbor_app@db/harbor' }))).not.toThrow();
    expect(loadConfig({ NODE_ENV: 'development' }).dataKey).toBeNull();
  });

  it('reads the previous key of a rotation and the audit key', () => {
    const c = loadConfig({ NODE_ENV: 'test', HARBOR_DATA_KEY: key, HARBOR_DATA_KEY_PREVIOUS: 'p'.repeat(32), HARBOR_AUDIT_KEY: 'a'.repeat(32) });
    expect(c).toMatchObject({ dataKey: key, dataKeyPrevious: 'p'.repeat(32), auditKey: 'a'.repeat(32) });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ dataKeyPrevious: null, auditKey: null });
  });

  it('refuses a short key, naming the setting', () => {
    expect(() => loadConfig({ HARBOR_DATA_KEY: 'too-short' })).toThrow(/HARBOR_DATA_KEY: Give at least 32 characters/);
    expect(() => loadConfig({ HARBOR_DATA_KEY_PREVIOUS: 'too-short' })).toThrow(/HARBOR_DATA_KEY_PREVIOUS: Give at least 32 characters/);
  });
});
