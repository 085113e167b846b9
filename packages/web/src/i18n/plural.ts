/** "1 person", "3 people": the count and the right noun form (English and Spanish alike). */
export const count = (n: number, one: string, many: string): string => (n === 1 ? `1 ${one}` : `${n} ${many}`);
