resource "google_project_iam_member" "auditor" {
  project = "notifier-prod"
  role    = "roles/viewer"
  member  = "group:auditors@example.com"
}
