export * from './common.js';
export * from './auth.js';
export * from './agency.js';
export * from './users.js';
export * from './audit.js';
export * from './people.js';
export * from './referrals.js';
