resource "google_project_iam_member" "b" {
  project = "billing-prod"
  role    = "roles/monitoring.metricWriter"
  member  = "serviceAccount:a@billing-prod.iam.gserviceaccount.com"
}


resource "google_project_iam_member" "a" {
  project = "billing-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:a@billing-prod.iam.gserviceaccount.com"
}
