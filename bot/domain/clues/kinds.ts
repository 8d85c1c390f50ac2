// The kinds of clue (线索) the classifier tells apart, and the ones a unit's `clues:` list may name.

export const CLUE_KINDS = [
  'phone',
  'landline',
  'bank_card',
  'bank_account',
  'payment_account',
  'url',
  'domain',
  'ip',
  'app',
  'qq',
  'wechat_group',
  'company',
  'credit_code',
  'id_card',
  'unclear',
] as const

export type ClueKind = (typeof CLUE_KINDS)[number]

/**
 * What a unit's `clues:` may list: the kinds the classifier routes, and `person`, which the roster
 * lists for 县公安局 although no clue is classified so (it routes nothing). `unclear` is not among
 * them: an unclear clue waits for the office to assign it.
 */
export const UNIT_CLUE_KINDS: readonly string[] = [...CLUE_KINDS.filter((k) => k !== 'unclear'), 'person']
