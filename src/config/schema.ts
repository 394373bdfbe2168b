import { z } from 'zod';
import { conditionError } from '../ingest/expr.js';
import { ROLES } from '../store/access.js';

/** The workspace config `tvaerblik.yaml`, validated once at load. See docs/workspace.md. */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD, e.g. 2024-01-01')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real calendar date');

export const PeriodSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "-", "_" or "." (e.g. 2024 or 2024-H1)'),
    from: isoDate,
    to: isoDate,
  })
  .refine((p) => p.from <= p.to, { message: '"from" must not be after "to"', path: ['to'] });

/** How one canonical field is filled from an extract: a column, a constant, or an expression. */
export const ColumnMapSchema = z.union([
  z.string(), // shorthand: the source column name
  z
    .strictObject({
      column: z.string().optional(),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      /** SQL-free expression over columns, e.g. "Timer * 4" or "Beløb / 100"; see docs/ingest.md. */
      expr: z.string().optional(),
      /** date: dd-mm-yyyy, yyyymmdd, yyyy-mm-dd, dd.mm.yyyy, excel (serial); timestamps add HH:MM */
      format: z.string().optional(),
      /** for money: 'kr' (major units, default) or 'ore' (minor units) */
      money: z.enum(['kr', 'ore']).optional(),
      /** multiply a number, e.g. minutes → hours = 1/60 */
      scale: z.number().optional(),
      /** volume only: the cell is a rate per week or month, turned into volume over start–end (docs/ingest.md) */
      rate: z.enum(['week', 'month']).optional(),
      /** map source values to canonical ones, e.g. { K: F, M: M } */
      values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .refine((m) => [m.column, m.value, m.expr].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of "column", "value" or "expr"',
    }),
]);

export const TARGET_TABLES = [
  'service',
  'ledger',
  'hospital_contact',
  'gp_contact',
  'population',
  'residence',
  'person_attribute',
] as const;

/** The names an encoding goes by (IANA, Windows, Python), in lower case, for the four encodings read. */
const ENCODING_ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  utf16: 'utf-16',
  'utf-16le': 'utf-16',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  windows1252: 'windows-1252',
  ansi: 'windows-1252',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  'latin-1': 'latin1',
};

/** `UTF-8`, `utf8`, `ISO-8859-1`, `cp1252`: the same encoding however a system's export names it. */
function encodingAlias(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const k = v.trim().toLowerCase().replace(/_/g, '-');
  return ENCODING_ALIASES[k] ?? k;
}

export const SourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]+$/, 'use lower-case letters, digits, "_" or "-"'),
  /** a path relative to the workspace, or a glob (e.g. extracts/sundhed-*.csv) */
  file: z.string(),
  format: z.enum(['csv', 'excel', 'parquet', 'json']),
  csv: z
    .strictObject({
      // a tab is written "\t" in YAML's double quotes; '\t' (single quotes) and tab mean it as well
      delimiter: z
        .string()
        .transform((d) => (d === '\\t' || d.toLowerCase() === 'tab' ? '\t' : d))
        .refine((d) => [...d].length === 1, 'a delimiter is one character (a tab: "\\t")')
        .default(','),
      quote: z
        .string()
        .refine((q) => [...q].length <= 1, 'a quote is one character, or empty for none')
        .default('"'),
      decimal: z.enum(['.', ',']).default('.'),
      thousands: z.enum(['', '.', ',', ' ']).default(''),
      encoding: z
        .preprocess(encodingAlias, z.enum(['utf-8', 'utf-16', 'windows-1252', 'latin1']))
        .default('utf-8'),
      header_row: z.number().int().min(1).default(1),
    })
    .optional(),
  excel: z
    .strictObject({
      sheet: z.string().optional(),
      header_row: z.number().int().min(1).default(1),
      /** wall-clock bound on reading the workbook (default 600 s) */
      max_seconds: z.number().int().min(1).optional(),
      /** memory bound on the workbook's shared strings (default 512 MiB) */
      max_shared_strings_mib: z.number().int().min(1).optional(),
    })
    .optional(),
  /** the department (forvaltning) that delivered the extract, as the municipality names it */
  department: z.string().optional(),
  sector: z.enum(['municipal', 'regional', 'private']).default('municipal'),
  /** the analysis period id this extract covers (periods[].id); omit for population/residence */
  period: z.string().optional(),
  target: z.enum(TARGET_TABLES),
  /** canonical field → mapping; see docs/data-model.md for the fields of each table */
  columns: z.record(z.string(), ColumnMapSchema),
  /** local code → catalogue code translation table (CSV or Excel with columns local_code, catalogue_code) */
  codes: z.string().optional(),
  /** municipality code for all rows, when the extract has no column for it */
  municipality: z.string().optional(),
  /** load only the rows matching this condition, e.g. "Afdeling = 'Hjemmepleje'" (docs/ingest.md) */
  where: z
    .string()
    .superRefine((w, ctx) => {
      const e = conditionError(w);
      if (e) ctx.addIssue({ code: 'custom', message: `the condition cannot be used: ${e}` });
    })
    .optional(),
  /** national (default): CPR or personnummer by country; opaque: any other id (UUID, patient number) */
  person_id_scheme: z.enum(['national', 'opaque']).optional(),
  /** data-quality check overrides by check id (see docs/ingest.md): severity and/or threshold (% allowed) */
  checks: z
    .record(
      z.string(),
      z.strictObject({
        severity: z.enum(['stop', 'warn', 'info']).optional(),
        threshold: z.number().min(0).max(100).optional(),
      }),
    )
    .optional(),
});

export const PoolSchema = z.strictObject({
  id: z.string(),
  /** administration is shown apart in unit costs; the others are folded into "common" */
  kind: z.enum(['administration', 'premises', 'management', 'other']).default('other'),
  /** the allocation key (fordelingsnøgle / fördelningsnyckel) */
  key: z.enum(['direct_cost', 'volume', 'staff_hours', 'floor_area', 'fixed']),
  /** which targets receive the pool: catalogue codes (prefix* allowed) or other pool ids (step-down) */
  targets: z.array(z.string()).min(1),
  /** for staff_hours / floor_area / fixed: weight per target (code or pool id) */
  weights: z.record(z.string(), z.number().nonnegative()).optional(),
  /** step-down order: lower runs first; a pool may only send to pools with a higher order */
  order: z.number().int().default(0),
});

export const CostingSchema = z.strictObject({
  /** ledger → target rules (CSV/Excel); see docs/costing.md for the columns. Omit when there is no ledger. */
  translation_table: z.string().optional(),
  pools: z.array(PoolSchema).default([]),
  /** which way each service gets its cost; first match wins, the rest use KPB allocation */
  methods: z
    .array(
      z.strictObject({
        codes: z.array(z.string()).min(1),
        method: z.enum(['kpb', 'price', 'record_amount']),
        /** price per unit in major units (kr), with method "price"; or a price_list file */
        price: z.number().optional(),
        price_list: z.string().optional(),
        /** only services from this provider (own or external, i.e. purchased); omit for both */
        provider: z.enum(['own', 'external']).optional(),
      }),
    )
    .default([]),
  /**
   * open activities (öppen verksamhet) without individual decisions: translation-table target_type
   * open_activity, pool targets by id; their cost is non-attributable (docs/costing.md)
   */
  open_activities: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        /** its volume for pools with key volume (default 0) */
        volume: z.number().nonnegative().optional(),
      }),
    )
    .default([]),
  /** volume measure used for unit cost of home care: granted (default in DK) or performed hours */
  home_care_measure: z.enum(['hour_granted', 'hour_performed']).default('hour_granted'),
  /** key figures for benchmarking (Kolada ids); omit for the built-in set, see docs/costing.md */
  key_figures: z
    .array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        /** catalogue codes (prefix* allowed), or select by catalogue family / area */
        codes: z.array(z.string()).optional(),
        families: z.array(z.string()).optional(),
        areas: z.array(z.string()).optional(),
        provider: z.enum(['own', 'external', 'all']).default('own'),
        /** the denominator: a unit (hour_granted, day, …) or user (distinct persons) */
        per: z.string(),
      }),
    )
    .optional(),
});

/** Server mode sign-in (docs/server.md, "Sign-in"): local accounts and/or OpenID Connect. */
export const SigninSchema = z.strictObject({
  /** local accounts (username + argon2id password hash in the store) */
  local: z.boolean().default(true),
  /** wrong passwords in a row that lock an account, and for how many minutes */
  lockout: z
    .strictObject({
      attempts: z.number().int().min(3).max(20).default(5),
      minutes: z.number().int().min(1).max(1440).default(15),
    })
    .prefault({}),
  /** POST /signin attempts per client address per minute */
  attempts_per_minute: z.number().int().min(1).max(1000).default(10),
  session: z
    .strictObject({
      /** minutes without a request after which a session ends */
      idle_minutes: z.number().int().min(1).max(1440).default(30),
      /** hours after sign-in after which a session ends however active it is (ASVS V7.3.2) */
      absolute_hours: z.number().int().min(1).max(168).default(12),
      /** the server is reached over HTTPS only: the cookie is always Secure and named __Host-… */
      https: z.boolean().default(false),
    })
    .prefault({}),
  oidc: z
    .strictObject({
      /** shown on the button: "Log ind med …" */
      name: z.string().min(1).default('OpenID Connect'),
      /** the issuer URL; its /.well-known/openid-configuration is read at start */
      issuer: z.url({ protocol: /^https?$/ }),
      client_id: z.string().min(1),
      /** the environment variable that holds the client secret (never the secret itself) */
      client_secret_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
      /** this server's callback, registered at the provider: https://…/signin/oidc/callback */
      redirect_url: z.url({ protocol: /^https?$/ }),
      scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
      /** the ID token claim that names the user (a dotted path reads a nested claim) */
      username_claim: z.string().min(1).default('preferred_username'),
      /** the claim that carries roles or groups (a dotted path reads a nested claim) */
      roles_claim: z.string().min(1).default('roles'),
      /** a claim value (group id, app role) → Tværblik roles; a value that is a role id needs no entry */
      role_map: z.record(z.string(), z.array(z.enum(ROLES)).min(1)).default({}),
      /** the claim that names the user's organisation (e.g. a municipality code) */
      organisation_claim: z.string().min(1).optional(),
    })
    .optional(),
});

export const ConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  name: z.string().default('Tværblik workspace'),
  country: z.enum(['DK', 'SE']),
  currency: z.enum(['DKK', 'SEK']),
  /** the language of the CLI's help and messages for this workspace (--lang wins; it wins over TVAERBLIK_LANG and LANG) */
  lang: z.enum(['da', 'sv', 'en']).optional(),
  /** municipality codes: DK 3 digits (e.g. 851 Aalborg), SE 4 digits (e.g. 0180) */
  municipalities: z
    .array(z.string().regex(/^\d{3,4}$/, 'a municipality code is 3 (DK) or 4 (SE) digits'))
    .min(1),
  periods: z.array(PeriodSchema).min(1),
  pseudonymisation: z
    .strictObject({
      key_file: z.string().optional(),
      key_env: z.string().optional(),
    })
    .refine((p) => (p.key_file ? 1 : 0) + (p.key_env ? 1 : 0) === 1, {
      message: 'give exactly one of key_file or key_env (the key itself never goes in the config)',
    }),
  suppression: z
    .strictObject({
      threshold: z
        .number()
        .int()
        .min(3, 'a threshold below 3 is refused: small cells could identify persons')
        .default(5),
    })
    .default({ threshold: 5 }),
  /** catalogue id (dk, se) or a path to a catalogue file */
  catalogue: z.string(),
  warehouse: z.string().default('warehouse/tvaerblik.duckdb'),
  /** DuckDB's memory for the warehouse; past it, DuckDB spills pseudonymised data to disk (docs/config.md) */
  memory_limit: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(MB|GB|TB|MiB|GiB|TiB)$/i, 'a size such as 6GB or 12GiB')
    .default('6GB'),
  /** how much DuckDB may spill to `<warehouse>.tmp` before a statement fails (DuckDB's max_temp_directory_size) */
  temp_limit: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(MB|GB|TB|MiB|GiB|TiB)$/i, 'a size such as 20GB or 50GiB')
    .default('20GB'),
  sources: z.array(SourceSchema).default([]),
  /** without it, the amounts on the service records are the costs (a ledger then needs a costing: section) */
  costing: CostingSchema.prefault({ methods: [{ codes: ['*'], method: 'record_amount' }] }),
  /** per-analysis settings (thresholds, intervals, groups); owned by the analyses, see docs/analyses.md */
  analysis: z.record(z.string(), z.unknown()).default({}),
  /** trajectories settings (stay gap, admission hours, exclusions, KMF rate table); see docs/trajectories.md */
  trajectories: z.record(z.string(), z.unknown()).default({}),
  /** server mode sign-in: local accounts, lockout, OpenID Connect; see docs/server.md */
  signin: SigninSchema.optional(),
  /** the operational store (users, sessions, audit trail); see docs/server.md, "Operational store" */
  server: z
    .strictObject({
      /** a PostgreSQL server; $TVAERBLIK_DATABASE_URL wins. No password here: PGPASSWORD or ~/.pgpass */
      database_url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL: postgresql://user@host:5432/database')
        .refine((u) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(u), {
          message:
            'no password in the config: give it in PGPASSWORD or ~/.pgpass, or the whole URL in TVAERBLIK_DATABASE_URL',
        })
        .optional(),
      /** the embedded store's folder, relative to the workspace (without database_url) */
      store_dir: z.string().min(1).default('store'),
    })
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type SigninConfig = z.infer<typeof SigninSchema>;
export type ServerConfig = NonNullable<Config['server']>;
export type SourceConfig = z.infer<typeof SourceSchema>;
export type ColumnMap = z.infer<typeof ColumnMapSchema>;
export type CostingConfig = z.infer<typeof CostingSchema>;
export type PoolConfig = z.infer<typeof PoolSchema>;
export type TargetTable = (typeof TARGET_TABLES)[number];
