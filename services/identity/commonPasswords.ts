// The common-password list: @zxcvbn-ts/language-common's `passwords` dictionary (about 49 000 of the
// most used passwords from leaked sets, maintained with zxcvbn-ts). Checked case-insensitively.
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | null = null;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary.passwords as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
