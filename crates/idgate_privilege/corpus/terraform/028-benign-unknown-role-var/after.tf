variable "role" {
  type = string
}

resource "google_project_iam_member" "x" {
  project = "billing-prod"
  role    = var.role
  member  = "group:team@example.com"
}
