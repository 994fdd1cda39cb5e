using System;
using System.Linq;
using Acme.Shop.Models;

namespace Acme.Shop.Data
{
    public static class DemoCatalogSeeder
    {
        private static readonly string[] Adjectives = { "Cozy", "Bold", "Quiet", "Sunny", "Rustic" };
        private static readonly string[] Nouns = { "Lamp", "Chair", "Mug", "Blanket", "Shelf" };

        public static void Seed(ShopContext db)
        {
            if (db.Products.Any()) return;
            var rng = new Random(1234);
            for (var i = 0; i < 200; i++)
            {
                db.Products.Add(new Product
                {
                    Name = $"{Adjectives[rng.Next(Adjectives.Length)]} {Nouns[rng.Next(Nouns.Length)]}",
                    // ok: token-randomness
                    PriceCents = rng.Next(500, 25000),
                    Stock = rng.Next(0, 80),
                });
            }
            db.SaveChanges();
        }
    }
}
