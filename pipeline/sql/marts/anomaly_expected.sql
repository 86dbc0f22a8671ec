-- grain: none (a fragment): the tail of mart_anomaly.sql and mart_anomaly_week.sql, one row per
-- level, area_key, dimension, value of the tested period. It needs the model's CTEs
-- windowed (observed, trailing_12 per cell), seasons (seasonal_years, same_period and
-- period_totals per dimension and value: the same period in earlier years and the 12 periods
-- ending with each) and tested (period, full_history); $1 city, $2 the period tested, $3 the
-- minimum expected count. expected = trailing_12 / 12 × the seasonal factor (1 without an
-- earlier year); p_value and flagged are filled in by pipeline/anomaly.ts.
expected as (
  select
    w.*,
    coalesce(s.seasonal_years, 0) as seasonal_years,
    case
      when s.period_totals > 0 then s.same_period / (s.period_totals / 12.0)
      else 1.0
    end as seasonal_factor
  from windowed as w
  left join seasons as s on s.dimension = w.dimension and s.value = w.value
)

select
  $1 as city,
  e.level,
  e.area_key,
  e.dimension,
  e.value,
  t.period,
  cast($2 as date) as month,
  e.observed,
  e.trailing_12,
  e.seasonal_years,
  e.seasonal_factor,
  e.trailing_12 / 12.0 * e.seasonal_factor as expected,
  e.observed / (e.trailing_12 / 12.0 * e.seasonal_factor) as ratio,
  cast(null as double) as p_value,
  false as flagged
from expected as e, tested as t
where t.full_history
  and e.trailing_12 / 12.0 * e.seasonal_factor >= $3
