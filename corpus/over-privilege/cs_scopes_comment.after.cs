using Duende.IdentityServer.Models;

namespace Contoso.Sts;

public static class Clients
{
    public static Client NightlyExport => new()
    {
        ClientId = "nightly-export",
        AllowedGrantTypes = GrantTypes.ClientCredentials,
        // Read-only export; never add write or admin scopes here.
        AllowedScopes = { "exports.read" },
    };
}
