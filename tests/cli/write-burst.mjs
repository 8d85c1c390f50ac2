// A second connection writing in a loop (backup during a write burst): small transactions of 20
// rows, back to back, until stdin closes; prints "started" once writing, then "done <rows>".
import Database from 'better-sqlite3'

const db = new Database(process.argv[2], { fileMustExist: true })
db.pragma('journal_mode = WAL')
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
const insert = db.prepare(
  `INSERT INTO "InboundMessage" ("wechatId", "chat", "senderId", "senderName", "text", "receivedAt")
   VALUES (?, 'room', 'burst', '写入者', ?, ?)`,
)
const batch = db.transaction((from) => {
  for (let i = 0; i < 20; i++)
    insert.run(`burst-${process.pid}-${from + i}`, 'x'.repeat(400), new Date().toISOString())
})
let rows = 0
let stop = false
process.stdin.on('end', () => {
  stop = true
})
process.stdin.resume()
function tick() {
  if (stop) {
    db.close()
    process.stdout.write(`done ${rows}\n`)
    return
  }
  batch(rows)
  rows += 20
  if (rows === 20) process.stdout.write('started\n')
  setImmediate(tick)
}
tick()
