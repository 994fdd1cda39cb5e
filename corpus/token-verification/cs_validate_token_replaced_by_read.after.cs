using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api.Auth;

public class TokenReader
{
    private readonly TokenValidationParameters _params;
    public TokenReader(TokenValidationParameters p) => _params = p;

    public ClaimsPrincipal Read(string token)
    {
        var handler = new JwtSecurityTokenHandler();
        // expect: token-verification
        var jwt = handler.ReadJwtToken(token);
        return new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, "jwt"));
    }
}
