namespace :partners do
  task rotate_key: :environment do
    partner = Partner.find(ENV.fetch("PARTNER_ID"))
    key = partner.rotate_api_key!
    # expect: secret-exposure
    puts "new API key for #{partner.name}: #{key}"
  end
end
