using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api.Auth;

public static class ValidationParams
{
    public static TokenValidationParameters Build(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidIssuer = "https://sts.contoso.com",
        ValidAudience = "contoso-api",
    };
}
