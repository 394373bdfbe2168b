-- ---
-- title: { da: Enhedsomkostninger, sv: Styckkostnader, en: Unit costs }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: catalogue_code, kind: key, label: { da: Ydelse, sv: Insats, en: Service } }
--   - { name: provider, kind: key, label: { da: Leverandør, sv: Utförare, en: Provider } }
--   - { name: unit, kind: key, label: { da: Enhed, sv: Enhet, en: Unit } }
--   - { name: volume, kind: decimal, label: { da: Volumen, sv: Volym, en: Volume } }
--   - { name: direct_minor, kind: money, label: { da: Direkte (kr.), sv: Direkt (kr), en: Direct } }
--   - { name: admin_minor, kind: money, label: { da: Administration (kr.), sv: Administration (kr), en: Administration } }
--   - { name: other_common_minor, kind: money, label: { da: Øvrige fælles (kr.), sv: Övrigt gemensamt (kr), en: Other common } }
--   - { name: total_minor, kind: money, label: { da: I alt (kr.), sv: Totalt (kr), en: Total } }
--   - { name: unit_cost_minor, kind: decimal, label: { da: Enhedspris (kr.), sv: Styckkostnad (kr), en: Unit cost } }
--   - { name: direct_per_unit_minor, kind: decimal, label: { da: Direkte pr. enhed, sv: Direkt per enhet, en: Direct per unit } }
--   - { name: admin_per_unit_minor, kind: decimal, label: { da: Adm. pr. enhed, sv: Adm. per enhet, en: Admin per unit } }
--   - { name: other_per_unit_minor, kind: decimal, label: { da: Øvrige pr. enhed, sv: Övrigt per enhet, en: Other per unit } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
-- persons: persons
-- order: period, municipality, catalogue_code, provider, unit
-- position: 160
-- ---
-- Productivity: unit cost per intervention and provider (own / external) with the direct / administration /
-- other common split.
{{ replace_table(mart_unit_cost) }} AS
SELECT u.period, u.municipality, u.catalogue_code, ${unit_cost_provider} AS provider, u.unit, u.volume, u.direct_minor, u.admin_minor,
  u.other_common_minor, u.total_minor, u.unit_cost_minor, coalesce(u.persons, 0)::BIGINT AS persons,
  CASE WHEN u.volume > 0 THEN u.direct_minor / u.volume END::DECIMAL(18, 4) AS direct_per_unit_minor,
  CASE WHEN u.volume > 0 THEN u.admin_minor / u.volume END::DECIMAL(18, 4) AS admin_per_unit_minor,
  CASE WHEN u.volume > 0 THEN u.other_common_minor / u.volume END::DECIMAL(18, 4) AS other_per_unit_minor
FROM cost_unit u JOIN an_period p ON p.id = u.period;
