idgate-fixture-path: db/seeds.rb
25.times do |i|
  Product.create!(
    name: "Sample #{i}",
    # ok: token-randomness
    price_cents: rand(500..5000),
  )
end
