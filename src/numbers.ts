// Number checks shared by the options and the success bodies.

/** A whole number from 0 to 2^31-1: what setTimeout can count, and the range of an int32 count (D-13). */
export const isWhole = (n: number) => n >= 0 && n < 2 ** 31 && n % 1 === 0;
