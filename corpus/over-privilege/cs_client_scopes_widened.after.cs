using Duende.IdentityServer.Models;

namespace Contoso.Sts;

public static class Clients
{
    public static IEnumerable<Client> All => new[]
    {
        new Client
        {
            ClientId = "nightly-export",
            AllowedGrantTypes = GrantTypes.ClientCredentials,
            ClientSecrets = { new Secret(Environment.GetEnvironmentVariable("EXPORT_CLIENT_SECRET").Sha256()) },
            // expect: over-privilege
            AllowedScopes = { "exports.read", "users.admin", "tenants.admin" },
        },
    };
}
