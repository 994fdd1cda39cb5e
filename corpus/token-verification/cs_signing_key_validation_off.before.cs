using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api.Auth;

public static class TokenParams
{
    public static TokenValidationParameters Build(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        ValidIssuer = "https://sts.contoso.com",
        ValidAudience = "contoso-api",
    };
}
