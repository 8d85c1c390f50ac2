// Every group message of the whole suite is checked by the sender (jobs/outbound.processor.ts):
// a full phone, card or ID number in one fails the test that produced it.
import { afterEach, expect } from 'vitest'
import { groupPrivacyCheck } from '../../jobs/outbound.processor.ts'

const leaked: { text: string; leaks: string[] }[] = []
groupPrivacyCheck.onLeak = (text, leaks) => leaked.push({ text, leaks })

afterEach(() => {
  const found = leaked.splice(0)
  expect(found, 'a group message still shows a full number').toEqual([])
})
