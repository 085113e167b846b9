import { describe, expect, it } from 'vitest';
import { emptyChild } from './draft';
import { matchedOnText, matchQueryKey, matchQueryOf, orderMatches, personMatches, type PersonMatch } from './matches';

const person = (personId: string, matchedOn: PersonMatch['matchedOn']): PersonMatch => ({
  personId,
  initials: 'A. E.',
  birthYear: null,
  townName: null,
  matchedOn,
  referrals: [],
  details: null,
});

describe('repeat victims: possible earlier records of a child (issue 3, item 11)', () => {
  it('looks up nothing until a first name is typed', () => {
    expect(matchQueryOf(emptyChild())).toBeNull();
    expect(matchQueryOf({ ...emptyChild(), firstName: '  ', townName: 'Hartford' })).toBeNull();
    expect(matchQueryKey(null)).toBe('');
  });

  it('sends only what was entered: name, aliases, a complete date of birth, the town', () => {
    const child = { ...emptyChild(), firstName: ' Ana ', lastName: '', aliases: 'Lulu,', dateOfBirth: '2011-04-09', townName: 'Hartford' };
    expect(matchQueryOf(child)).toEqual({ firstName: 'Ana', aliases: ['Lulu'], dateOfBirth: '2011-04-09', townName: 'Hartford' });
    expect(matchQueryOf({ ...child, dateOfBirth: '2011-04' })).not.toHaveProperty('dateOfBirth');
  });

  it('the same lookup has the same key, a changed one another', () => {
    const a = matchQueryOf({ ...emptyChild(), firstName: 'Ana', townName: 'Hartford' });
    const b = matchQueryOf({ ...emptyChild(), firstName: 'Ana', townName: 'Hartford' });
    const c = matchQueryOf({ ...emptyChild(), firstName: 'Ana', townName: 'Bristol' });
    expect(matchQueryKey(a)).toBe(matchQueryKey(b));
    expect(matchQueryKey(a)).not.toBe(matchQueryKey(c));
  });

  it('shows the linked person first, then the candidates matching on most', () => {
    const list = [person('p1', ['name']), person('p2', ['name', 'dateOfBirth', 'town']), person('p3', ['alias', 'town'])];
    expect(orderMatches(list, null).map((p) => p.personId)).toEqual(['p2', 'p3', 'p1']);
    expect(orderMatches(list, 'p1').map((p) => p.personId)).toEqual(['p1', 'p2', 'p3']);
  });

  it('says what matched, in words and in the contract’s order', () => {
    expect(matchedOnText(['town', 'name'], { name: 'name', alias: 'alias', dateOfBirth: 'date of birth', town: 'town' })).toBe('name, town');
  });

  it('reads the endpoint’s answer and refuses one that breaks the contract', () => {
    const answer = [{ ...person('7d1e1b2a-4c1f-4e8a-9d2b-3f5a6b7c8d9e', ['name', 'alias']), referrals: [{ number: 'R-2026-000001', receivedAt: null }] }];
    expect(personMatches.safeParse(answer).success).toBe(true);
    expect(personMatches.safeParse([{ ...person('p1', ['nickname' as 'name']) }]).success).toBe(false);
  });
});
