// The guided report: a liaison writes 月报 privately and is asked the form field by field, through
// the simulator (the real Wechaty path) and, across a restart, through two apps on one database.
import { describe, expect, it } from 'vitest'
import type { App } from '../../bot/app.ts'
import { freshStore, startTestApp } from '../helpers/app.ts'
import { type SimResult, simulate } from '../helpers/simulate.ts'

const START = '2026-11-18T09:00:00+08:00'

/** Private messages from one person, a minute apart from 10:00 on the 18th. */
function dms(from: string, texts: string[], startMinute = 0) {
  return texts.map((dm, i) => {
    const minute = startMinute + i
    const at = `2026-11-18T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`
    return { at, from, dm }
  })
}

const answers = (r: SimResult, to: string) => r.textsTo(to)

describe('a liaison reports the month question by question in a private chat', () => {
  it('asks every field in order, re-asks a bad answer with the reason, goes back, skips, and stores on 确认', async () => {
    const r = await simulate({
      start: START,
      steps: dms('王芳', [
        '月报',
        '跳过',
        '很多',
        '12个',
        '上一项',
        '13',
        '三',
        '2.5',
        '2',
        '跳过',
        '开展“断卡”宣传２场，覆盖 300 人',
        '跳过',
        '好的',
        '确认',
      ]),
    })
    const said = answers(r, '王芳')
    expect(said).toHaveLength(14)
    expect(said[0]).toContain('开始填报人民银行2026年11月月报，共6项')
    expect(said[0]).toContain('第1/6项：冻结涉案账户数（必填')
    expect(said[1]).toContain('「冻结涉案账户数」是必填项，不能跳过')
    expect(said[1]).toContain('第1/6项：冻结涉案账户数')
    expect(said[2]).toContain('「冻结涉案账户数」的值「很多」不是数字，请重新回复')
    expect(said[2]).toContain('第1/6项')
    expect(said[3]).toContain('第2/6项：清理空壳公司数（必填')
    expect(said[4]).toContain('第1/6项：冻结涉案账户数')
    expect(said[4]).toContain('已填「12」')
    expect(said[5]).toContain('第2/6项：清理空壳公司数')
    expect(said[6]).toContain('第3/6项：清退违规POS机数（选填，可回复「跳过」')
    expect(said[7]).toContain('「清退违规POS机数」应为整数，收到「2.5」')
    expect(said[8]).toContain('第4/6项：检查支付机构数')
    expect(said[9]).toContain('第5/6项：其他工作（选填，可回复「跳过」，文字')
    expect(said[10]).toContain('第6/6项：存在问题')
    expect(said[11]).toContain('请核对人民银行2026年11月月报')
    expect(said[11]).toContain(
      '· 冻结涉案账户数：13\n· 清理空壳公司数：3\n· 清退违规POS机数：2\n· 检查支付机构数：（未填）',
    )
    expect(said[12]).toContain('请回复「确认」登记')
    expect(said[13]).toContain('✅ 已收到人民银行2026年11月月报')
    expect(said[13]).toContain('清退违规POS机数：2')
    // Nothing of a private dialogue reaches the group.
    expect(answers(r, 'room')).toEqual([])
    expect(r.state.submissions).toEqual([
      {
        unit: '人民银行',
        period: '2026-11',
        status: 'on_time',
        revision: 1,
        by: '王芳',
        at: '2026-11-18T10:13:00+08:00',
        values: {
          冻结涉案账户数: 13,
          清理空壳公司数: 3,
          清退违规POS机数: 2,
          其他工作: '开展“断卡”宣传２场，覆盖 300 人',
        },
      },
    ])
  })

  it('取消 stops it with nothing stored; the next message is ordinary again', async () => {
    const r = await simulate({ start: START, steps: dms('王芳', ['月报', '5', '取消', '7']) })
    const said = answers(r, '王芳')
    expect(said[2]).toBe('已取消月报填报，未保存任何内容。发送「月报」可重新开始。')
    expect(said[3]).toContain('发送「帮助」')
    expect(r.state.submissions).toEqual([])
  })

  it('上一项 at the first question says so; 帮助 answers and the dialogue goes on; 月报 again repeats the question', async () => {
    const r = await simulate({
      start: START,
      steps: dms('王芳', ['月报', '上一项', '帮助', '月报', '4']),
    })
    const said = answers(r, '王芳')
    expect(said[1]).toContain('已经是第一项。\n第1/6项')
    expect(said[2]).toContain('联络员')
    expect(said[2]).not.toContain('第1/6项')
    expect(said[3]).toContain('月报填报进行中。\n第1/6项')
    expect(said[4]).toContain('第2/6项：清理空壳公司数')
  })

  it('a whole typed report sent during the dialogue is filed as typed, not taken as an answer', async () => {
    const r = await simulate({
      start: START,
      steps: dms('王芳', ['月报', '#月报\n冻结涉案账户数：8\n清理空壳公司数：1', '9']),
    })
    const said = answers(r, '王芳')
    expect(said[1]).toContain('✅ 已收到人民银行2026年11月月报')
    expect(said[2]).toContain('第2/6项：清理空壳公司数')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({ values: { 冻结涉案账户数: 8, 清理空壳公司数: 1 } }),
    ])
  })

  it('money in 元 or 万元, a correction of an earlier report keeps its revision rules', async () => {
    const r = await simulate({
      start: START,
      steps: [
        {
          at: '2026-11-18T09:30:00+08:00',
          from: '高峰',
          say: '#月报\n立案数：1\n破案数：1\n抓获人数：1\n损失金额：1万',
        },
        ...dms('高峰', [
          '月报',
          '2起',
          '1',
          '3',
          '很多钱',
          '15000元',
          '跳过',
          '跳过',
          '跳过',
          '跳过',
          '确认',
        ]),
      ],
    })
    const said = answers(r, '高峰')
    expect(said[4]).toContain('「群众损失金额」的值「很多钱」不是数字')
    expect(said[9]).toContain('请核对县公安局2026年11月月报（本月已报送，确认后登记为更正）')
    expect(said[9]).toContain('· 群众损失金额：1.5万元')
    expect(said[10]).toContain('（更正，第2版）')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({
        unit: '县公安局',
        revision: 2,
        values: { 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 },
      }),
    ])
  })

  it('after 30 minutes of silence the dialogue is dropped and the liaison is told so', async () => {
    const r = await simulate({
      start: START,
      steps: [...dms('王芳', ['月报', '12']), ...dms('王芳', ['3', '月报'], 32)],
    })
    const said = answers(r, '王芳')
    expect(said[2]).toBe('上次的月报填报超过30分钟未回复，已作废，未保存任何内容。发送「月报」重新开始。')
    expect(said[3]).toContain('开始填报人民银行2026年11月月报')
    expect(r.state.submissions).toEqual([])
  })

  it('in the group, 月报 alone is answered as a typed report and opens no dialogue', async () => {
    const r = await simulate({
      start: START,
      steps: [{ at: '2026-11-18T10:00:00+08:00', from: '王芳', say: '月报' }, ...dms('王芳', ['12'], 1)],
    })
    expect(answers(r, 'room')[0]).toContain('缺少必填项「冻结涉案账户数」')
    expect(answers(r, '王芳')[0]).toContain('发送「帮助」')
  })
})

describe('the dialogue survives a restart', () => {
  async function dm(app: App, world: Awaited<ReturnType<typeof startTestApp>>['world'], text: string) {
    const settled = app.pipeline.nextSettled()
    world.dm('王芳', text)
    await settled
    await app.sender.drained()
  }

  it('two answers, the app stops, a new app on the same database takes the rest and stores it', async () => {
    const people = [{ name: '王芳', unit: '人民银行' }]
    const store = freshStore()
    const first = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people, store })
    await dm(first.app, first.world, '月报')
    await dm(first.app, first.world, '12')
    await dm(first.app, first.world, '3')
    expect(first.sent.at(-1)).toContain('第3/6项')
    await first.stop()

    const second = await startTestApp({ now: '2026-11-18T10:10:00+08:00', people, store })
    try {
      for (const text of ['跳过', '跳过', '跳过']) await dm(second.app, second.world, text)
      await dm(second.app, second.world, '上一项')
      expect(second.sent.at(-1)).toContain('第5/6项：其他工作')
      await dm(second.app, second.world, '跳过')
      expect(second.sent.at(-1)).toContain('第6/6项：存在问题')
      await dm(second.app, second.world, '跳过')
      expect(second.sent.at(-1)).toContain('· 冻结涉案账户数：12\n· 清理空壳公司数：3')
      await dm(second.app, second.world, '确认')
      expect(second.sent.at(-1)).toContain('✅ 已收到人民银行2026年11月月报')
      const rows = await second.app.db.submission.findMany()
      expect(rows.map((s) => JSON.parse(s.values))).toEqual([{ 冻结涉案账户数: 12, 清理空壳公司数: 3 }])
      expect(await second.app.db.reportDialogue.count()).toBe(0)
    } finally {
      await second.stop()
    }
  })
})
