using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace Contoso.Identity;

public static class ServiceTokens
{
    public static string Issue(SigningCredentials creds, string svc)
    {
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        // expect: token-lifetime
        var token = handler.CreateToken(new SecurityTokenDescriptor { Issuer = "sts", Audience = svc, SigningCredentials = creds });
        return handler.WriteToken(token);
    }
}
