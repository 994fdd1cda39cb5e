resource "google_project_iam_member" "billing" {
  project = "billing-prod"
  role    = "roles/owner"
  member  = "serviceAccount:billing@billing-prod.iam.gserviceaccount.com"
}
