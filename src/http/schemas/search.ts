import { Type } from 'typebox'
import { maxQueryLength, maxWords } from '../../db/search.js'
import {
  LevelSummarySchema,
  nameComponents,
  PageMetaSchema,
  PaginationQuerySchema,
  SlugSchema,
  TrackSchema,
} from './common.js'

/** White space that is not a control character, and a character that is neither. */
const space = '[^\\S\\u0000-\\u001f\\u007f]'
const word = '[^\\s\\u0000-\\u001f\\u007f]'

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: maxQueryLength,
      // 1 to 12 words (runs of non-space), no control characters: what searchWords accepts.
      pattern: `^${space}*${word}+(?:${space}+${word}+){0,${maxWords - 1}}${space}*$`,
      description:
        'Words to find in titles, job codes (inferred class codes too), family names and duties; each word matches anywhere, as a prefix or a part of a word (`senior tech`, `IEUP`, `service spec`), case- and accent-insensitively. Every word must match; at most 12 words, no control characters. Search syntax (quotes, `*`, `NEAR`, `OR`, column filters) is not interpreted: it is searched for as text.',
    }),
    institution: Type.Optional(SlugSchema),
    track: Type.Optional(TrackSchema),
    ...PaginationQuerySchema,
  },
  { additionalProperties: false },
)

export const SearchHitSchema = Type.Object(
  {
    institution: SlugSchema,
    level: LevelSummarySchema,
    field: Type.Union(
      [
        Type.Literal('title'),
        Type.Literal('jobCode'),
        Type.Literal('family'),
        Type.Literal('duties'),
        Type.Literal('inferredCode'),
      ],
      {
        description:
          'The field the snippet comes from: the one holding most of the query (ties: title, jobCode, family, duties, then inferredCode, a class code the public record gives for the level).',
      },
    ),
    snippet: Type.String({
      description:
        'Plain text of the matching field (for duties, the matching duty), with each match wrapped in `<mark>`…`</mark>`; long text is cut around the first match with `…`.',
    }),
  },
  { additionalProperties: false },
)

export const SearchResultSchema = Type.Object(
  { items: Type.Array(SearchHitSchema, { description: 'Best match first.' }), ...PageMetaSchema },
  { additionalProperties: false },
)

nameComponents({ SearchHit: SearchHitSchema, SearchResult: SearchResultSchema })
