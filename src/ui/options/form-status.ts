/** The one-line outcome a settings form shows under its buttons; shared by the options forms so
 * each of them does not declare its own copy. */
export type FormStatus = { kind: 'success' | 'danger' | 'info'; text: string } | null;
