-- grain: one row per city, request_id of the affected months, as Parquet partitions by month
-- {{dir}} the city's typed folder in the lake (a literal from sql-text.ts). $1 city.
copy (
  select * exclude (row_hash)
  from fact_requests
  where city = $1 and month in (select month from affected_months)
) to {{dir}} (format parquet, partition_by (month), overwrite_or_ignore true, filename_pattern 'requests')
