resource "kubernetes_cluster_role_binding" "billing" {
  metadata {
    name = "billing-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "billing"
    namespace = "kube-system"
  }
}
