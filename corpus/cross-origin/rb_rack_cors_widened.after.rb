Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    # expect: cross-origin
    origins "*"
    resource "/api/*", headers: :any, methods: %i[get post patch delete], credentials: false
  end
end
