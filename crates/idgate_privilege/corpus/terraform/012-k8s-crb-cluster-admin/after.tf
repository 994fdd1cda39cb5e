resource "kubernetes_cluster_role_binding" "notifier" {
  metadata {
    name = "notifier-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "notifier"
    namespace = "kube-system"
  }
}
