resource "google_service_account_iam_member" "impersonate" {
  service_account_id = google_service_account.billing.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "user:alex@example.com"
}
