// The notes a clue carries beside its kind (prompts/clue-details.txt), read once at start: the
// classifier runs for every clue of an import.
import { messages } from '../../../prompts/messages.ts'

export const DETAIL = {
  custom_segment: messages.clueDetail('custom_segment'),
  unknown_segment: messages.clueDetail('unknown_segment'),
  service_number: messages.clueDetail('service_number'),
  landline: messages.clueDetail('landline'),
  old_id_card: messages.clueDetail('old_id_card'),
  id_card_like: messages.clueDetail('id_card_like'),
  bad_number: messages.clueDetail('bad_number'),
  account_18: messages.clueDetail('account_18'),
  account_not_luhn: messages.clueDetail('account_not_luhn'),
  several_numbers: messages.clueDetail('several_numbers'),
  bad_abroad: messages.clueDetail('bad_abroad'),
  abroad: messages.clueDetail('abroad'),
  bad_phone: messages.clueDetail('bad_phone'),
  bad_bank: messages.clueDetail('bad_bank'),
  bad_id_card: messages.clueDetail('bad_id_card'),
  bad_digits: messages.clueDetail('bad_digits'),
  bad_credit_code: messages.clueDetail('bad_credit_code'),
  bad_ip: messages.clueDetail('bad_ip'),
  apk: messages.clueDetail('apk'),
  bad_qq: messages.clueDetail('bad_qq'),
  bad_url: messages.clueDetail('bad_url'),
  app_link: messages.clueDetail('app_link'),
  no_app_name: messages.clueDetail('no_app_name'),
  not_a_number: messages.clueDetail('not_a_number'),
  blank: messages.clueDetail('blank'),
  credit_code_like: messages.clueDetail('credit_code_like'),
  email: messages.clueDetail('email'),
} as const

/** A built-in segment's note: 中国电信（卫星电话）, 虚拟运营商（转售中国移动）. */
export const segmentDetail = (key: 'satellite' | 'resold', carrier: string) =>
  messages.clueDetail(key, { carrier })

const waiting = new Map<string, string>()

/** "中国联通，待联席办指派": a number no unit checks (one of a few carriers' notes, kept once each). */
export function waitingDetail(detail: string): string {
  let text = waiting.get(detail)
  if (text === undefined) {
    text = messages.clueDetail('waiting', { detail })
    waiting.set(detail, text)
  }
  return text
}

/** "支付宝后没有账号". */
export const noAccountDetail = (provider: string) => messages.clueDetail('no_account', { provider })
