data "google_iam_policy" "admin" {
  binding {
    role    = "roles/owner"
    members = ["user:root@example.com"]
  }
}

resource "google_project_iam_policy" "billing" {
  project     = "billing-prod"
  policy_data = data.google_iam_policy.admin.policy_data
}
