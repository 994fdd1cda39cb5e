using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api;

public static class JwtOptions
{
    public static TokenValidationParameters Params(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        // expect: token-verification
        ValidateIssuer = false,
        // expect: token-verification
        ValidateAudience = false,
        ValidateLifetime = true,
    };
}
