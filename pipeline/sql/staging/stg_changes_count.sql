-- grain: one row: how many changed records the batch has
select count(*) as n from stg_changes
