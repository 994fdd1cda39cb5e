using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Contoso.Identity;

public class TokenFactory
{
    private readonly SigningCredentials _creds;
    public TokenFactory(SigningCredentials creds) => _creds = creds;

    public string Create(string userId)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(new[] { new Claim("sub", userId) }),
            Expires = DateTime.UtcNow.AddMinutes(20),
            SigningCredentials = _creds,
        };
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(handler.CreateToken(descriptor));
    }
}
