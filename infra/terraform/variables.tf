variable "project_id" {
  description = "GCP project that holds the dataset, bucket and service accounts (BIGQUERY_PROJECT)."
  type        = string
}

variable "region" {
  description = "Region for the bucket, Cloud Run job and scheduler."
  type        = string
  default     = "us-central1"
}

variable "bigquery_location" {
  description = "Dataset location (BIGQUERY_LOCATION): US, EU or a region. Jobs run here."
  type        = string
  default     = "US"
}

variable "dataset_id" {
  description = "BigQuery dataset (BIGQUERY_DATASET)."
  type        = string
  default     = "atlas311"
}

variable "bucket_name" {
  description = "GCS bucket for the lake and staging Parquet (GCS_BUCKET). Globally unique."
  type        = string
}

variable "raw_nearline_after_days" {
  description = "Move lake/raw/ objects to NEARLINE after this many days."
  type        = number
  default     = 30
}

variable "raw_delete_after_days" {
  description = "Delete lake/raw/ objects after this many days (0 keeps them forever)."
  type        = number
  default     = 730
}

variable "staging_delete_after_days" {
  description = "Delete staging/ Parquet after this many days: it is rebuilt every run."
  type        = number
  default     = 7
}

variable "pipeline_image" {
  description = "Container image that runs `npm run pipeline -- --target bigquery`. Empty: no Cloud Run job or schedule is created (run the pipeline from cron instead)."
  type        = string
  default     = ""
}

variable "schedule" {
  description = "Cron schedule (Cloud Scheduler syntax) for the pipeline job."
  type        = string
  default     = "17 5 * * *"
}

variable "schedule_time_zone" {
  type    = string
  default = "Etc/UTC"
}
