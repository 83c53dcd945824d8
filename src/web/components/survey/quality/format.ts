/** An interview's length as m:ss, or a dash when unknown. @example minutes(125); // '2:05' */
export const minutes = (seconds: number | null) => (seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`);
