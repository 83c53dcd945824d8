/** Share of hardship households with a responsible cadre, 0–100 (100 when there are none to pair). */
export const coveragePercent = (row: { hardshipHouseholds: number; withResponsible: number }) =>
  row.hardshipHouseholds === 0 ? 100 : Math.floor((row.withResponsible / row.hardshipHouseholds) * 1000) / 10;
