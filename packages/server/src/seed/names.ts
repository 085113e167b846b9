/**
 * Synthetic names for demo data only: common given names and surnames combined at random by a
 * seeded generator. They describe no real person.
 */
export const givenNames = [
  'Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Rowan', 'Skyler', 'Emerson', 'Finley',
  'Harper', 'Jamie', 'Kendall', 'Logan', 'Micah', 'Noel', 'Parker', 'Reese', 'Sage', 'Taylor',
  'Ari', 'Blake', 'Cameron', 'Dakota', 'Eden', 'Frankie', 'Gray', 'Hayden', 'Indigo', 'Jules',
  'Kai', 'Lane', 'Marlow', 'Nico', 'Oakley', 'Peyton', 'Remy', 'Shiloh', 'Tatum', 'Wren',
  'Adrian', 'Bianca', 'Camila', 'Diego', 'Elena', 'Fabian', 'Gabriela', 'Hector', 'Isabela', 'Javier',
  'Keisha', 'Lamar', 'Monique', 'Nadia', 'Omar', 'Priya', 'Rashad', 'Sofia', 'Tariq', 'Yesenia',
] as const;

export const surnames = [
  'Alder', 'Brookfield', 'Calloway', 'Dunmore', 'Ellery', 'Fairbanks', 'Garrison', 'Holloway', 'Ingram', 'Jessup',
  'Kingsley', 'Lockhart', 'Merriweather', 'Northcott', 'Oakridge', 'Pemberton', 'Quimby', 'Redfield', 'Stanhope', 'Thornbury',
  'Underhill', 'Vance', 'Whitlock', 'Yardley', 'Ashdown', 'Birchwood', 'Crestwood', 'Dalby', 'Everly', 'Fenwick',
  'Galloway', 'Hartwell', 'Ivesdale', 'Juniper', 'Kestrel', 'Larkspur', 'Marchetti', 'Navarro', 'Okafor', 'Petrov',
  'Quintero', 'Rosales', 'Saldana', 'Tavares', 'Umeh', 'Valdez', 'Whitfield', 'Xiong', 'Yilmaz', 'Zamora',
] as const;

/** Mulberry32: a small deterministic generator, so the demo agency is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
