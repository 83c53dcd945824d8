import { seededRandom } from './random.ts';

// Syllables common in Shandong place names; combined they give plausible, invented names.
const FIRST = ['张', '王', '李', '刘', '陈', '杨', '赵', '孙', '周', '吴', '郑', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '宋', '梁', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵', '孟', '龙', '万', '段', '雷', '钱', '汤', '尹', '黎', '易', '常', '武', '乔', '贺', '赖', '龚', '文'];
const SECOND = ['家', '官', '庄', '集', '河', '店', '楼', '屯', '营', '桥', '寨', '坡', '岭', '湖', '沟', '洼', '堂', '园', '林', '山', '泉', '井', '口', '坊', '铺', '台', '埠', '圩'];
const THIRD_VILLAGE = ['村', '庄', '村', '村'];
const COMMUNITY = ['和平', '幸福', '振兴', '光明', '春晖', '文化', '育才', '东城', '西城', '南关', '北关', '新华', '建设', '团结', '复兴', '长青', '滨河', '阳光', '锦绣', '瑞和'];

/**
 * Deterministic invented names for a township's villages (or a subdistrict's communities),
 * unique within the township. They are synthetic and flagged so in the database.
 *
 * @example
 * villageNames({ seed: 7, count: 3, townshipKind: 'town' }); // e.g. ['郭家庄村', '石河村', '孟集庄']
 */
export function villageNames({ seed, count, townshipKind }: { seed: number; count: number; townshipKind: string }): string[] {
  const rnd = seededRandom(seed);
  const names = new Set<string>();
  while (names.size < count) {
    if (townshipKind === 'subdistrict') {
      names.add(`${rnd.pick(COMMUNITY)}${rnd.pick(['社区', '社区', '居委会'])}`);
      if (names.size >= COMMUNITY.length * 2) break;
    } else {
      const second = rnd.pick(SECOND);
      const suffix = second === '庄' || second === '集' ? '村' : rnd.pick(THIRD_VILLAGE);
      names.add(`${rnd.pick(FIRST)}${second}${suffix}`);
    }
  }
  return [...names];
}
