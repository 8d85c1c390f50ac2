// One typed function per message the bot sends; the wording is in the .txt file of the same name.
import { phrase, render } from './render.ts'

export const messages = {
  reportAccepted: (v: { unit: string; period: string; revision: string; late: string; fields: string }) =>
    render('report-accepted', v),
  reportRejected: (v: { unit: string; problems: string }) => render('report-rejected', v),
  reportProblem: (kind: string, v: Record<string, string>) => phrase('report-problems', kind, v),
  reportNotLiaison: (v: { name: string }) => render('report-not-liaison', v),
  reportWrongUnit: (v: { name: string; own: string; other: string }) => render('report-wrong-unit', v),
  template: (v: { unit: string; lines: string }) => render('template', v),
  templateWhichUnit: (v: { units: string }) => render('template-which-unit', v),
  progress: (v: {
    period: string
    deadline: string
    doneCount: number
    total: number
    done: string
    missingCount: number
    missing: string
  }) => render('progress', v),
  help: (v: { roleHelp: string }) => render('help', v),
  helpOffice: () => render('help-office'),
  helpLiaison: (v: { unit: string }) => render('help-liaison', v),
  helpMember: () => render('help-member'),
  bindDone: (v: { name: string; what: string }) => render('bind-done', v),
  unbindDone: (v: { name: string; what: string }) => render('unbind-done', v),
  bindUsage: () => render('bind-usage'),
  bindNotFound: (v: { name: string }) => render('bind-not-found', v),
  officeOnly: (v: { command: string }) => render('office-only', v),
  unknownCommand: () => render('unknown-command'),
  apology: () => render('apology'),
  reminder: (v: { period: string; deadline: string; count: number; missing: string }) =>
    render('reminder', v),
  reminderOffice: (v: { period: string; time: string; count: number; missing: string }) =>
    render('reminder-office', v),
}
