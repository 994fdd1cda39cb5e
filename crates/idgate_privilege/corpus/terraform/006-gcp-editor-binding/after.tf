resource "google_project_iam_binding" "devs" {
  project = "billing-prod"
  role    = "roles/editor"
  members = ["group:devs@example.com"]
}
