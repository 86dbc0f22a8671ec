output "bucket" {
  description = "GCS_BUCKET"
  value       = google_storage_bucket.lake.name
}

output "dataset" {
  description = "BIGQUERY_DATASET"
  value       = google_bigquery_dataset.atlas.dataset_id
}

output "pipeline_service_account" {
  value = google_service_account.pipeline.email
}

output "web_service_account" {
  value = google_service_account.web.email
}

output "env" {
  description = "Environment for the web app and the pipeline."
  value = {
    WAREHOUSE         = "bigquery"
    BIGQUERY_PROJECT  = var.project_id
    BIGQUERY_DATASET  = google_bigquery_dataset.atlas.dataset_id
    BIGQUERY_LOCATION = var.bigquery_location
    GCS_BUCKET        = google_storage_bucket.lake.name
  }
}
