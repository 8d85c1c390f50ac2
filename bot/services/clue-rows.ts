// What clue intake takes in, and the rows of the file it came from: shared by the table reader
// (clue-table.ts) and intake (clue-intake.ts), which would otherwise import each other.

/** One clue as given: the value, and the remark beside it. */
export interface ClueItem {
  raw: string
  remark?: string | null
}

/** The file's own rows, kept to hand it back with results (反馈): each row's cells and its item. */
export interface ClueFileRows {
  /** The header row as written; [] when the file has none. */
  header: string[]
  /** The non-blank rows after the header, in file order; `item` indexes `items` (null: no value). */
  rows: { cells: string[]; item: number | null }[]
}
