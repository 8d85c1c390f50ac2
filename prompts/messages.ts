// One typed function per message the bot sends; the wording is in the .txt file of the same name.
import { phrase, phraseOr, phraseText, render } from './render.ts'

export const messages = {
  reportAccepted: (v: { unit: string; period: string; revision: string; late: string; fields: string }) =>
    render('report-accepted', v),
  reportRejected: (v: { unit: string; problems: string }) => render('report-rejected', v),
  reportProblem: (kind: string, v: Record<string, string>) => phrase('report-problems', kind, v),
  reportNotLiaison: (v: { name: string }) => render('report-not-liaison', v),
  reportWrongUnit: (v: { name: string; own: string; other: string }) => render('report-wrong-unit', v),
  template: (v: { unit: string; lines: string }) => render('template', v),
  guidedStart: (v: { unit: string; period: string; count: number; minutes: number }) =>
    render('report-guided-start', v),
  guidedAsk: (v: {
    index: number
    count: number
    label: string
    need: string
    kind: string
    current: string
  }) => render('report-guided-ask', v),
  guidedSummary: (v: { unit: string; period: string; correction: string; fields: string }) =>
    render('report-guided-summary', v),
  guidedCancelled: () => render('report-guided-cancelled'),
  guidedExpired: (v: { minutes: number }) => render('report-guided-expired', v),
  reportSheetLine: (key: string, v: Record<string, string | number> = {}) => phrase('report-sheet', key, v),
  guidedLine: (key: string, v: Record<string, string | number> = {}) => phrase('report-guided-lines', key, v),
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
  help: (v: { who: string; lines: string }) => render('help', v),
  helpLine: (key: string) => phrase('help-lines', key, {}),
  helpWho: (key: 'office' | 'liaison' | 'member', v: { unit?: string } = {}) =>
    phrase('help-who', key, v as Record<string, string>),
  helpArea: (key: string, v: { deadline: number; year: number }) => phrase('help-area', key, v),
  helpUnknownArea: (v: { area: string }) => render('help-unknown-area', v),
  bindDone: (v: { name: string; what: string }) => render('bind-done', v),
  unbindDone: (v: { name: string; what: string }) => render('unbind-done', v),
  bindUsage: () => render('bind-usage'),
  bindNotFound: (v: { name: string }) => render('bind-not-found', v),
  officeOnly: (v: { command: string }) => render('office-only', v),
  unknownCommand: () => render('unknown-command'),
  apology: () => render('apology'),
  cluePending: (v: { count: number; lines: string; example: string }) => render('clue-pending', v),
  cluePendingNone: () => render('clue-pending-none'),
  textTooLong: (v: { length: number; limit: number }) => render('text-too-long', v),
  roomNotice: (kind: string, v: Record<string, string>) => phrase('room-notice', kind, v),
  messageGivenUp: () => render('message-given-up'),
  messageFailedOffice: (v: { why: string; who: string; at: string; excerpt: string; id: number }) =>
    render('message-failed-office', v),
  tableFileProblem: (kind: string, v: Record<string, string> = {}) => phrase('table-file', kind, v),
  clueRoutedGroup: (v: { unit: string; count: number; due: string; lines: string }) =>
    render('clue-routed-group', v),
  clueRoutedDm: (v: { unit: string; count: number; due: string; lines: string }) =>
    render('clue-routed-dm', v),
  clueIntakeSummary: (v: { count: number; byUnit: string; extra: string }) =>
    render('clue-intake-summary', v),
  clueUnassigned: (v: { count: number; lines: string }) => render('clue-unassigned', v),
  clueDuplicates: (v: { count: number; lines: string }) => render('clue-duplicates', v),
  clueClosed: (v: { codes: string; result: string; police: string }) => render('clue-closed', v),
  clueNotDone: (v: { lines: string }) => render('clue-not-done', v),
  cluePoliceNotice: (v: { unit: string; lines: string; by: string }) => render('clue-police-notice', v),
  clueTransferred: (v: { code: string; from: string; to: string; reason: string }) =>
    render('clue-transferred', v),
  clueHandedOn: (v: { from: string; by: string; reason: string }) => render('clue-handed-on', v),
  clueMovedAway: (v: { code: string; masked: string; by: string; to: string; unit: string }) =>
    render('clue-moved-away', v),
  clueClosedByOffice: (v: { unit: string; codes: string; by: string; result: string }) =>
    render('clue-closed-by-office', v),
  clueReturned: (v: { code: string; masked: string; from: string; by: string; reason: string }) =>
    render('clue-returned', v),
  clueAssigned: (v: { codes: string; unit: string }) => render('clue-assigned', v),
  clueProblem: (kind: string, v: Record<string, string> = {}) => phrase('clue-problem', kind, v),
  clueOverdue: (v: { unit: string; count: number; codes: string; which: string; rest: string }) =>
    render('clue-overdue', v),
  clueOverdueRest: (v: { units: string; count: number }) => render('clue-overdue-rest', v),
  myClues: (v: { unit: string; count: number; lines: string }) => render('my-clues', v),
  myCluesNone: (v: { unit: string }) => render('my-clues-none', v),
  myCluesOffice: (v: { count: number; byUnit: string }) => render('my-clues-office', v),
  sentPrivately: () => render('sent-privately'),
  /** Why a start against a puppet service stopped (Chinese and English, naming the variable). */
  wireStartFailed: (why: 'refused' | 'token' | 'tls' | 'other', v: { endpoint: string; detail: string }) =>
    phrase('wire', why, v),
  gatewayUsage: () => render('gateway-usage'),
  gatewayStarted: (v: { endpoint: string; tls: string; token: string; client: string }) =>
    render('gateway-started', v),
  gateway: (key: 'tls_on' | 'tls_off' | 'client_no_tls' | 'bind_failed', v: Record<string, string> = {}) =>
    phrase('gateway', key, v),
  clueFeedback: (v: { batch: string; summary: string }) => render('clue-feedback', v),
  clueFeedbackNone: () => render('clue-feedback-none'),
  clueFeedbackTooBig: (v: { id: number; name: string; rows: number; limit: number }) =>
    render('clue-feedback-too-big', v),
  clueFeedbackNotFound: (v: { ref: string; batches: string; example: number }) =>
    render('clue-feedback-not-found', v),
  /** 「银行卡」 for bank_card: a clue kind as people call it (an unknown code as it is). */
  clueKind: (kind: string) => phraseOr('clue-kinds', kind, kind),
  /** Startup lines on stderr (the private Redis). */
  startup: (key: string, v: Record<string, string | number> = {}) => phrase('startup', key, v),
  label: (key: string, v: Record<string, string | number> = {}) => phrase('labels', key, v),
  /** What a binding makes a person: 「人民银行联络员」, 「县联席办人员」 (chat and command line alike). */
  role: (role: 'office' | 'liaison', v: { office: string; unit: string }) =>
    phrase('labels', `role_${role}`, v),
  bulletinBadPeriod: (v: { text: string }) => render('bulletin-bad-period', v),
  bulletinIssued: (v: { period: string; version: number }) => render('bulletin-issued', v),
  bulletinUnchanged: (v: { period: string; version: number }) => render('bulletin-unchanged', v),
  assessmentBadYear: (v: { text: string }) => render('assessment-bad-year', v),
  reminder: (v: { period: string; deadline: string; count: number; missing: string }) =>
    render('reminder', v),
  reminderDeadline: (when: 'today' | 'later', v: { date: string; weekday: string }) =>
    phrase('reminder-deadline', when, v),
  reminderOffice: (v: { period: string; time: string; count: number; missing: string }) =>
    render('reminder-office', v),
  /** The deadline day is not a working day: the office's list goes out on the last one before it. */
  reminderOfficeEarly: (v: {
    period: string
    date: string
    weekday: string
    time: string
    count: number
    missing: string
  }) => render('reminder-office-early', v),
  /** 0 = Sunday → 周日. */
  weekday: (n: number) => phrase('weekdays', String(n), {}),
  phaseNotice: (v: { year: number; name: string; from: string; to: string; duties: string }) =>
    render('phase-notice', v).replace(/\n$/, ''),
  phaseLine: (
    kind: 'current' | 'other' | 'heading' | 'none_now' | 'no_phases',
    v: Record<string, string | number> = {},
  ) => phrase('phase-lines', kind, v),
  bulletin: (v: {
    period: string
    edition: string
    /** The 期号 line of an issue, with its newline; empty for a preview. */
    number: string
    changes: string
    phase: string
    asOf: string
    reporting: string
    targets: string
    trend: string
    clues: string
    units: string
    texts: string
    work: string
  }) => render('bulletin', v),
  bulletinAssessment: (v: { year: number; months: string; rows: string; rule: string }) =>
    render('bulletin-assessment', v),
  bulletinLine: (kind: string, v: Record<string, string | number> = {}) => phrase('bulletin-lines', kind, v),
  /** A phrase of the office's documents (.docx). */
  documentLine: (key: string, v: Record<string, string | number> = {}) => phrase('document-lines', key, v),
  botBackOnline: (v: { from: string; to: string; duration: string }) => render('bot-back-online', v),
  rebindAsk: (v: { name: string; unit: string; oldId: string; candidates: string; how: string }) =>
    render('rebind-ask', v),
  rebindPick: (v: { name: string; count: number; candidates: string }) => render('rebind-pick', v),
  rebindDone: (v: { name: string }) => render('rebind-done', v),
  rebindNone: (v: { name: string }) => render('rebind-none', v),
  taskNotice: (v: { code: string; title: string; unit: string; due: string }) => render('task-notice', v),
  taskCreated: (v: { code: string; title: string; units: string; due: string; extra: string }) =>
    render('task-created', v),
  taskDone: (v: { unit: string; code: string; late: string; result: string; rest: string }) =>
    render('task-done', v),
  taskList: (v: { count: number; lines: string }) => render('task-list', v),
  taskListNone: (v: { who: string }) => render('task-list-none', v),
  taskExtended: (v: { code: string; from: string; to: string }) => render('task-extended', v),
  taskCancelled: (v: { code: string; title: string; by: string; reason: string }) =>
    render('task-cancelled', v),
  taskUnitTold: (v: { unit: string; text: string }) => render('task-unit-told', v),
  taskOverdue: (v: { unit: string; count: number; lines: string }) => render('task-overdue', v),
  taskOverdueRest: (v: { units: string; count: number }) => render('task-overdue-rest', v),
  collectionOpened: (v: { name: string; units: string; due: string; accepts: string }) =>
    render('collection-opened', v),
  collectionReceived: (v: { unit: string; name: string; what: string; version: number; late: string }) =>
    render('collection-received', v),
  collectionProgress: (v: {
    name: string
    due: string
    doneCount: number
    total: number
    done: string
    missingCount: number
    missing: string
  }) => render('collection-progress', v),
  collectionWhich: (v: { file: string; names: string }) => render('collection-which', v),
  collectionReminder: (v: { name: string; deadline: string; count: number; missing: string }) =>
    render('collection-reminder', v),
  collectionReminderOffice: (v: { name: string; count: number; missing: string }) =>
    render('collection-reminder-office', v),
  collectionProblem: (kind: string, v: Record<string, string | number> = {}) =>
    phrase('collection-problem', kind, v),
  taskProblem: (kind: string, v: Record<string, string | number> = {}) => phrase('task-problem', kind, v),
  // --- wt2-year: collection reminders, task files, the welcome-back held over the night ---
  collectionDeadline: (when: 'today' | 'tomorrow' | 'later', v: { date: string }) =>
    phrase('collection-deadline', when, v),
  collectionReminderOfficeEarly: (v: { name: string; date: string; count: number; missing: string }) =>
    render('collection-reminder-office-early', v),
  taskFileReceived: (v: { unit: string; code: string; file: string; size: string; count: number }) =>
    render('task-file-received', v),
  taskFileBadType: (v: { file: string; code: string }) => render('task-file-bad-type', v),
  taskLineFiles: (v: { files: string }) => render('task-line-files', v),
  // wt2-wire: sending, message kinds, the room (bot/chat/*, jobs/outbound.processor.ts)
  statusOutbound: (key: string, v: Record<string, string | number>) => phrase('status-outbound', key, v),
  pictureUnreadable: () => render('picture-unreadable'),
  pictureForCollection: (v: { names: string }) => render('picture-for-collection', v),
  unreadable: (v: { kind: string }) => render('unreadable', v),
  memberLeft: (v: { name: string; unit: string; by: string }) => render('member-left', v),
  memberLeftBy: (v: { by: string }) => render('member-left-by', v),
  memberWelcome: (v: { names: string }) => render('member-welcome', v),
  recallLine: (key: string, v: Record<string, string | number>) => phrase('recall-lines', key, v),
  unreadableKind: (kind: string) => phrase('unreadable-kinds', kind, {}),
  // wt2-words (#17.4): wording that was left in code.
  /** What the bot writes into its own records: audit details, history notes, schedule run notes. */
  record: (key: string, v: Record<string, string | number> = {}) => phrase('records', key, v),
  /** A short piece inside a message or document (「无」, 「人民银行 3 条」, 「5万元」). */
  word: (key: string, v: Record<string, string | number> = {}) => phrase('chat-words', key, v),
  /** The name of a file the bot sends. */
  fileName: (key: string, v: Record<string, string | number> = {}) => phrase('file-names', key, v),
  /** A line or piece of `cli status`. */
  status: (key: string, v: Record<string, string | number> = {}) => phrase('status', key, v),
  /** The bulletin workbook's sheet names, headers and cell words. */
  workbook: (key: string, v: Record<string, string | number> = {}) => phrase('workbook', key, v),
  /** The exports' sheet names, headers and cell words. */
  exportText: (key: string, v: Record<string, string | number> = {}) => phrase('export', key, v),
  /** The command line's own words (usage, errors). */
  cli: (key: string, v: Record<string, string | number> = {}) => phraseText('cli', key, v),
  usageStart: () => render('usage-start'),
  usageSimulate: () => render('usage-simulate'),
  usageWorker: () => render('usage-worker'),
  cliPeople: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-people', key, v),
  cliClues: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-clues', key, v),
  cliRecords: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-records', key, v),
  cliOperations: (key: string, v: Record<string, string | number> = {}) =>
    phraseText('cli-operations', key, v),
  cliCollections: (key: string, v: Record<string, string | number> = {}) =>
    phraseText('cli-collections', key, v),
  // wt2-words round 2: the rest of the command line's and the terminal's wording.
  cliUnits: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-units', key, v),
  cliForms: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-forms', key, v),
  /** How units and fields read in the roster edits' replies and audit rows. */
  rosterEdit: (key: string, v: Record<string, string | number> = {}) => phrase('roster-edit', key, v),
  /** The terminal chat's own lines (its help, the demo people, what the bot said). */
  terminal: (key: string, v: Record<string, string | number> = {}) => phraseText('terminal', key, v),
  /** The bulletin's chart of target progress. */
  chart: (key: string, v: Record<string, string | number> = {}) => phrase('chart', key, v),
  /** The name of an audit action (its code, e.g. clue.show). */
  auditAction: (action: string) => phrase('audit-actions', action, {}),
  /** A clue's note beside its kind: its carrier, or why it could not be read (clue-details.txt). */
  clueDetail: (key: string, v: Record<string, string> = {}) => phrase('clue-details', key, v),
  /** What is wrong with the environment or the roster file (config.txt). */
  config: (key: string, v: Record<string, string | number> = {}) => phraseText('config', key, v),
  // #18 part 2: the city's view over its counties (全市).
  /** A line or piece of the city's view (进度 全市, 通报 全市, 线索 全市, the routed clue file). */
  city: (key: string, v: Record<string, string | number> = {}) => phrase('city-lines', key, v),
  cityProgress: (v: { period: string; count: number; lines: string }) => render('city-progress', v),
  cityBulletin: (v: { period: string; asOf: string; counties: string; targets: string; sums: string }) =>
    render('city-bulletin', v),
  cityClues: (v: { asOf: string; lines: string }) => render('city-clues', v),
  cityPush: (v: { name: string; rows: number; routed: number; counties: string; refused: string }) =>
    render('city-push', v),
  cityPushRefused: (v: { count: number; lines: string }) => render('city-push-refused', v),
  /** Several offices on one deployment: their configuration and the question which (offices.txt). */
  offices: (key: string, v: Record<string, string | number> = {}) => phraseText('offices', key, v),
  /** `cli migrate`: a county's SQLite record moved into PostgreSQL (cli-migrate.txt). */
  cliMigrate: (key: string, v: Record<string, string | number> = {}) => phraseText('cli-migrate', key, v),
}
