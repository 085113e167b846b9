export { registerDirectoryRoutes } from './routes.js';
export { directoryLoads, getPartnerAgency, invalidateDirectory, listDirectory, partnerDirectory, PartyNotFoundError, resolveParty, updatePartnerAgency, type PartnerDirectory } from './service.js';
