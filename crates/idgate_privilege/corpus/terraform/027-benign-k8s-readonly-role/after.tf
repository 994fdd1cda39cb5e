resource "kubernetes_role_v1" "notifier" {
  metadata {
    name      = "notifier"
    namespace = "notifier"
  }
  rule {
    api_groups = [""]
    resources  = ["pods", "services"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_role_binding_v1" "notifier" {
  metadata {
    name      = "notifier"
    namespace = "notifier"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "notifier"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "notifier"
    namespace = "notifier"
  }
}
