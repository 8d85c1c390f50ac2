// The one cast of the tests: the liaison room and the people in it. A test picks whom it needs by
// name, in the order it wants them (`people('王芳', '李强')`); the simulator and the in-process app
// bind them with the one bindPeople (bot/services/bind-people.ts).
export const ROOM = '县反诈联席会联络员群'

export interface CastMember {
  name: string
  unit?: string
  role?: 'office'
}

const CAST = {
  王芳: { name: '王芳', unit: '人民银行' },
  马丽: { name: '马丽', unit: '中国移动' },
  孙联: { name: '孙联', unit: '中国联通' },
  电信小周: { name: '电信小周', unit: '中国电信' },
  网信小陈: { name: '网信小陈', unit: '网信办' },
  市监老吴: { name: '市监老吴', unit: '市场监管局' },
  高峰: { name: '高峰', unit: '县公安局' },
  周法官: { name: '周法官', unit: '县法院' },
  钱检: { name: '钱检', unit: '检察院' },
  周财: { name: '周财', unit: '财政局' },
  吴教: { name: '吴教', unit: '教育局' },
  李强: { name: '李强', role: 'office' },
  赵六: { name: '赵六' },
  钱七: { name: '钱七' },
} as const satisfies Record<string, CastMember>

export type CastName = keyof typeof CAST

/** The people named, in that order. */
export const people = (...names: CastName[]): CastMember[] => names.map((n) => ({ ...CAST[n] }))

/** The usual group: three liaisons, the office and an ordinary member. */
export const PEOPLE = people('王芳', '马丽', '高峰', '李强', '赵六')
