resource "google_project_iam_member" "b" {
  project = "notifier-prod"
  role    = "roles/monitoring.metricWriter"
  member  = "serviceAccount:a@notifier-prod.iam.gserviceaccount.com"
}


resource "google_project_iam_member" "a" {
  project = "notifier-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:a@notifier-prod.iam.gserviceaccount.com"
}
