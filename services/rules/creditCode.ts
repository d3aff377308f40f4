// Unified social credit code (统一社会信用代码), GB 32100-2015.
// 18 characters over 0-9 A-H J-N P-R T U W X Y (values 0..30); the 18th is a check character:
// weights 3^(i-1) mod 31; check = 31 - (sum mod 31), with 31 written as 0.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if they use a character outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Why a code is invalid, or null when it is valid. Expects an upper-cased, trimmed code. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (![...code].every((c) => ALPHABET.includes(c))) {
    return 'may contain only 0-9 and A-H J-N P-R T U W X Y (no I, O, S, V, Z)';
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return `check character is wrong (expected ${expected})`;
  return null;
}

export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}
