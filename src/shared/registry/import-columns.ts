/**
 * The household-registry spreadsheet: one row per resident. Header names are matched in Chinese
 * or English (after normalisation: full-width to half-width, spaces removed, case ignored);
 * columns may come in any order. The demo generator writes the first alias of each column.
 */
export const IMPORT_COLUMNS = {
  township: { aliases: ['乡镇', '乡镇（街道）', '乡镇街道', '镇街', 'township'], required: false },
  village: { aliases: ['村（社区）', '村社区', '村', '社区', '村名', 'village'], required: false },
  villageCode: { aliases: ['村代码', '村级代码', '区划代码', 'villagecode', 'village code'], required: false },
  householdNo: { aliases: ['户编号', '户号', 'householdno', 'household no', 'household number'], required: true },
  address: { aliases: ['家庭住址', '住址', '地址', 'address'], required: false },
  name: { aliases: ['姓名', 'name'], required: true },
  relationship: { aliases: ['与户主关系', '关系', 'relationship'], required: true },
  idNumber: { aliases: ['身份证号', '身份证号码', '公民身份号码', 'idnumber', 'id number'], required: true },
  gender: { aliases: ['性别', 'gender', 'sex'], required: false },
  birthDate: { aliases: ['出生日期', 'birthdate', 'birth date', 'date of birth'], required: false },
  mobile: { aliases: ['手机', '手机号', '手机号码', '联系电话', 'mobile', 'phone'], required: false },
  landline: { aliases: ['固定电话', '座机', 'landline'], required: false },
  hardship: { aliases: ['困难类别', '困难类型', 'hardship', 'hardship category'], required: false },
  longitude: { aliases: ['经度', 'longitude', 'lng'], required: false },
  latitude: { aliases: ['纬度', 'latitude', 'lat'], required: false },
  notes: { aliases: ['备注', 'notes', 'note'], required: false },
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;

/** How a header cell is compared with the aliases. */
export const headerKey = (header: string) =>
  header
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*＊:：]/g, '')
    .toLowerCase();

/** Relationship to the head (与户主关系) as registries write it; the head is 户主. */
export const HEAD_RELATIONSHIP = '户主';

/**
 * The ID number of the import template's example row: the example of the national standard
 * (GB 11643-1999), which no resident has. A row with it is refused (template_example_row), so an
 * example row left in a filled template never becomes a person.
 */
export const TEMPLATE_EXAMPLE_ID_NUMBER = '11010519491231002X';
