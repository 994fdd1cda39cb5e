Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    # ok: cross-origin
    origins "https://app.example.com", "https://admin.example.com"
    resource "/api/*", headers: :any, methods: %i[get post], credentials: true
  end
end
