export * from './access/roles.js';
export * from './access/permissions.js';
export * from './ct/geography.js';
export * from './ct/agency.js';
export * from './ct/partners.js';
export * from './careline/index.js';
