// The layouts, each with how strongly a text shows it; the split takes the strongest that finds
// jobs. Listed from the most to the least particular, which also breaks ties.
import { columnsLayout } from './columns.js'
import { excerptsLayout, headingsLayout } from './excerpts.js'
import { inlineListLayout } from './inline-list.js'
import type { Layout } from './layout.js'
import { repeatedSectionLayout } from './repeated-section.js'
import { seriesLayout } from './series.js'
import { singleLayout } from './single.js'
import { tableRowsLayout } from './table-rows.js'
import { titleLabelLayout } from './title-label.js'
import { titleListLayout } from './title-list.js'

export const layouts: Layout[] = [
  tableRowsLayout,
  columnsLayout,
  seriesLayout,
  excerptsLayout,
  titleLabelLayout,
  repeatedSectionLayout,
  headingsLayout,
  titleListLayout,
  inlineListLayout,
  singleLayout,
]
