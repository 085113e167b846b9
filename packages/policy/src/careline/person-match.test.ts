import { describe, expect, it } from 'vitest';
import { birthYearOf, matchInitials, matchPerson, normalizeName, rankMatches, type PersonMatchCandidate } from './person-match.js';

const jamie: PersonMatchCandidate = { firstName: 'Jamie', lastName: 'Doeski', aliases: ['JJ', 'Jaymee'], dateOfBirth: '2010-06-01', townName: 'Enfield' };

describe('repeat victims: matching a child against known children', () => {
  it('compares names without regard to case, accents or punctuation', () => {
    expect(normalizeName('  José-María ')).toBe('josemaria');
    expect(normalizeName("O'BRIEN")).toBe('obrien');
    expect(normalizeName('Zoë')).toBe(normalizeName('zoe'));
  });

  it('matches a name or an alias together with the date of birth or the town', () => {
    expect(matchPerson({ firstName: 'JAMIE', lastName: 'doeski', dateOfBirth: '2010-06-01' }, jamie)).toEqual(['name', 'dateOfBirth']);
    expect(matchPerson({ firstName: 'Taylor', aliases: ['j.j.'], dateOfBirth: '2010-06-01', townName: 'enfield' }, jamie)).toEqual(['alias', 'dateOfBirth', 'town']);
    expect(matchPerson({ firstName: 'Jaymee', townName: 'Enfield' }, jamie)).toEqual(['alias', 'town']);
    expect(matchPerson({ firstName: 'Jamie', lastName: 'Doeski' }, jamie)).toBeNull();
    expect(matchPerson({ firstName: 'Jamie', lastName: 'Other', dateOfBirth: '2010-06-01' }, jamie)).toBeNull();
  });

  it('matches date of birth and town together with the same first or last name; never on the first letters of a name', () => {
    expect(matchPerson({ firstName: 'Jamie', dateOfBirth: '2010-06-01', townName: 'Enfield' }, jamie)).toEqual(['dateOfBirth', 'town']);
    expect(matchPerson({ firstName: 'Jamison', dateOfBirth: '2010-06-01', townName: 'Enfield' }, jamie), 'a name that begins alike finds no one').toBeNull();
    expect(matchPerson({ firstName: 'Ja', dateOfBirth: '2010-06-01', townName: 'Enfield' }, jamie)).toBeNull();
    expect(matchPerson({ firstName: 'Kim', lastName: 'Doeski', dateOfBirth: '2010-06-01', townName: 'Enfield' }, jamie)).toEqual(['dateOfBirth', 'town']);
    expect(matchPerson({ firstName: 'Kim', dateOfBirth: '2010-06-01', townName: 'Enfield' }, jamie)).toBeNull();
  });

  it('never answers a first name alone, with the town or the date of birth (no harvesting a town’s children)', () => {
    expect(matchPerson({ firstName: 'Jamie', townName: 'Enfield' }, jamie)).toBeNull();
    expect(matchPerson({ firstName: 'Jamie', dateOfBirth: '2010-06-01' }, jamie)).toBeNull();
    expect(matchPerson({ firstName: 'Jamie', lastName: 'Doeski', townName: 'Enfield' }, jamie)).toEqual(['name', 'town']);
  });

  it('ranks by the number of things matched and keeps ten', () => {
    const list = Array.from({ length: 12 }, (_, i) => ({ firstName: `N${i}`, lastName: 'X', matchedOn: i === 7 ? (['name', 'alias', 'town'] as const) : (['name', 'town'] as const) }));
    const ranked = rankMatches(list);
    expect(ranked).toHaveLength(10);
    expect(ranked[0]?.firstName).toBe('N7');
  });
});

describe('[CF-1] what the Careline sees of a possible match before linking', () => {
  it('[CF-1] initials and the birth year only', () => {
    expect(matchInitials('Marisol', 'Quintero-Ávila')).toBe('M. Q.');
    expect(matchInitials(' élodie ', '')).toBe('É.');
    expect(birthYearOf('2011-02-03')).toBe(2011);
    expect(birthYearOf(null)).toBeNull();
  });
});
