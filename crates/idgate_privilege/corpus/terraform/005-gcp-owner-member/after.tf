resource "google_project_iam_member" "notifier" {
  project = "notifier-prod"
  role    = "roles/owner"
  member  = "serviceAccount:notifier@notifier-prod.iam.gserviceaccount.com"
}
