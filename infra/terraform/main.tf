# Atlas 311 on Google Cloud: a lake bucket, a dataset, and two least-privilege service
# accounts (pipeline writes, web reads). Optional: a Cloud Run job run by Cloud Scheduler.

resource "google_project_service" "apis" {
  for_each = toset(concat(
    ["bigquery.googleapis.com", "storage.googleapis.com", "iam.googleapis.com"],
    var.pipeline_image == "" ? [] : ["run.googleapis.com", "cloudscheduler.googleapis.com"],
  ))
  service            = each.value
  disable_on_destroy = false
}

resource "google_storage_bucket" "lake" {
  name                        = var.bucket_name
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  lifecycle_rule {
    condition {
      age            = var.raw_nearline_after_days
      matches_prefix = ["lake/raw/"]
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }

  dynamic "lifecycle_rule" {
    for_each = var.raw_delete_after_days > 0 ? [1] : []
    content {
      condition {
        age            = var.raw_delete_after_days
        matches_prefix = ["lake/raw/"]
      }
      action {
        type = "Delete"
      }
    }
  }

  lifecycle_rule {
    condition {
      age            = var.staging_delete_after_days
      matches_prefix = ["staging/"]
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_bigquery_dataset" "atlas" {
  dataset_id  = var.dataset_id
  location    = var.bigquery_location
  description = "Atlas 311 warehouse: tables as in docs/ARCHITECTURE.md"
  labels      = { app = "atlas-311" }
  depends_on  = [google_project_service.apis]
}

resource "google_service_account" "pipeline" {
  account_id   = "atlas-311-pipeline"
  display_name = "Atlas 311 pipeline (writes the warehouse)"
}

resource "google_service_account" "web" {
  account_id   = "atlas-311-web"
  display_name = "Atlas 311 web app (reads the warehouse)"
}

# Pipeline: create/replace tables and run DML in the dataset, run jobs, write the bucket.
resource "google_bigquery_dataset_iam_member" "pipeline_editor" {
  dataset_id = google_bigquery_dataset.atlas.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_project_iam_member" "pipeline_jobs" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_storage_bucket_iam_member" "pipeline_objects" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.pipeline.email}"
}

# Web: read the dataset (queries and tables.get for publish_version), run query jobs.
resource "google_bigquery_dataset_iam_member" "web_viewer" {
  dataset_id = google_bigquery_dataset.atlas.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.web.email}"
}

resource "google_project_iam_member" "web_jobs" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.web.email}"
}

# Optional: the pipeline as a Cloud Run job on a schedule.
resource "google_cloud_run_v2_job" "pipeline" {
  count    = var.pipeline_image == "" ? 0 : 1
  name     = "atlas-311-pipeline"
  location = var.region

  template {
    template {
      service_account = google_service_account.pipeline.email
      timeout         = "3600s"
      max_retries     = 1
      containers {
        image   = var.pipeline_image
        command = ["npm"]
        args    = ["run", "pipeline", "--", "--target", "bigquery"]
        env {
          name  = "WAREHOUSE"
          value = "bigquery"
        }
        env {
          name  = "BIGQUERY_PROJECT"
          value = var.project_id
        }
        env {
          name  = "BIGQUERY_DATASET"
          value = google_bigquery_dataset.atlas.dataset_id
        }
        env {
          name  = "BIGQUERY_LOCATION"
          value = var.bigquery_location
        }
        env {
          name  = "GCS_BUCKET"
          value = google_storage_bucket.lake.name
        }
        resources {
          limits = { cpu = "2", memory = "4Gi" }
        }
      }
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_service_account" "scheduler" {
  count        = var.pipeline_image == "" ? 0 : 1
  account_id   = "atlas-311-scheduler"
  display_name = "Atlas 311 scheduler (starts the pipeline job)"
}

resource "google_cloud_run_v2_job_iam_member" "scheduler_invoker" {
  count    = var.pipeline_image == "" ? 0 : 1
  name     = google_cloud_run_v2_job.pipeline[0].name
  location = var.region
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler[0].email}"
}

resource "google_cloud_scheduler_job" "pipeline" {
  count     = var.pipeline_image == "" ? 0 : 1
  name      = "atlas-311-pipeline"
  region    = var.region
  schedule  = var.schedule
  time_zone = var.schedule_time_zone

  http_target {
    http_method = "POST"
    uri         = "https://run.googleapis.com/v2/projects/${var.project_id}/locations/${var.region}/jobs/${google_cloud_run_v2_job.pipeline[0].name}:run"
    oauth_token {
      service_account_email = google_service_account.scheduler[0].email
    }
  }
}
