resource "google_project_iam_member" "auditor" {
  project = "billing-prod"
  role    = "roles/viewer"
  member  = "group:auditors@example.com"
}
