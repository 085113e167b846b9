export { registerDirectoryRoutes } from './routes.js';
export { getPartnerAgency, listDirectory, PartyNotFoundError, resolveParty, updatePartnerAgency } from './service.js';
