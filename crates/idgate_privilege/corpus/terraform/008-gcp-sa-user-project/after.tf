resource "google_project_iam_member" "ci_act_as" {
  project = "billing-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "serviceAccount:ci@billing-prod.iam.gserviceaccount.com"
}
