"""Kubernetes RBAC cases of the labelled corpus (see make_corpus.py)."""

import random


def q(rnd, s):
    """Quote a YAML scalar in one of the styles people write."""
    style = rnd.choice(["plain", "double", "single"])
    if s == "" or s == "*" or s.startswith("*") or ":" in s:
        style = rnd.choice(["double", "single"])
    if style == "double":
        return f'"{s}"'
    if style == "single":
        return f"'{s}'"
    return s


def lst(rnd, items):
    return "[" + ", ".join(q(rnd, i) for i in items) + "]"


def rule(rnd, groups, resources, verbs, names=None, urls=None):
    out = []
    if urls:
        out.append(f"- nonResourceURLs: {lst(rnd, urls)}\n  verbs: {lst(rnd, verbs)}\n")
        return "".join(out)
    if rnd.random() < 0.5:
        s = f"- apiGroups: {lst(rnd, groups)}\n  resources: {lst(rnd, resources)}\n"
        if names:
            s += f"  resourceNames: {lst(rnd, names)}\n"
        s += f"  verbs: {lst(rnd, verbs)}\n"
    else:
        s = "- apiGroups:\n" + "".join(f"  - {q(rnd, g)}\n" for g in groups)
        s += "  resources:\n" + "".join(f"  - {q(rnd, r)}\n" for r in resources)
        if names:
            s += "  resourceNames:\n" + "".join(f"  - {q(rnd, n)}\n" for n in names)
        s += "  verbs:\n" + "".join(f"  - {q(rnd, v)}\n" for v in verbs)
    return s


def role(rnd, name, ns, rules, labels=None, cluster=False, aggregate=None):
    kind = "ClusterRole" if cluster else "Role"
    s = f"apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: {name}\n"
    if not cluster:
        s += f"  namespace: {ns}\n"
    if labels:
        s += "  labels:\n" + "".join(f"    {k}: \"{v}\"\n" for k, v in labels.items())
    if aggregate:
        s += "aggregationRule:\n  clusterRoleSelectors:\n"
        for k, v in aggregate.items():
            s += f"  - matchLabels:\n      {k}: \"{v}\"\n"
    s += "rules:\n" + "".join(rules) if rules else ("rules: []\n" if not aggregate else "")
    return s


def binding(rnd, name, ns, role_kind, role_name, subjects, cluster=False):
    kind = "ClusterRoleBinding" if cluster else "RoleBinding"
    s = f"apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: {name}\n"
    if not cluster:
        s += f"  namespace: {ns}\n"
    s += "subjects:\n"
    for kind_, sname, sns in subjects:
        s += f"- kind: {kind_}\n  name: {q(rnd, sname)}\n"
        if kind_ == "ServiceAccount":
            s += f"  namespace: {sns}\n"
        else:
            s += "  apiGroup: rbac.authorization.k8s.io\n"
    s += f"roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {role_kind}\n  name: {role_name}\n"
    return s


def docs(*d):
    return "---\n".join(d)


NAMESPACES = ["payments", "shop", "ci", "monitoring", "data-eng", "platform", "web", "batch-jobs", "ml", "identity"]
APPS = ["checkout", "ledger", "indexer", "notifier", "gateway", "reporter", "scheduler", "uploader", "crawler", "billing"]


def cases(rnd):
    out = []

    def add(name, before, after, expected):
        out.append((name, before, after, expected))

    def pick():
        ns = rnd.choice(NAMESPACES)
        app = rnd.choice(APPS)
        return ns, app

    for i in range(2):
        ns, app = pick()
        r0 = [rule(rnd, [""], ["configmaps"], ["get", "list"])]
        r1 = [rule(rnd, [""], ["configmaps", "secrets"], ["get", "list"])]
        b = binding(rnd, f"{app}-read", ns, "Role", f"{app}-read", [("ServiceAccount", app, ns)])
        add(f"secret-read-added-{i}", docs(role(rnd, f"{app}-read", ns, r0), b), docs(role(rnd, f"{app}-read", ns, r1), b), ["IDG303"])

    ns, app = pick()
    rr = [rule(rnd, [""], ["pods"], ["get", "list"]), rule(rnd, [""], ["pods/exec"], ["create"])]
    add("exec-role-new-file", None, docs(role(rnd, "debugger", ns, rr), binding(rnd, "debugger", ns, "Role", "debugger", [("User", "oncall@example.com", None)])), ["IDG304"])

    for i, (sk, sn) in enumerate([("ServiceAccount", "argo-deployer"), ("Group", "platform-admins")]):
        ns, _ = pick()
        add(f"cluster-admin-binding-{i}", None, binding(rnd, f"{sn}-admin", None, "ClusterRole", "cluster-admin", [(sk, sn, ns)], cluster=True), ["IDG302"])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("wildcard-verbs-on-deployments", docs(role(rnd, app, ns, [rule(rnd, ["apps"], ["deployments"], ["get", "list"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, ["apps"], ["deployments"], ["*"])]), b), ["IDG301"])

    ns, app = pick()
    add("full-wildcard-clusterrole", None, docs(role(rnd, f"{app}-operator", None, [rule(rnd, ["*"], ["*"], ["*"])], cluster=True),
        binding(rnd, f"{app}-operator", None, "ClusterRole", f"{app}-operator", [("ServiceAccount", f"{app}-operator", ns)], cluster=True)), ["IDG301"])

    ns, app = pick()
    add("bind-escalate-roles", docs(role(rnd, "rbac-manager", None, [rule(rnd, ["rbac.authorization.k8s.io"], ["clusterroles"], ["get", "list"])], cluster=True)),
        docs(role(rnd, "rbac-manager", None, [rule(rnd, ["rbac.authorization.k8s.io"], ["clusterroles"], ["get", "list", "bind", "escalate"])], cluster=True)), ["IDG306"])

    ns, app = pick()
    add("impersonate-users", None, docs(role(rnd, "impersonator", None, [rule(rnd, [""], ["users", "groups"], ["impersonate"])], cluster=True),
        binding(rnd, "impersonator", None, "ClusterRole", "impersonator", [("ServiceAccount", app, ns)], cluster=True)), ["IDG306"])

    ns, app = pick()
    b = binding(rnd, f"{app}-tokens", ns, "Role", f"{app}-tokens", [("ServiceAccount", app, ns)])
    add("serviceaccount-token-create", docs(role(rnd, f"{app}-tokens", ns, [rule(rnd, [""], ["serviceaccounts"], ["get"])]), b),
        docs(role(rnd, f"{app}-tokens", ns, [rule(rnd, [""], ["serviceaccounts"], ["get"]), rule(rnd, [""], ["serviceaccounts/token"], ["create"])]), b), ["IDG307"])

    ns, app = pick()
    add("csr-approval", None, docs(role(rnd, "csr-approver", None, [rule(rnd, ["certificates.k8s.io"], ["certificatesigningrequests"], ["get", "list", "watch"]),
        rule(rnd, ["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"]),
        rule(rnd, ["certificates.k8s.io"], ["signers"], ["approve"], names=["kubernetes.io/kube-apiserver-client"])], cluster=True),
        binding(rnd, "csr-approver", None, "ClusterRole", "csr-approver", [("ServiceAccount", "cert-bot", ns)], cluster=True)), ["IDG307"])

    ns, app = pick()
    add("mutating-webhook-control", None, docs(role(rnd, "webhook-admin", None, [rule(rnd, ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["get", "create", "patch"])], cluster=True),
        binding(rnd, "webhook-admin", None, "ClusterRole", "webhook-admin", [("ServiceAccount", f"{app}-injector", ns)], cluster=True)), ["IDG308"])

    for i, grp in enumerate(["system:authenticated", "system:unauthenticated"]):
        ns, app = pick()
        r = role(rnd, f"{app}-status", None, [rule(rnd, [""], ["configmaps"], ["get"])], cluster=True)
        add(f"broad-group-{i}", docs(r), docs(r, binding(rnd, f"{app}-status", None, "ClusterRole", f"{app}-status", [("Group", grp, None)], cluster=True)), ["IDG309"])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", f"{app}-runner", [("ServiceAccount", app, ns)])
    add("create-pods", docs(role(rnd, f"{app}-runner", ns, [rule(rnd, [""], ["pods"], ["get", "list", "watch"])]), b),
        docs(role(rnd, f"{app}-runner", ns, [rule(rnd, [""], ["pods"], ["get", "list", "watch", "create", "delete"])]), b), ["IDG305"])

    ns, app = pick()
    add("nodes-proxy", None, docs(role(rnd, "kubelet-reader", None, [rule(rnd, [""], ["nodes", "nodes/proxy", "nodes/stats"], ["get"])], cluster=True),
        binding(rnd, "kubelet-reader", None, "ClusterRole", "kubelet-reader", [("ServiceAccount", "metrics-agent", ns)], cluster=True)), ["IDG304"])

    for i in range(2):
        ns, app = pick()
        agg = role(rnd, f"{app}-aggregate", None, [], cluster=True, aggregate={"example.com/aggregate-to-ops": "true"})
        peek0 = role(rnd, f"{app}-peek", None, [rule(rnd, [""], ["secrets"], ["get", "list"])], labels={"team": app}, cluster=True)
        peek1 = role(rnd, f"{app}-peek", None, [rule(rnd, [""], ["secrets"], ["get", "list"])], labels={"team": app, "example.com/aggregate-to-ops": "true"}, cluster=True)
        b = binding(rnd, f"{app}-ops", None, "ClusterRole", f"{app}-aggregate", [("Group", f"{app}-ops", None)], cluster=True)
        b2 = binding(rnd, f"{app}-peek", ns, "ClusterRole", f"{app}-peek", [("ServiceAccount", "auditor", ns)])
        add(f"aggregation-label-added-{i}", docs(agg, peek0, b, b2), docs(agg, peek1, b, b2), ["IDG303"])

    ns, app = pick()
    r = role(rnd, f"{app}-secrets", ns, [rule(rnd, [""], ["secrets"], ["get", "list", "watch"])])
    add("subject-added-to-secret-binding", docs(r, binding(rnd, f"{app}-secrets", ns, "Role", f"{app}-secrets", [("ServiceAccount", app, ns)])),
        docs(r, binding(rnd, f"{app}-secrets", ns, "Role", f"{app}-secrets", [("ServiceAccount", app, ns), ("ServiceAccount", "default", ns)])), ["IDG303"])

    ns, app = pick()
    add("roleref-view-to-edit", binding(rnd, f"{app}-team", ns, "ClusterRole", "view", [("Group", f"{app}-devs", None)]),
        binding(rnd, f"{app}-team", ns, "ClusterRole", "edit", [("Group", f"{app}-devs", None)]), ["IDG302"])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("User", f"{app}-bot", None)])
    add("star-slash-exec", docs(role(rnd, app, ns, [rule(rnd, [""], ["pods", "pods/log"], ["get"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, [""], ["pods", "pods/log", "*/exec"], ["get", "create"])]), b), ["IDG304"])

    ns, app = pick()
    add("unbound-clusterrole-secret-watch", role(rnd, f"{app}-watcher", None, [rule(rnd, [""], ["configmaps"], ["watch"])], cluster=True),
        role(rnd, f"{app}-watcher", None, [rule(rnd, [""], ["configmaps", "secrets"], ["watch"])], cluster=True), ["IDG303"])

    ns, app = pick()
    b = binding(rnd, f"{app}-deployer", ns, "Role", f"{app}-deployer", [("ServiceAccount", "ci", "ci")])
    add("deployments-patch", docs(role(rnd, f"{app}-deployer", ns, [rule(rnd, ["apps"], ["deployments"], ["get", "list"])]), b),
        docs(role(rnd, f"{app}-deployer", ns, [rule(rnd, ["apps"], ["deployments"], ["get", "list", "patch", "update"])]), b), ["IDG305"])

    ns, app = pick()
    add("rolebinding-to-admin", None, binding(rnd, f"{app}-owners", ns, "ClusterRole", "admin", [("User", f"lead@{app}.example.com", None)]), ["IDG302"])

    ns, app = pick()
    lst_role = "apiVersion: v1\nkind: List\nitems:\n" + "".join(
        "- " + line + "\n" if j == 0 else "  " + line + "\n"
        for j, line in enumerate(role(rnd, "escalator", None, [rule(rnd, ["rbac.authorization.k8s.io"], ["roles"], ["escalate"])], cluster=True).splitlines()))
    add("list-kind-escalate", None, lst_role, ["IDG306"])

    ns, app = pick()
    b = binding(rnd, "binder", ns, "Role", "binder", [("ServiceAccount", app, ns)])
    add("rolebindings-create", docs(role(rnd, "binder", ns, [rule(rnd, ["rbac.authorization.k8s.io"], ["rolebindings"], ["get", "list"])]), b),
        docs(role(rnd, "binder", ns, [rule(rnd, ["rbac.authorization.k8s.io"], ["rolebindings"], ["get", "list", "create"])]), b), ["IDG306"])

    ns, app = pick()
    add("ephemeral-containers", None, docs(role(rnd, "debug", ns, [rule(rnd, [""], ["pods/ephemeralcontainers"], ["patch"])]),
        binding(rnd, "debug", ns, "Role", "debug", [("Group", "sre", None)])), ["IDG304"])

    # ---------------------------------------------------------------- benign
    for i in range(2):
        ns, app = pick()
        ra = rule(rnd, [""], ["configmaps"], ["get", "list"])
        rb = rule(rnd, ["apps"], ["deployments"], ["get"])
        b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
        add(f"benign-reorder-rules-{i}", docs(role(rnd, app, ns, [ra, rb]), b), docs(role(rnd, app, ns, [rb, ra]), b), [])

    ns, app = pick()
    r = role(rnd, app, ns, [rule(rnd, [""], ["services"], ["get", "list"])])
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-reorder-documents", docs(r, b), "# split and reordered\n" + docs(b, r), [])

    for i in range(2):
        ns, app = pick()
        b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
        add(f"benign-narrow-verbs-{i}", docs(role(rnd, app, ns, [rule(rnd, [""], ["secrets"], ["get", "list", "watch"])]), b),
            docs(role(rnd, app, ns, [rule(rnd, [""], ["secrets"], ["get"], names=[f"{app}-tls"])]), b), [])

    ns, app = pick()
    r = role(rnd, app, ns, [rule(rnd, [""], ["pods/exec"], ["create"])])
    add("benign-remove-binding", docs(r, binding(rnd, app, ns, "Role", app, [("User", "dev", None)])), docs(r), [])

    for i in range(2):
        ns, app = pick()
        b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
        add(f"benign-add-configmap-read-{i}", docs(role(rnd, app, ns, [rule(rnd, [""], ["services"], ["get"])]), b),
            docs(role(rnd, app, ns, [rule(rnd, [""], ["services", "configmaps"], ["get"])]), b), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-named-secret", docs(role(rnd, app, ns, [rule(rnd, [""], ["configmaps"], ["get"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, [""], ["configmaps"], ["get"]), rule(rnd, [""], ["secrets"], ["get"], names=[f"{app}-db-credentials"])]), b), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    rr = [rule(rnd, [""], ["pods"], ["list"])]
    add("benign-add-label", docs(role(rnd, app, ns, rr), b), docs(role(rnd, app, ns, rr, labels={"app.kubernetes.io/part-of": app}), b), [])

    ns, app = pick()
    add("benign-new-readonly-role", None, docs(role(rnd, f"{app}-viewer", ns, [rule(rnd, ["", "apps"], ["pods", "services", "deployments"], ["get", "list", "watch"])]),
        binding(rnd, f"{app}-viewer", ns, "Role", f"{app}-viewer", [("Group", f"{app}-devs", None)])), [])

    ns, app = pick()
    r = role(rnd, app, ns, [rule(rnd, [""], ["configmaps"], ["get"])])
    add("benign-subject-added-readonly", docs(r, binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])),
        docs(r, binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns), ("ServiceAccount", f"{app}-worker", ns)])), [])

    ns, app = pick()
    add("benign-helm-template", None, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {{ include \"chart.fullname\" . }}\n  namespace: {{ .Release.Namespace }}\nrules:\n{{- toYaml .Values.rbac.rules | nindent 2 }}\n", [])

    ns, app = pick()
    add("benign-rolebinding-cannot-grant-nodes-proxy", None, docs(role(rnd, "node-reader", None, [rule(rnd, [""], ["nodes/proxy"], ["get"])], cluster=True),
        binding(rnd, "node-reader", ns, "ClusterRole", "node-reader", [("ServiceAccount", app, ns)])), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-wildcard-to-explicit", docs(role(rnd, app, ns, [rule(rnd, ["apps"], ["deployments"], ["*"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, ["apps"], ["deployments"], ["get", "list", "patch"])]), b), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-pod-logs", docs(role(rnd, app, ns, [rule(rnd, [""], ["pods"], ["get"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, [""], ["pods", "pods/log"], ["get"])]), b), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-events-create", docs(role(rnd, app, ns, [rule(rnd, [""], ["pods"], ["get"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, [""], ["pods"], ["get"]), rule(rnd, ["", "events.k8s.io"], ["events"], ["create", "patch"])]), b), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    r1 = rule(rnd, [""], ["secrets"], ["get"])
    add("benign-duplicate-rule", docs(role(rnd, app, ns, [r1]), b), docs(role(rnd, app, ns, [r1, rule(rnd, [""], ["secrets"], ["get"])]), b), [])

    ns, app = pick()
    add("benign-healthz-url", None, docs(role(rnd, "health-prober", None, [rule(rnd, [], [], ["get"], urls=["/healthz", "/readyz", "/livez"])], cluster=True),
        binding(rnd, "health-prober", None, "ClusterRole", "health-prober", [("ServiceAccount", "prober", ns)], cluster=True)), [])

    ns, app = pick()
    rr = [rule(rnd, [""], ["pods"], ["list"])]
    add("benign-rename-role", docs(role(rnd, f"{app}-old", ns, rr), binding(rnd, app, ns, "Role", f"{app}-old", [("ServiceAccount", app, ns)])),
        docs(role(rnd, f"{app}-reader", ns, rr), binding(rnd, app, ns, "Role", f"{app}-reader", [("ServiceAccount", app, ns)])), [])

    ns, app = pick()
    b = binding(rnd, app, ns, "Role", app, [("ServiceAccount", app, ns)])
    add("benign-named-create-matches-nothing", docs(role(rnd, app, ns, [rule(rnd, [""], ["configmaps"], ["get"])]), b),
        docs(role(rnd, app, ns, [rule(rnd, [""], ["configmaps"], ["get"]), rule(rnd, [""], ["pods"], ["create"], names=[f"{app}-job"])]), b), [])

    ns, app = pick()
    add("benign-delete-file", docs(role(rnd, "all", None, [rule(rnd, ["*"], ["*"], ["*"])], cluster=True)), "", [])
    return out
