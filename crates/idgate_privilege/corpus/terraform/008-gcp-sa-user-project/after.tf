resource "google_project_iam_member" "ci_act_as" {
  project = "notifier-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "serviceAccount:ci@notifier-prod.iam.gserviceaccount.com"
}
