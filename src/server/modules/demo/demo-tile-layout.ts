/**
 * Where Ningyang's 13 townships sit on the dashboard's tile map: rows north to south, columns
 * west to east, roughly as they lie on the ground (the Dawen river's townships 堽城, 伏山, 磁窑 and
 * 华丰 along the north; 蒋集 and 乡饮 in the west; the county seat's two subdistricts 文庙 and
 * 八仙桥 in the middle; 东疏 and 葛石 to the east; 鹤山, 泗店 and 东庄 in the south). A schematic, not a
 * survey map: no boundary data ships with the platform. Keyed by township name (the codes are
 * numbered from ningyang.json at seeding).
 */
export const DEMO_TILE_LAYOUT: Readonly<Record<string, { row: number; col: number }>> = {
  堽城镇: { row: 0, col: 1 },
  伏山镇: { row: 0, col: 2 },
  磁窑镇: { row: 0, col: 3 },
  华丰镇: { row: 0, col: 4 },
  蒋集镇: { row: 1, col: 0 },
  八仙桥街道: { row: 1, col: 1 },
  文庙街道: { row: 1, col: 2 },
  东疏镇: { row: 1, col: 3 },
  葛石镇: { row: 1, col: 4 },
  乡饮乡: { row: 2, col: 0 },
  鹤山镇: { row: 2, col: 1 },
  泗店镇: { row: 2, col: 2 },
  东庄镇: { row: 2, col: 3 },
};
