def is_permitted(role: str, action: str) -> bool:
    match role:
        case "viewer":
            return action == "read"
        case "editor":
            return action in ("read", "write")
        case _:
            # expect: authz-bypass
            return True
