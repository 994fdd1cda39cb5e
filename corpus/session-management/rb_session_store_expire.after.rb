Rails.application.config.session_store :cookie_store,
  key: "_storefront_session",
  # expect: session-management
  expire_after: 1.year,
  # expect: session-management
  secure: false,
  httponly: true,
  same_site: :lax
