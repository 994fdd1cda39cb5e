using System.IdentityModel.Tokens.Jwt;

namespace Contoso.Web.Diagnostics;

public static class TokenInfo
{
    // Used by the support page to show when a pasted token expires; grants nothing.
    // ok: token-verification
    public static DateTime ExpiresAt(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).ValidTo;
}
