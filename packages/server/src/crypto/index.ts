export { createVault, keyCheckValue, sealedKeyId, SealError, type SealContext, type Vault } from './vault.js';
export { applyDataKey, assertKeyMatches, checkDataKey, dataKeyFile, DataKeyError, loadVault, readKeyCheck, type DataKeyPlan, type KeyCheckRow } from './data-key.js';
export { notDataKeySealed, sealedColumns, type SealedColumn } from './sealed-columns.js';
export { envelopeSql, existingSealedColumns, sampleSealedValue, tableSql } from './sealed-sql.js';
