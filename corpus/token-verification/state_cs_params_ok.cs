using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api;

public static class StrictJwtOptions
{
    // ok: token-verification
    public static TokenValidationParameters Params(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        ValidateIssuer = true,
        ValidIssuer = "https://sts.contoso.com",
        ValidateAudience = true,
        ValidAudience = "contoso-api",
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
