import type { KeyboardEvent } from 'react';

/**
 * For long forms: Enter in a text field (adding a tag, confirming a date) must not submit the whole
 * form through the browser's implicit submission; the submit button does. Textareas keep their Enter.
 */
export function preventEnterSubmit(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
}
