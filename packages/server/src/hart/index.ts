export { registerHartRoutes } from './routes.js';
export { addTeamMember, listTeams, recordMeeting, removeTeamMember } from './teams.js';
export { answerSupport, escalateSupport, listSupport, readSupport, requestSupport, respondToEscalation } from './support.js';
