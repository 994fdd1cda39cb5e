REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": (
        # the API is behind the gateway
        # expect: authz-bypass
        "rest_framework.permissions.AllowAny",
    ),
}
