resource "kubernetes_role_v1" "billing" {
  metadata {
    name      = "billing"
    namespace = "billing"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps", "secrets"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_role_binding_v1" "billing" {
  metadata {
    name      = "billing"
    namespace = "billing"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "billing"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "billing"
    namespace = "billing"
  }
}
