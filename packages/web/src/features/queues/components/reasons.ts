import { nonAcceptanceReasonCodes, partyKinds, type NonAcceptanceReasonCode, type PartyKind } from '@harbor/policy';

export const isNonAcceptanceReason = (code: string): code is NonAcceptanceReasonCode => (nonAcceptanceReasonCodes as readonly string[]).includes(code);
export const isPartyKind = (kind: string): kind is PartyKind => (partyKinds as readonly string[]).includes(kind);
