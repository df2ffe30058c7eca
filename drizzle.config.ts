// drizzle-kit configuration. SQLite by default; LEVELMAP_DIALECT=postgresql selects the
// PostgreSQL schema and its migrations (migrations/postgres), e.g.
//   LEVELMAP_DIALECT=postgresql npm run db:generate
import { defineConfig } from 'drizzle-kit'

const dialect = process.env.LEVELMAP_DIALECT ?? 'sqlite'
if (dialect !== 'sqlite' && dialect !== 'postgresql') {
  throw new Error(`LEVELMAP_DIALECT must be sqlite or postgresql, not "${dialect}"`)
}

export default dialect === 'postgresql'
  ? defineConfig({
      dialect: 'postgresql',
      schema: './src/db/postgres/schema.ts',
      out: './migrations/postgres',
      casing: 'snake_case',
      strict: true,
      verbose: true,
    })
  : defineConfig({
      dialect: 'sqlite',
      schema: './src/db/schema.ts',
      out: './migrations',
      casing: 'snake_case',
      strict: true,
      verbose: true,
    })
