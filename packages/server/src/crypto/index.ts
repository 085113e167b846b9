export { createVault, SealError, type SealContext, type Vault } from './vault.js';
export { dataKeyFile, loadVault } from './data-key.js';
