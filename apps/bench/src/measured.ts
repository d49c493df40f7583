/** A measured value, or the honest reason it was not measured. */
export type Measured<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const measured = <T>(value: T): Measured<T> => ({ ok: true, value });
export const notMeasured = <T = never>(reason: string): Measured<T> => ({ ok: false, reason });
